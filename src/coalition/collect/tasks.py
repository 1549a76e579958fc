"""Background work of data collection."""

from django_tasks import task


@task()
def refresh_form_dataset(form_pk: int) -> dict:
    """Rewrite a form's Parquet dataset after approvals changed what flows to analysis."""
    from coalition.collect.datasets import dataset_is_current, write_form_dataset
    from coalition.collect.models import Form

    form = Form.objects.get(pk=form_pk)
    # A burst of approvals queues a burst of refreshes; the first one to run writes
    # everything, the rest find the dataset current and stop.
    if dataset_is_current(form):
        return {"skipped": True}
    manifest = write_form_dataset(form)
    return {
        "version": manifest.version,
        "rows": {name: table["rows"] for name, table in manifest.tables.items()},
    }


@task()
def run_import(job_pk: int) -> dict:
    """Import a queued CSV/XLSX file: all rows or none, errors kept on the job."""
    from coalition.collect.models import ImportJob
    from coalition.collect.services import import_rows

    job = import_rows(ImportJob.objects.select_related("form", "uploaded_by").get(pk=job_pk))
    return {"status": job.status, "imported": job.imported, "errors": len(job.errors)}


@task()
def run_export(job_pk: int) -> dict:
    """Write a queued Excel export."""
    from coalition.collect.models import ExportJob
    from coalition.collect.services import write_export

    job = ExportJob.objects.select_related("form", "requested_by").get(pk=job_pk)
    try:
        job = write_export(job)
    except Exception:
        ExportJob.objects.filter(pk=job_pk).update(status=ExportJob.Status.FAILED)
        raise
    return {"status": job.status}
