"""Every write of the reports: editions and their life (draft › in review › approved ›
published), narrative per language with its history, comments, evidence,
recommendations, sign-offs, the snapshot taken on approval, and builds."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coalition.collect.models import Submission, SubmissionState
from coalition.core.audit import acting_as
from coalition.core.errors import DomainError, InvalidTransition
from coalition.core.models import NAME_LANGUAGES as LANGUAGE_CODES
from coalition.indicators.catalogue import catalogue
from coalition.reports.figures import collect
from coalition.reports.models import (
    Build,
    Comment,
    Edition,
    Event,
    Evidence,
    Recommendation,
    Section,
    SectionRevision,
    SectionText,
    SignOff,
    Snapshot,
)
from coalition.reports.outline import OUTLINES, indicators_of_target
from coalition.reports.policies import edition_policy

# The steps of an edition's life, as the message of a refused one names them.
STEPS = {
    "submitted": gettext_lazy("submitted for review"),
    "returned": gettext_lazy("returned to the editors"),
    "approved": gettext_lazy("approved"),
    "published": gettext_lazy("published"),
    "reopened": gettext_lazy("reopened"),
}
MAX_NARRATIVE = 60_000  # characters of one section in one language: a long chapter
Status = Edition.Status


def create_edition(
    *, kind: str, year: int, languages: list[str], title: dict, actor, previous=None
) -> Edition:
    """A new draft with every section of its outline; started from `previous`, it takes
    over that edition's narrative, chapter indicators and recommendations (these to be
    followed up)."""
    edition_policy.require(actor, "add")
    return new_edition(
        kind=kind, year=year, languages=languages, title=title, actor=actor, previous=previous
    )


def new_edition(*, kind, year, languages, title, actor, previous=None) -> Edition:
    """Without a permission check: for the demo and the command line."""
    if kind not in OUTLINES:
        raise DomainError(_("Unknown kind of report."), field="kind")
    languages = list(dict.fromkeys(languages))
    if not languages or any(code not in LANGUAGE_CODES for code in languages):
        raise DomainError(
            _("Choose the edition's languages among: %(codes)s.")
            % {"codes": ", ".join(LANGUAGE_CODES)},
            field="languages",
        )
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise DomainError(_("The year must be between 2000 and 2100."), field="year")
    if not (title or {}).get(languages[0], "").strip():
        raise DomainError(_("Give the edition a title."), field="title")
    if previous is not None and previous.kind != kind:
        raise DomainError(_("Start from an edition of the same report."), field="previous")
    with transaction.atomic(), acting_as(actor):
        edition = Edition.objects.create(
            kind=kind,
            year=year,
            languages=languages,
            title={k: v.strip()[:300] for k, v in title.items() if v and v.strip()},
            previous=previous,
            created_by=actor,
        )
        earlier = {s.key: s for s in previous.sections.all()} if previous else {}
        for position, spec in enumerate(OUTLINES[kind]):
            section = Section.objects.create(
                edition=edition,
                key=spec.key,
                kind=spec.kind,
                position=position,
                target=spec.target,
                indicators=list(earlier[spec.key].indicators)
                if spec.key in earlier
                else list(spec.indicators),
            )
            if spec.key in earlier:
                for text in earlier[spec.key].texts.filter(language__in=languages):
                    _save_text(section, text.language, text.body, actor, _("from the previous"))
        if previous is not None:
            _carry_recommendations(previous, edition)
        _record(
            edition,
            "created",
            actor,
            _("started from “%(title)s”") % {"title": previous.title_in(languages[0])}
            if previous
            else "",
        )
    return edition


def _carry_recommendations(previous: Edition, edition: Edition) -> None:
    """The previous edition's recommendations, to be followed up in this one; those it
    followed up already and found implemented or dropped stay behind."""
    position = 0
    for old in previous.recommendations.all():
        if old.status in (Recommendation.Status.IMPLEMENTED, Recommendation.Status.DROPPED):
            continue
        Recommendation.objects.create(
            edition=edition,
            position=position,
            duty_bearer=old.duty_bearer,
            target=old.target,
            text=old.text,
            status=(
                Recommendation.Status.NOT_STARTED
                if old.status == Recommendation.Status.NEW
                else old.status
            ),
            progress={},
            carried_from=old,
        )
        position += 1


def _require_open(edition: Edition, actor) -> None:
    edition_policy.require(actor, "change", edition)


def _changed(edition: Edition) -> None:
    """A change of content: a new revision, so earlier sign-offs no longer cover it."""
    Edition.objects.filter(pk=edition.pk).update(revision=F("revision") + 1)
    edition.refresh_from_db(fields=["revision"])


def _record(edition: Edition, action: str, actor, note: str = "") -> Event:
    return Event.objects.create(
        edition=edition,
        action=action,
        revision=edition.revision,
        actor=actor if getattr(actor, "pk", None) else None,
        note=note[:500],
    )


def save_section_text(*, section: Section, language: str, body: str, actor, note="") -> bool:
    """Save a section's narrative in one language; a new revision of its history.
    Returns False when nothing changed (a second click of Save)."""
    edition = section.edition
    _require_open(edition, actor)
    if language not in edition.languages:
        raise DomainError(_("This edition is not written in that language."), field="language")
    body = (body or "").replace("\r\n", "\n").strip()
    if len(body) > MAX_NARRATIVE:
        raise DomainError(
            _("The text is longer than %(limit)s characters: split it between sections.")
            % {"limit": f"{MAX_NARRATIVE:,}"},
            field="body",
        )
    with transaction.atomic(), acting_as(actor):
        current = SectionText.objects.filter(section=section, language=language).first()
        if current is not None and current.body == body:
            return False
        _save_text(section, language, body, actor, note)
        _changed(edition)
    return True


def _save_text(section, language, body, actor, note) -> SectionText:
    text, _created = SectionText.objects.get_or_create(section=section, language=language)
    text.body = body
    text.number += 1
    text.updated_by = actor if getattr(actor, "pk", None) else None
    text.save()
    SectionRevision.objects.create(
        section=section,
        language=language,
        number=text.number,
        body=body,
        note=(note or "")[:300],
        author=text.updated_by,
    )
    return text


def set_chapter_indicators(*, section: Section, codes: list[str], actor) -> Section:
    _require_open(section.edition, actor)
    if section.kind != "chapter":
        raise DomainError(_("Only a chapter lists indicators."))
    allowed = set(indicators_of_target(section.target))
    unknown = [c for c in codes if c not in catalogue() or c not in allowed]
    if unknown:
        raise DomainError(
            _("Not indicators of this target: %(codes)s.") % {"codes": ", ".join(unknown)},
            field="indicators",
        )
    with transaction.atomic(), acting_as(actor):
        section.indicators = list(dict.fromkeys(codes))
        section.save(update_fields=["indicators"])
        _changed(section.edition)
    return section


def add_comment(*, section: Section, body: str, actor, language: str = "") -> Comment:
    edition_policy.require(actor, "comment", section.edition)
    body = (body or "").strip()
    if not body:
        raise DomainError(_("Write the comment first."), field="body")
    if len(body) > 4000:
        raise DomainError(_("A comment holds at most 4,000 characters."), field="body")
    with transaction.atomic(), acting_as(actor):
        return Comment.objects.create(
            section=section,
            body=body,
            author=actor,
            language=language if language in section.edition.languages else "",
        )


def resolve_comment(*, comment: Comment, actor) -> Comment:
    edition_policy.require(actor, "comment", comment.section.edition)
    with transaction.atomic(), acting_as(actor):
        comment.resolved = True
        comment.save(update_fields=["resolved"])
    return comment


def attach_evidence(
    *, section: Section, quote: str, language: str, actor, submission=None, attribution=""
) -> Evidence:
    """A quote or excerpt for a chapter. From a submission it must be an approved one, and
    it is attributed to the submitting organisation and its province, never a person."""
    _require_open(section.edition, actor)
    quote = (quote or "").strip()
    if not quote:
        raise DomainError(_("Give the quote or excerpt."), field="quote")
    if len(quote) > 2000:
        raise DomainError(_("A quote holds at most 2,000 characters."), field="quote")
    if language not in LANGUAGE_CODES:
        raise DomainError(_("Say which language the quote is in."), field="language")
    if submission is not None:
        if not Submission.objects.visible_to(actor).filter(pk=submission.pk).exists():
            raise DomainError(_("That submission is not one you can see."), field="submission")
        if submission.state != SubmissionState.APPROVED:
            raise DomainError(
                _("Only approved submissions can be quoted in a report."), field="submission"
            )
        attribution = attribution_of(submission)
    attribution = (attribution or "").strip()
    if not attribution:
        raise DomainError(_("Say where the quote comes from."), field="attribution")
    with transaction.atomic(), acting_as(actor):
        evidence = Evidence.objects.create(
            section=section,
            submission=submission,
            quote=quote,
            language=language,
            attribution=attribution[:300],
            added_by=actor,
        )
        _changed(section.edition)
    return evidence


def attribution_of(submission) -> str:
    parts = [
        submission.organisation.name_en if submission.organisation else "",
        submission.area.name_en if submission.area else "",
        str(submission.created_at.year),
    ]
    return ", ".join(p for p in parts if p)


def remove_evidence(*, evidence: Evidence, actor) -> None:
    _require_open(evidence.section.edition, actor)
    with transaction.atomic(), acting_as(actor):
        edition = evidence.section.edition
        evidence.delete()
        _changed(edition)


def save_recommendation(
    *,
    edition: Edition,
    actor,
    duty_bearer: str,
    text: dict,
    target: str = "",
    status: str = Recommendation.Status.NEW,
    progress: dict | None = None,
    recommendation: Recommendation | None = None,
) -> Recommendation:
    """Add a recommendation, or change one (its follow-up status and progress too)."""
    _require_open(edition, actor)
    if recommendation is not None and recommendation.edition_id != edition.pk:
        raise DomainError(_("That recommendation belongs to another edition."))
    duty_bearer = (duty_bearer or "").strip()
    if not duty_bearer:
        raise DomainError(_("Name the duty-bearer the recommendation is addressed to."),
                          field="duty_bearer")  # fmt: skip
    text = {k: v.strip() for k, v in (text or {}).items() if k in edition.languages and v}
    if not text:
        raise DomainError(_("Write the recommendation."), field="text")
    if status not in Recommendation.Status.values:
        raise DomainError(_("Unknown status."), field="status")
    with transaction.atomic(), acting_as(actor):
        if recommendation is None:
            recommendation = Recommendation(
                edition=edition, position=edition.recommendations.count()
            )
        recommendation.duty_bearer = duty_bearer[:200]
        recommendation.target = (target or "")[:8]
        recommendation.text = text
        recommendation.status = status
        recommendation.progress = {
            k: v.strip() for k, v in (progress or {}).items() if k in edition.languages and v
        }
        recommendation.save()
        _changed(edition)
    return recommendation


# The edition's life ------------------------------------------------------------------


def submit_for_review(*, edition: Edition, actor) -> Edition:
    edition_policy.require(actor, "submit", edition)
    return _move(edition, Status.DRAFT, Status.IN_REVIEW, actor, "submitted")


def return_to_draft(*, edition: Edition, actor, note: str = "") -> Edition:
    """Back to the editors, saying what to change."""
    edition_policy.require(actor, "submit", edition)
    return _move(edition, Status.IN_REVIEW, Status.DRAFT, actor, "returned", note)


def sign_off(*, edition: Edition, role: str, actor) -> SignOff:
    """A named person signs the current revision in a named role. The coordinator's
    sign-off is an administrator's; one person signs in one role only."""
    edition_policy.require(actor, "sign", edition)
    if edition.status != Status.IN_REVIEW:
        raise InvalidTransition(_("An edition is signed off while it is in review."))
    if role not in SignOff.Role.values:
        raise DomainError(_("Unknown sign-off role."), field="role")
    if role == SignOff.Role.COORDINATOR:
        edition_policy.require(actor, "approve", edition)
    current = edition.sign_offs.filter(revision=edition.revision)
    if current.filter(user=actor).exclude(role=role).exists():
        raise DomainError(_("You have signed this revision in another role already."))
    with transaction.atomic(), acting_as(actor):
        current.filter(role=role).delete()  # a second signature in the same role replaces it
        signed = SignOff.objects.create(
            edition=edition, role=role, revision=edition.revision, user=actor
        )
        _record(edition, "signed", actor, SignOff.Role(role).label)
    return signed


def missing_sign_offs(edition: Edition) -> list[str]:
    signed = set(edition.sign_offs.filter(revision=edition.revision).values_list("role", flat=True))
    return [role for role in SignOff.Role.values if role not in signed]


def approve_edition(*, edition: Edition, actor) -> Edition:
    """Approve and freeze: every figure is copied, with its provenance, into the
    edition's snapshot, and the edition shows those from now on."""
    edition_policy.require(actor, "approve", edition)
    missing = missing_sign_offs(edition)
    if edition.status == Status.IN_REVIEW and missing:
        raise InvalidTransition(
            _("Still to sign this revision: %(roles)s.")
            % {"roles": "; ".join(str(SignOff.Role(r).label) for r in missing)}
        )
    with transaction.atomic(), acting_as(actor):
        edition = _move(edition, Status.IN_REVIEW, Status.APPROVED, actor, "approved")
        Snapshot.objects.update_or_create(
            edition=edition, defaults={"data": collect(edition), "taken_by": actor}
        )
    return edition


def publish_edition(*, edition: Edition, actor) -> Edition:
    """Make the approved edition public and queue its documents in every language."""
    edition_policy.require(actor, "publish", edition)
    with transaction.atomic(), acting_as(actor):
        edition = _move(edition, Status.APPROVED, Status.PUBLISHED, actor, "published")
        Edition.objects.filter(pk=edition.pk).update(published_at=timezone.now())
        edition.refresh_from_db()
        for language in edition.languages:
            for format in (Build.Format.PDF, Build.Format.DOCX):
                _queue_build(edition, format, language, actor)
    return edition


def reopen_edition(*, edition: Edition, actor, note: str = "") -> Edition:
    """An approved edition not yet published goes back to draft; its snapshot is
    dropped and its figures read live again. A published edition is never reopened:
    corrections are a new edition started from it."""
    edition_policy.require(actor, "reopen", edition)
    with transaction.atomic(), acting_as(actor):
        edition = _move(edition, Status.APPROVED, Status.DRAFT, actor, "reopened", note)
        Snapshot.objects.filter(edition=edition).delete()
    return edition


def _move(edition, source, target, actor, action, note="") -> Edition:
    with transaction.atomic():
        moved = Edition.objects.filter(pk=edition.pk, status=source).update(status=target)
        if not moved:
            raise InvalidTransition(
                _("The edition is %(status)s: it cannot be %(action)s now.")
                % {
                    "status": Edition.Status(edition.status).label.lower(),
                    "action": STEPS.get(action, action),
                }
            )
        edition.refresh_from_db()
        _record(edition, action, actor, note)
    return edition


# Builds -----------------------------------------------------------------------------


def start_build(*, edition: Edition, format: str, language: str, actor) -> Build:
    edition_policy.require(actor, "build", edition)
    return _queue_build(edition, format, language, actor)


def _queue_build(edition, format, language, actor) -> Build:
    from coalition.reports.tasks import build_document

    if format not in Build.Format.values:
        raise DomainError(_("Build a PDF, DOCX or HTML file."), field="format")
    if language not in edition.languages:
        raise DomainError(_("This edition is not written in that language."), field="language")
    build = Build.objects.create(
        edition=edition,
        format=format,
        language=language,
        revision=edition.revision,
        requested_by=actor if getattr(actor, "pk", None) else None,
    )
    transaction.on_commit(lambda: build_document.enqueue(build.pk))
    return build
