"""Building an edition's document in one format and language: the task's work."""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from coalition.reports.document import build_document
from coalition.reports.models import Build
from coalition.reports.printing import print_html, write_pdf
from coalition.reports.word import write_docx

log = logging.getLogger(__name__)


def render(edition, format: str, language: str, progress=None) -> tuple[bytes, int | None]:
    """The document's bytes and, for a PDF, its number of pages. `progress(percent)` hears
    when the figures are drawn (the layout that follows takes the rest)."""
    document = build_document(edition, language)
    if progress:
        progress(40)
    if format == Build.Format.PDF:
        printed = write_pdf(document)
        return printed.pdf, printed.pages
    if format == Build.Format.DOCX:
        return write_docx(document), None
    return print_html(document).encode(), None


def filename_of(edition, format: str, language: str) -> str:
    return (
        f"{edition.kind}-{edition.year}-{slugify(edition.title_in('en'))[:40]}-{language}.{format}"
    )


def run_build(build: Build) -> Build:
    Build.objects.filter(pk=build.pk).update(status=Build.Status.RUNNING, progress=5)
    try:
        content, pages = render(
            build.edition, build.format, build.language, progress=build.report_progress
        )
    except Exception as error:  # a failed build says why on its page, and stops there
        log.exception("building %s failed", build)
        build.status = Build.Status.FAILED
        build.error = str(error)[:2000]
    else:
        with transaction.atomic():
            build.file.save(
                filename_of(build.edition, build.format, build.language),
                ContentFile(content),
                save=False,
            )
            build.size = len(content)
            build.pages = pages
            build.sha256 = hashlib.sha256(content).hexdigest()
            build.status = Build.Status.SUCCEEDED
    build.progress = 100
    build.finished_at = timezone.now()
    build.save()
    return build
