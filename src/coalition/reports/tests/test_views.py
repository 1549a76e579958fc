"""The report pages: the secretariat's workspace (every role boundary, and that a refused
request changed nothing) and the public publications (drafts never reachable, published
editions in the reader's language, files downloadable, no suppressed value anywhere)."""

import gzip

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from coalition.reports import services
from coalition.reports.building import run_build
from coalition.reports.models import Comment, Edition, SectionText
from coalition.reports.tests.fixtures import SECRET, edition, report_results, results

__all__ = ["edition", "report_results", "results"]
pytestmark = pytest.mark.django_db
DENIED_DRAFT = {"anonymous": 302, "staff": 200, "admin": 200, "*": 404}


def state(edition):
    edition.refresh_from_db()
    return (
        edition.status,
        edition.revision,
        SectionText.objects.count(),
        Comment.objects.count(),
        edition.sign_offs.count(),
        edition.builds.count(),
        Edition.objects.count(),
    )


@pytest.fixture
def published(edition, staff_user, admin_user):
    from coalition.reports.tests.test_services import review_and_approve

    services.save_section_text(
        section=edition.sections.get(key="summary"),
        language="fa",
        body="خلاصهٔ گزارش",
        actor=staff_user,
    )
    approved = review_and_approve(edition, staff_user, admin_user)
    done = services.publish_edition(edition=approved, actor=admin_user)
    run_build(done.builds.get(language="fa", format="pdf"))
    cache.clear()
    return done


def test_the_workspace_pages_are_the_secretariats(check_matrix, edition):
    for path in (
        "/en/reports/",
        f"/en/reports/{edition.pk}/",
        f"/en/reports/{edition.pk}/sections/summary/",
        f"/en/reports/{edition.pk}/sections/target-4.1/?language=fa",
        f"/en/reports/{edition.pk}/recommendations/new/",
        f"/en/reports/{edition.pk}/preview/?language=km",
    ):
        expected = DENIED_DRAFT if path != "/en/reports/" else {**DENIED_DRAFT, "*": 403}
        check_matrix(lambda client, path=path: client.get(path), expected)


def test_writing_is_refused_to_everyone_else_and_changes_nothing(check_matrix, edition):
    path = f"/en/reports/{edition.pk}/sections/summary/"

    def post(client):
        return client.post(
            path, {"form": "text", "language": "en", "body": "Rewritten", "note": ""}
        )

    expected = {"anonymous": 302, "staff": 302, "admin": 302, "*": 404}
    check_matrix(post, expected, snapshot=lambda: state(edition))
    assert SectionText.objects.get(language="en").body == "Rewritten"


def test_approval_and_publication_are_the_administrators(check_matrix, edition, staff_user):
    services.submit_for_review(edition=edition, actor=staff_user)
    path = f"/en/reports/{edition.pk}/approve/"
    # Staff may see the edition but not approve it: refused (403), nothing changed.
    expected = {"anonymous": 302, "staff": 403, "admin": 302, "*": 404}
    check_matrix(lambda client: client.post(path), expected, snapshot=lambda: state(edition))
    edition.refresh_from_db()
    assert edition.status == "in_review"  # the admin's try is refused: sign-offs missing


def test_the_section_page_saves_text_comments_and_evidence_and_shows_errors(
    as_user, staff_user, edition
):
    client = as_user(staff_user)
    path = f"/en/reports/{edition.pk}/sections/target-4.1/"
    response = client.post(
        path, {"form": "text", "language": "fa", "body": "# عنوان\n\nمتن **پررنگ**"}
    )
    assert response.status_code == 302 and response["Location"].endswith("?language=fa")
    page = client.get(path + "?language=fa").content.decode()
    assert "<h3>عنوان</h3>" in page and 'lang="fa" dir="rtl"' in page
    too_long = client.post(path, {"form": "text", "language": "en", "body": "x" * 60_001})
    assert too_long.status_code == 200 and "has-error" in too_long.content.decode()
    client.post(path, {"form": "comment", "language": "en", "body": "Check the CI."})
    assert Comment.objects.get().body == "Check the CI."
    bad = client.post(
        path,
        {"form": "evidence", "language": "en", "quote": "Q", "submission": 999999},
    )
    assert "No such submission." in bad.content.decode()
    client.post(
        path,
        {"form": "evidence", "language": "en", "quote": "Q", "attribution": "A member, Kabul"},
    )
    assert edition.sections.get(key="target-4.1").evidence.count() == 1
    client.post(path, {"form": "indicators", "language": "en", "indicators": ["not_one"]})
    assert edition.sections.get(key="target-4.1").indicators == ["completion_primary"]


def test_the_edition_page_runs_the_review(as_user, staff_user, admin_user, edition):
    staff, admin = as_user(staff_user), as_user(admin_user)
    base = f"/en/reports/{edition.pk}/"
    staff.post(base + "submit/")
    staff.post(base + "sign/", {"role": "editor"})
    admin.post(base + "sign/", {"role": "coordinator"})
    page = admin.get(base).content.decode()
    assert "Still to sign this revision:" in page and "Data lead" in page
    refused = admin.post(base + "approve/", follow=True).content.decode()
    assert "Still to sign this revision" in refused
    edition.refresh_from_db()
    assert edition.status == "in_review"
    assert staff.post(base + "nonsense/").status_code == 404


def test_drafts_are_not_public(edition):
    client = Client()
    assert client.get(f"/en/publications/{edition.pk}/").status_code == 404
    assert client.get(f"/en/publications/{edition.pk}/summary/").status_code == 404
    assert "Nothing is published yet." in client.get("/en/publications/").content.decode()


def test_a_published_edition_is_on_the_portal_in_the_readers_language(published):
    client = Client()
    listing = client.get("/fa/publications/").content.decode()
    assert published.title_in("fa") in listing
    assert f"({'۲۰۲۶'}). {published.title_in('fa')}." in listing  # the citation line
    build = published.builds.get(language="fa", format="pdf")
    assert f"/fa/publications/{published.pk}/files/{build.pk}/" in listing
    download = client.get(f"/en/publications/{published.pk}/files/{build.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    unbuilt = published.builds.get(language="en", format="pdf")
    assert client.get(f"/en/publications/{published.pk}/files/{unbuilt.pk}/").status_code == 404
    summary = client.get(f"/fa/publications/{published.pk}/summary/").content.decode()
    assert "خلاصهٔ گزارش" in summary
    other = client.get(f"/ps/publications/{published.pk}/summary/").content.decode()
    with translation.override("ps"):
        fallback = gettext(
            "This report is not written in your language. "
            "It is shown in the first of its languages."
        )
    assert "ps" not in published.languages and fallback in other
    assert client.get(f"/en/publications/{published.pk}/no-such-part/").status_code == 404


@pytest.mark.parametrize("language", ["en", "fa", "km"])
def test_a_published_chapter_is_light_and_shows_no_suppressed_value(published, language):
    response = Client().get(
        f"/{language}/publications/{published.pk}/target-4.1/", HTTP_ACCEPT_ENCODING="gzip"
    )
    assert response.status_code == 200
    html = gzip.decompress(response.content).decode()
    assert 'class="map-shapes"' in html and "<use href=" in html
    assert len(response.content) < 100_000
    for secret in (f"{SECRET:.1f}", "31.4", "۳۱٫۴"):
        assert secret not in html


def test_a_draft_build_is_downloaded_by_the_secretariat_only(
    check_matrix, as_user, edition, staff_user
):
    build = run_build(
        services.start_build(edition=edition, format="docx", language="en", actor=staff_user)
    )
    path = f"/en/reports/{edition.pk}/builds/{build.pk}/"
    check_matrix(lambda client: client.get(path), DENIED_DRAFT)
    download = as_user(staff_user).get(path)
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content)[:2] == b"PK"  # a DOCX is a zip
