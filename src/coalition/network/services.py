"""Every write to the member network. Each function checks the policy, runs in one
transaction, leaves an audit trail naming the actor, and returns what it made or changed."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coalition.accounts.models import Role
from coalition.accounts.services import ensure_role
from coalition.core.audit import acting_as
from coalition.core.errors import DomainError, InvalidTransition
from coalition.network.choices import (
    TRANSITIONS,
    ApplicationStatus,
    MembershipStatus,
    Relationship,
)
from coalition.network.models import (
    PROFILE_FIELDS,
    PROFILE_M2M_FIELDS,
    MembershipApplication,
    MembershipEvent,
    Organisation,
    Person,
)
from coalition.network.policies import (
    application_policy,
    organisation_policy,
    person_policy,
)
from coalition.network.tasks import (
    notify_application_decision,
    notify_application_received,
)


def unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply(organisation: Organisation, changes: dict) -> None:
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise DomainError(f"unknown fields: {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        if name not in PROFILE_M2M_FIELDS:
            setattr(organisation, name, value)
    if "kind" in changes:
        organisation.relationship = Organisation.relationship_for(changes["kind"])
    organisation.full_clean(exclude=["slug"])
    organisation.save()
    for name in PROFILE_M2M_FIELDS & set(changes):
        getattr(organisation, name).set(changes[name])


def _record_status(organisation, *, to_status, reason, actor, effective_on=None):
    from_status = organisation.membership_status
    if to_status not in TRANSITIONS.get(from_status, set()) and from_status != "":
        raise InvalidTransition(
            _("A membership cannot go from “%(from)s” to “%(to)s”.")
            % {
                "from": MembershipStatus(from_status).label,
                "to": MembershipStatus(to_status).label,
            }
        )
    organisation.membership_status = to_status
    if to_status == MembershipStatus.ACTIVE and organisation.member_since is None:
        organisation.member_since = effective_on or timezone.localdate()
    organisation.save(update_fields=["membership_status", "member_since", "updated_at"])
    MembershipEvent.objects.create(
        organisation=organisation,
        from_status=from_status,
        to_status=to_status,
        effective_on=effective_on or timezone.localdate(),
        reason=reason,
        actor=actor if getattr(actor, "pk", None) else None,
    )


def submit_application(
    *, organisation: dict, contact: dict, motivation: str, language: str, actor=None
) -> MembershipApplication:
    """The public application form: anyone may apply. The organisation is created as an
    applicant, hidden from every public page until admitted."""
    with transaction.atomic(), acting_as(actor):
        org = Organisation(
            slug=unique_slug(organisation["name_en"]),
            relationship=Relationship.MEMBER,
            membership_status="",
        )
        _apply(org, organisation)
        if org.relationship != Relationship.MEMBER:
            raise DomainError(
                _("Only civil-society organisations can apply for membership."), field="kind"
            )
        _record_status(org, to_status=MembershipStatus.APPLICANT, reason="", actor=actor)
        person = Person(organisation=org, is_focal_point=True, **contact)
        person.full_clean()
        person.save()
        application = MembershipApplication.objects.create(
            organisation=org, contact=person, motivation=motivation, language=language
        )
        transaction.on_commit(lambda: notify_application_received.enqueue(application.pk))
    return application


def _decide(application, *, status, reason, actor):
    application_policy.require(actor, "review", application)
    if application.status != ApplicationStatus.PENDING:
        raise InvalidTransition(_("This application has already been decided."))
    application.status = status
    application.decision_reason = reason
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save()


def admit_organisation(*, application: MembershipApplication, actor, reason: str = ""):
    """Admit an applicant: it becomes an active member, its contact becomes its focal point
    with an account, and the contact is told by e-mail with a link to set a password."""
    with transaction.atomic(), acting_as(actor):
        application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
        _decide(application, status=ApplicationStatus.ADMITTED, reason=reason, actor=actor)
        org = application.organisation
        _record_status(org, to_status=MembershipStatus.ACTIVE, reason=reason, actor=actor)
        contact = application.contact
        if contact.email:
            contact.user = ensure_role(
                email=contact.email,
                full_name=contact.full_name,
                role=Role.FOCAL_POINT,
                organisation_id=org.pk,
                language=application.language,
                actor=actor,
            )
            contact.save(update_fields=["user", "updated_at"])
        transaction.on_commit(lambda: notify_application_decision.enqueue(application.pk))
    return org


def reject_application(*, application: MembershipApplication, reason: str, actor):
    if not reason.strip():
        raise DomainError(_("Give the applicant a reason for the rejection."), field="reason")
    with transaction.atomic(), acting_as(actor):
        application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
        _decide(application, status=ApplicationStatus.REJECTED, reason=reason, actor=actor)
        _record_status(
            application.organisation,
            to_status=MembershipStatus.REJECTED,
            reason=reason,
            actor=actor,
        )
        transaction.on_commit(lambda: notify_application_decision.enqueue(application.pk))
    return application


def change_membership_status(
    *,
    organisation: Organisation,
    to_status: str,
    reason: str,
    actor,
    effective_on: dt.date | None = None,
) -> Organisation:
    """Suspend, mark lapsed, record a withdrawal or reinstate a member; always with a reason."""
    organisation_policy.require(actor, "change_status", organisation)
    if organisation.relationship != Relationship.MEMBER:
        raise DomainError(_("Partners have no membership status."))
    if organisation.membership_status in {MembershipStatus.APPLICANT, ""}:
        raise DomainError(_("Decide the application instead."))
    if not reason.strip():
        raise DomainError(_("Give a reason for the change."), field="reason")
    with transaction.atomic(), acting_as(actor):
        _record_status(
            organisation,
            to_status=to_status,
            reason=reason,
            actor=actor,
            effective_on=effective_on,
        )
    return organisation


def create_organisation(
    *, data: dict, actor, membership_status: str = "", member_since: dt.date | None = None
) -> Organisation:
    """The secretariat adds a partner, or records an existing member directly."""
    organisation_policy.require(actor, "add")
    with transaction.atomic(), acting_as(actor):
        org = Organisation(slug=unique_slug(data["name_en"]), membership_status="")
        _apply(org, data)
        if org.relationship == Relationship.MEMBER:
            _record_status(
                org,
                to_status=MembershipStatus.ACTIVE,
                reason=_("Recorded by the secretariat"),
                actor=actor,
                effective_on=member_since,
            )
            if membership_status and membership_status != MembershipStatus.ACTIVE:
                _record_status(
                    org,
                    to_status=membership_status,
                    reason=_("Recorded by the secretariat"),
                    actor=actor,
                )
    return org


def update_organisation(*, organisation: Organisation, changes: dict, actor) -> Organisation:
    """Edit an organisation's profile: the secretariat any, a focal point or editor their own."""
    organisation_policy.require(actor, "change", organisation)
    with transaction.atomic(), acting_as(actor):
        _apply(organisation, changes)
    return organisation


def save_person(*, organisation: Organisation, data: dict, actor, person: Person | None = None):
    """Add or edit a contact of an organisation."""
    person_policy.require(actor, "manage", organisation)
    if person is not None and person.organisation_id != organisation.pk:
        raise DomainError("this person belongs to another organisation")
    with transaction.atomic(), acting_as(actor):
        person = person or Person(organisation=organisation)
        for name, value in data.items():
            setattr(person, name, value)
        person.full_clean()
        person.save()
    return person


def remove_person(*, person: Person, actor) -> None:
    person_policy.require(actor, "manage", person.organisation)
    if person.applications.exists():
        raise DomainError(
            _(
                "This contact made the organisation's application and is kept "
                "with it; edit the details instead."
            )
        )
    with transaction.atomic(), acting_as(actor):
        person.delete()
