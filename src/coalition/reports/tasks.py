"""Background work of the reports: building documents."""

from django_tasks import task


@task()
def build_document(build_pk: int) -> dict:
    """Build one edition's document (PDF, DOCX or HTML) in one language."""
    from coalition.reports.building import run_build
    from coalition.reports.models import Build

    build = run_build(Build.objects.select_related("edition").get(pk=build_pk))
    return {"status": build.status, "size": build.size, "pages": build.pages}
