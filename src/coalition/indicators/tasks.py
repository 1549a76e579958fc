"""Background work of the indicator engine."""

from django_tasks import task


@task()
def run_dataset_import(version_pk: int) -> dict:
    """Import a queued dataset file: checked in full, written only when clean."""
    from coalition.indicators.services import import_dataset_version, new_run
    from coalition.warehouse.models import DatasetVersion

    version = import_dataset_version(
        DatasetVersion.objects.select_related("dataset").get(pk=version_pk)
    )
    if version.status == DatasetVersion.Status.SUCCEEDED and version.dataset.year:
        # Recompute what the new version affects, as its own task with its own progress.
        run = new_run(dataset_version=version, actor=version.imported_by)
        run_computation_task.enqueue(run.pk)
    return {"status": version.status, "rows": version.rows, "problems": len(version.problems)}


@task()
def run_computation_task(run_pk: int) -> dict:
    """Compute the catalogue from one dataset version and store the results."""
    from coalition.indicators.computing import run_computation
    from coalition.indicators.models import ComputationRun

    run = run_computation(
        ComputationRun.objects.select_related("dataset_version__dataset").get(pk=run_pk)
    )
    return {"status": run.status, "results": run.results_count}
