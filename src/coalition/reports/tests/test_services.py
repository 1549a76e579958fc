"""Editions through their life: writing, review, sign-off, approval that freezes every
figure, publication, and a new edition started from the previous one."""

import pytest

from coalition.collect.models import Submission, SubmissionState
from coalition.collect.tests.factories import publish_school_visit
from coalition.core.errors import DomainError, InvalidTransition, NotAllowed
from coalition.indicators.models import ComputationRun
from coalition.portal.tests.test_indicator_pages import add
from coalition.reports import services
from coalition.reports.document import build_document
from coalition.reports.figures import figures_of
from coalition.reports.models import Edition, Recommendation, SectionRevision, SignOff
from coalition.reports.tests.fixtures import (
    CODE,
    edition,
    national_value,
    report_results,
    results,
)
from coalition.warehouse.models import Dataset, DatasetVersion

__all__ = ["edition", "report_results", "results"]
pytestmark = pytest.mark.django_db


def section(edition, key="summary"):
    return edition.sections.get(key=key)


def review_and_approve(edition, staff_user, admin_user):
    services.submit_for_review(edition=edition, actor=staff_user)
    services.sign_off(edition=edition, role="editor", actor=staff_user)
    services.sign_off(edition=edition, role="coordinator", actor=admin_user)
    other = staff_user.__class__.objects.create(email="data.lead@example.org")
    from coalition.accounts.models import Role, RoleAssignment

    RoleAssignment.objects.create(user=other, role=Role.SECRETARIAT_STAFF)
    services.sign_off(edition=edition, role="data", actor=other)
    return services.approve_edition(edition=edition, actor=admin_user)


def test_a_new_edition_has_every_section_of_its_outline(staff_user, report_results):
    made = services.create_edition(
        kind="jsr", year=2026, languages=["en", "ps"], title={"en": "JSR 2026"}, actor=staff_user
    )
    assert list(made.sections.values_list("key", flat=True)) == [
        "position",
        "plan-annex",
        "followup",
        "recommendations",
        "annex",
    ]
    assert made.status == Edition.Status.DRAFT and made.revision == 1
    assert made.events.get().action == "created"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "novel"}, "kind"),
        ({"languages": ["en", "fr"]}, "languages"),
        ({"languages": []}, "languages"),
        ({"year": 1900}, "year"),
        ({"title": {"en": "  "}}, "title"),
    ],
)
def test_bad_edition_input_is_refused_whole(staff_user, changes, field):
    given = {"kind": "spotlight", "year": 2026, "languages": ["en"], "title": {"en": "S"}}
    with pytest.raises(DomainError) as error:
        services.create_edition(**{**given, **changes}, actor=staff_user)
    assert error.value.field == field
    assert not Edition.objects.exists()


def test_narrative_is_saved_per_language_with_its_history(edition, staff_user):
    summary = section(edition)
    assert services.save_section_text(
        section=summary, language="en", body="First **draft**.", actor=staff_user
    )
    assert services.save_section_text(
        section=summary, language="en", body="Second draft.", actor=staff_user, note="tighter"
    )
    assert not services.save_section_text(
        section=summary, language="en", body="Second draft.\r\n", actor=staff_user
    )
    services.save_section_text(section=summary, language="fa", body="پیش‌نویس", actor=staff_user)
    history = SectionRevision.objects.filter(section=summary, language="en")
    assert [(r.number, r.body, r.note) for r in history] == [
        (2, "Second draft.", "tighter"),
        (1, "First **draft**.", ""),
    ]
    assert summary.texts.get(language="fa").body == "پیش‌نویس"
    edition.refresh_from_db()
    assert edition.revision == 4  # three changes since it was made


def test_narrative_in_a_language_the_edition_lacks_or_too_long_is_refused(edition, staff_user):
    summary = section(edition)
    with pytest.raises(DomainError):
        services.save_section_text(section=summary, language="ps", body="x", actor=staff_user)
    with pytest.raises(DomainError):
        services.save_section_text(
            section=summary, language="en", body="x" * 60_001, actor=staff_user
        )
    assert not summary.texts.exists() and not SectionRevision.objects.exists()


@pytest.mark.parametrize(
    "name", ["outsider", "focal_point", "editor", "reviewer", "partner_viewer", None]
)
def test_only_the_secretariat_writes_and_nothing_changes_when_refused(request, edition, name):
    actor = request.getfixturevalue(name) if name else None
    summary = section(edition)
    with pytest.raises(NotAllowed):
        services.save_section_text(section=summary, language="en", body="x", actor=actor)
    with pytest.raises(NotAllowed):
        services.submit_for_review(edition=edition, actor=actor)
    with pytest.raises(NotAllowed):
        services.add_comment(section=summary, body="x", actor=actor)
    edition.refresh_from_db()
    assert edition.revision == 1 and edition.status == "draft"
    assert not summary.texts.exists() and not summary.comments.exists()


def test_approval_needs_every_sign_off_on_the_current_revision(edition, staff_user, admin_user):
    services.submit_for_review(edition=edition, actor=staff_user)
    services.sign_off(edition=edition, role="editor", actor=staff_user)
    with pytest.raises(NotAllowed):  # the coordinator's sign-off is an administrator's
        services.sign_off(edition=edition, role="coordinator", actor=staff_user)
    with pytest.raises(DomainError):  # one person, one role
        services.sign_off(edition=edition, role="data", actor=staff_user)
    services.sign_off(edition=edition, role="data", actor=admin_user)
    with pytest.raises(DomainError):
        services.sign_off(edition=edition, role="coordinator", actor=admin_user)
    with pytest.raises(InvalidTransition):
        services.approve_edition(edition=edition, actor=admin_user)
    assert services.missing_sign_offs(edition) == ["coordinator"]
    # An edit in review is a new revision: the sign-offs given no longer cover it.
    services.save_section_text(section=section(edition), language="en", body="x", actor=staff_user)
    edition.refresh_from_db()
    assert services.missing_sign_offs(edition) == ["editor", "data", "coordinator"]
    with pytest.raises(NotAllowed):
        services.approve_edition(edition=edition, actor=staff_user)
    edition.refresh_from_db()
    assert edition.status == "in_review" and not hasattr(edition, "snapshot")


def test_approval_freezes_the_figures_and_a_new_draft_takes_the_new_ones(
    edition, staff_user, admin_user
):
    approved = review_and_approve(edition, staff_user, admin_user)
    assert approved.status == "approved"
    frozen_text = build_document(approved, "en")
    assert approved.snapshot.data["indicators"][CODE]["provenance"]

    # A new version of the survey is imported and computed after approval: its run is
    # newer, so its results become the current ones everywhere else.
    survey = Dataset.objects.get(name="survey-2022")
    version = DatasetVersion.objects.create(dataset=survey, number=2, status="succeeded")
    recomputed = ComputationRun.objects.create(dataset_version=version, status="succeeded")
    recomputed.inputs.add(version)
    add(recomputed, 2022, value=77.7, se=1.0, ci_low=75.7, ci_high=79.7, n=4100)
    assert national_value().value == 77.7

    approved = Edition.objects.get(pk=approved.pk)
    assert figures_of(approved)["indicators"][CODE]["national"]["value"] == 54.2
    again = build_document(approved, "en")
    assert _figure_texts(again) == _figure_texts(frozen_text)
    with pytest.raises(NotAllowed):  # frozen: no more edits
        services.save_section_text(
            section=section(approved), language="en", body="x", actor=staff_user
        )

    follower = services.create_edition(
        kind="spotlight",
        year=2027,
        languages=["en"],
        title={"en": "Spotlight 2027"},
        actor=staff_user,
        previous=approved,
    )
    assert figures_of(follower)["indicators"][CODE]["national"]["value"] == 77.7
    assert "77.7" in _figure_texts(build_document(follower, "en"))
    live = figures_of(follower)["indicators"][CODE]["provenance"]
    assert {"survey-2022": 2}.items() <= {
        i["dataset"]: i["version"] for r in live for i in r["inputs"]
    }.items()
    frozen = approved.snapshot.data["indicators"][CODE]["provenance"]
    assert all(i["version"] == 1 for r in frozen for i in r["inputs"])


def test_publishing_queues_every_language_in_pdf_and_docx(edition, staff_user, admin_user):
    approved = review_and_approve(edition, staff_user, admin_user)
    with pytest.raises(NotAllowed):
        services.publish_edition(edition=approved, actor=staff_user)
    published = services.publish_edition(edition=approved, actor=admin_user)
    assert published.status == "published" and published.published_at
    assert sorted(published.builds.values_list("language", "format")) == [
        ("en", "docx"),
        ("en", "pdf"),
        ("fa", "docx"),
        ("fa", "pdf"),
        ("km", "docx"),
        ("km", "pdf"),
    ]
    with pytest.raises(InvalidTransition):  # published is final: corrections are a new edition
        services.reopen_edition(edition=published, actor=admin_user)
    actions = list(published.events.values_list("action", flat=True))
    assert actions[:3] == ["published", "approved", "signed"]


def test_reopening_an_approved_edition_drops_its_snapshot(edition, staff_user, admin_user):
    approved = review_and_approve(edition, staff_user, admin_user)
    reopened = services.reopen_edition(edition=approved, actor=admin_user, note="typo")
    assert reopened.status == "draft"
    assert not Edition.objects.filter(pk=edition.pk, snapshot__isnull=False).exists()


def test_a_new_edition_takes_over_narrative_and_open_recommendations(edition, staff_user):
    services.save_section_text(
        section=section(edition), language="fa", body="خلاصه", actor=staff_user
    )
    open_one = services.save_recommendation(
        edition=edition,
        actor=staff_user,
        duty_bearer="Ministry of Education",
        text={"en": "Publish the school census each year."},
        target="4.1",
    )
    services.save_recommendation(
        edition=edition,
        actor=staff_user,
        duty_bearer="Ministry of Finance",
        text={"en": "Done already."},
        status=Recommendation.Status.IMPLEMENTED,
    )
    follower = services.new_edition(
        kind="spotlight",
        year=2027,
        languages=["en", "fa"],
        title={"en": "Next"},
        actor=None,
        previous=edition,
    )
    assert section(follower).texts.get(language="fa").body == "خلاصه"
    carried = follower.recommendations.get()
    assert carried.carried_from == open_one and carried.status == "not_started"
    document = build_document(follower, "en")
    followup = next(p for p in document.parts if p.key == "recommendations")
    assert followup.blocks[0].text == "No recommendations yet."


def test_evidence_quotes_only_approved_submissions_without_naming_people(
    edition, staff_user, org, kabul
):
    chapter = section(edition, "target-4.1")
    version = publish_school_visit(staff_user)

    def submission(state, number):
        return Submission.objects.create(
            form=version.form, form_version=version, instance_id=f"uuid:{number}",
            organisation=org, area=kabul, state=state, submitted_by=staff_user,
        )  # fmt: skip

    pending = submission(SubmissionState.RECEIVED, 1)
    with pytest.raises(DomainError):
        services.attach_evidence(
            section=chapter, quote="We walk 2 hours.", language="en", actor=staff_user,
            submission=pending,
        )  # fmt: skip
    approved = submission(SubmissionState.APPROVED, 2)
    evidence = services.attach_evidence(
        section=chapter, quote="We walk 2 hours.", language="en", actor=staff_user,
        submission=approved, attribution="Ms X, teacher",
    )  # fmt: skip
    assert evidence.attribution == f"{org.name_en}, {kabul.name_en}, {approved.created_at.year}"
    assert chapter.evidence.count() == 1


def _figure_texts(document) -> str:
    cells = [c.text for t in document.tables for row in t.rows for c in row]
    return " ".join(cells)


def test_sign_off_roles_are_named(edition):
    assert [str(r.label).split(":")[0] for r in SignOff.Role] == [
        "Editorial lead",
        "Data lead",
        "Coordinator",
    ]
