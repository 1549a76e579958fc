"""Background work of the indicator engine."""

from django_tasks import task


@task()
def run_dataset_import(version_pk: int) -> dict:
    """Import a queued dataset file: checked in full, written only when clean."""
    from coalition.indicators.services import import_dataset_version, recompute_after
    from coalition.warehouse.models import DatasetVersion

    version = import_dataset_version(
        DatasetVersion.objects.select_related("dataset").get(pk=version_pk)
    )
    recompute_after(version, actor=version.imported_by)
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


@task()
def refresh_form_fed_datasets(form_dataset: str) -> dict:
    """A form's data was written to the warehouse again: every dataset it feeds takes it
    as a new version, and what that affects is recomputed."""
    from coalition.indicators.services import import_from_form, recompute_after
    from coalition.warehouse.models import Dataset

    versions = []
    for dataset in Dataset.objects.filter(form_dataset=form_dataset):
        version = import_from_form(dataset)
        versions.append(version.pk)
        recompute_after(version)
    return {"versions": versions}
