"""Published reports on the portal: the publications page (every published edition with
its language versions, files and citation), each edition's contents, and each part on a
page of its own, so that a chapter's charts and maps stay within a page's weight on a
slow line. Published editions are frozen, so their pages are cached like the portal's."""

from django.core.cache import cache
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from coalition.core.locale import localise_digits
from coalition.geo.maps import shape_definitions
from coalition.portal.caching import TIMEOUT, revalidated
from coalition.portal.figures import country as document_country
from coalition.reports.blocks import Map
from coalition.reports.chapters import SHAPES
from coalition.reports.document import build_document, citation_of, section_title
from coalition.reports.models import Build, Edition


def _language_of(edition) -> tuple[str, bool]:
    """The reader's language if the edition is written in it, else its first language;
    and whether that is a fallback."""
    language = get_language() or "en"
    if language in edition.languages:
        return language, False
    return edition.languages[0], True


def files_of(edition) -> dict[str, list[Build]]:
    """The newest built file of each format, by language."""
    found: dict[tuple[str, str], Build] = {}
    for done in edition.builds.filter(status=Build.Status.SUCCEEDED).exclude(format="html"):
        key = (done.language, done.format)
        if key not in found or done.pk > found[key].pk:
            found[key] = done
    by_language: dict[str, list[Build]] = {code: [] for code in edition.languages}
    for (language, _format), done in sorted(found.items()):
        by_language[language].append(done)
    return by_language


@revalidated
def publications(request):
    published = Edition.objects.published().order_by("-published_at", "-pk")
    return render(
        request,
        "reports/publications.html",
        {
            "items": [
                (
                    edition,
                    edition.title_in(lang),
                    lang,
                    files_of(edition),
                    citation_of(edition, lang),
                )
                for edition, lang in ((e, _language_of(e)[0]) for e in published)
            ]
        },
    )


def _published(pk) -> Edition:
    return get_object_or_404(Edition.objects.published(), pk=pk)


@revalidated
def publication(request, pk):
    edition = _published(pk)
    language, fallback = _language_of(edition)
    return render(
        request,
        "reports/publication.html",
        {
            "edition": edition,
            "title": edition.title_in(language),
            "language": language,
            "fallback": fallback,
            "parts": contents_of(edition, language),
            "files": files_of(edition),
            "citation": citation_of(edition, language),
        },
    )


@revalidated
def publication_part(request, pk, key):
    edition = _published(pk)
    language, fallback = _language_of(edition)
    html = rendered_parts(edition, language).get(key)
    if html is None:
        raise Http404
    return render(
        request,
        "reports/publication_part.html",
        {
            "edition": edition,
            "title": edition.title_in(language),
            "language": language,
            "fallback": fallback,
            "body": mark_safe(html),  # noqa: S308 - rendered by our templates, escaped there
            "parts": contents_of(edition, language),
            "key": key,
        },
    )


def rendered_parts(edition, language) -> dict[str, str]:
    """Every part of a published edition as HTML, drawn once per language and kept: a
    published edition never changes (its figures are frozen), and figure and table
    numbers run through the whole document, so the parts are made together."""
    key = f"reports:parts:{edition.pk}:{edition.revision}:{language}"
    parts = cache.get(key)
    if parts is None:
        document = build_document(edition, language)
        shapes = shape_definitions(document_country(), SHAPES)
        parts = {}
        for part in document.parts:
            html = render_to_string(
                "reports/part.html", {"part": part, "document": document, "web": True}
            )
            has_map = any(isinstance(block, Map) for block in part.blocks)
            parts[part.key] = (shapes if has_map else "") + html
        cache.set(key, parts, TIMEOUT)
    return parts


def contents_of(edition, language) -> list[tuple[str, str, str]]:
    return [
        (section.key, localise_digits(str(number), language), section_title(edition, section))
        for number, section in enumerate(edition.sections.all(), start=1)
    ]


def publication_file(request, pk, build_pk):
    edition = _published(pk)
    done = get_object_or_404(edition.builds, pk=build_pk, status=Build.Status.SUCCEEDED)
    response = file_response(done)
    response["Cache-Control"] = "public, max-age=86400"
    return response


def file_response(done: Build) -> FileResponse:
    """A built document as a download under the name it was built with."""
    name = done.file.name.rsplit("/", 1)[-1]
    return FileResponse(done.file.open("rb"), as_attachment=True, filename=name)
