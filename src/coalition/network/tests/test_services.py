import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core import mail

from coalition.accounts.models import Role, RoleAssignment, User
from coalition.core.errors import DomainError, InvalidTransition, NotAllowed
from coalition.network import services
from coalition.network.models import MembershipEvent, Organisation, Person
from coalition.network.tests.factories import ApplicationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def application_data(kabul, **overrides):
    organisation = {
        "name_en": "Panjshir Reading Tents",
        "name_fa": "خیمه‌های مطالعه",
        "name_ps": "",
        "name_km": "",
        "acronym": "PRT",
        "kind": "national_ngo",
        "description": "",
        "website": "",
        "email": "",
        "headquarters": kabul,
        "areas": [kabul],
        "themes": [],
        "listed_publicly": True,
    }
    organisation.update(overrides)
    return {
        "organisation": organisation,
        "contact": {
            "full_name": "Nadia Applicant",
            "position": "Director",
            "email": "nadia@example.org",
            "phone": "",
        },
        "motivation": "We run reading tents.",
        "language": "fa",
    }


def test_submitted_application_is_an_applicant_hidden_from_the_public(
    kabul, admin_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = services.submit_application(**application_data(kabul))
    org = application.organisation
    assert org.membership_status == "applicant"
    assert not Organisation.objects.public().filter(pk=org.pk).exists()
    assert list(org.membership_events.values_list("from_status", "to_status")) == [
        ("", "applicant")
    ]
    # The applicant is told in their language; the secretariat is asked to review.
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["admin@example.org", "nadia@example.org"]


def test_partners_cannot_apply_for_membership(kabul):
    with pytest.raises(DomainError):
        services.submit_application(**application_data(kabul, kind="ministry"))
    assert not Organisation.objects.filter(name_en="Panjshir Reading Tents").exists()


def test_admitting_makes_an_active_member_with_a_focal_point_account(
    kabul, admin_user, django_capture_on_commit_callbacks
):
    application = services.submit_application(**application_data(kabul))
    with django_capture_on_commit_callbacks(execute=True):
        org = services.admit_organisation(
            application=application, actor=admin_user, reason="Welcome"
        )

    org.refresh_from_db()
    assert org.membership_status == "active"
    assert org.member_since is not None
    assert Organisation.objects.public().filter(pk=org.pk).exists()
    user = User.objects.get(email="nadia@example.org")
    assert not user.has_usable_password()
    assert RoleAssignment.objects.filter(
        user=user, role=Role.FOCAL_POINT, organisation=org
    ).exists()
    event = org.membership_events.first()
    assert (event.from_status, event.to_status, event.actor) == ("applicant", "active", admin_user)
    [message] = mail.outbox
    assert message.to == ["nadia@example.org"]
    assert "/fa/accounts/password/reset/" in message.body  # the applicant's language


def test_admission_is_recorded_in_the_audit_log_with_its_actor(kabul, admin_user):
    application = services.submit_application(**application_data(kabul))
    services.admit_organisation(application=application, actor=admin_user)
    entry = (
        LogEntry.objects.get_for_object(application.organisation).filter(actor=admin_user).first()
    )
    assert entry is not None
    assert entry.changes_dict["membership_status"] == ["applicant", "active"]


def test_rejection_needs_a_reason_and_tells_the_applicant(
    kabul, admin_user, django_capture_on_commit_callbacks
):
    application = services.submit_application(**application_data(kabul))
    with pytest.raises(DomainError):
        services.reject_application(application=application, reason="  ", actor=admin_user)
    application.refresh_from_db()
    assert application.status == "pending"

    with django_capture_on_commit_callbacks(execute=True):
        services.reject_application(
            application=application, reason="Out of scope", actor=admin_user
        )
    application.refresh_from_db()
    assert application.status == "rejected"
    assert application.organisation.membership_status == "rejected"
    assert "Out of scope" in mail.outbox[0].body


def test_an_application_is_decided_once(kabul, admin_user):
    application = services.submit_application(**application_data(kabul))
    services.admit_organisation(application=application, actor=admin_user)
    with pytest.raises(InvalidTransition):
        services.reject_application(application=application, reason="x", actor=admin_user)


@pytest.mark.parametrize("who", ["focal_point", "reviewer", "outsider", "partner_viewer"])
def test_only_the_secretariat_decides_applications(who, request):
    actor = request.getfixturevalue(who)
    application = ApplicationFactory()
    with pytest.raises(NotAllowed):
        services.admit_organisation(application=application, actor=actor)
    application.refresh_from_db()
    assert application.status == "pending"
    assert application.organisation.membership_status == "applicant"


def test_membership_lifecycle_follows_its_transitions(org, admin_user):
    services.change_membership_status(
        organisation=org,
        to_status="suspended",
        reason="Unpaid dues",
        actor=admin_user,
        effective_on=dt.date(2026, 1, 5),
    )
    org.refresh_from_db()
    assert org.membership_status == "suspended"
    assert not Organisation.objects.public().filter(pk=org.pk).exists()
    event = MembershipEvent.objects.filter(organisation=org).first()
    assert (event.to_status, event.reason, event.effective_on) == (
        "suspended",
        "Unpaid dues",
        dt.date(2026, 1, 5),
    )
    with pytest.raises(InvalidTransition):
        services.change_membership_status(
            organisation=org, to_status="lapsed", reason="x", actor=admin_user
        )
    services.change_membership_status(
        organisation=org, to_status="active", reason="Dues paid", actor=admin_user
    )
    org.refresh_from_db()
    assert org.membership_status == "active"


def test_status_changes_need_a_reason_and_an_administrator(org, staff_user, admin_user):
    with pytest.raises(NotAllowed):
        services.change_membership_status(
            organisation=org, to_status="suspended", reason="x", actor=staff_user
        )
    with pytest.raises(DomainError):
        services.change_membership_status(
            organisation=org, to_status="suspended", reason="", actor=admin_user
        )
    org.refresh_from_db()
    assert org.membership_status == "active"


def test_focal_point_edits_own_organisation_only(org, other_org, focal_point):
    services.update_organisation(
        organisation=org, changes={"description": "New text"}, actor=focal_point
    )
    org.refresh_from_db()
    assert org.description == "New text"
    with pytest.raises(NotAllowed):
        services.update_organisation(
            organisation=other_org, changes={"description": "Hacked"}, actor=focal_point
        )
    other_org.refresh_from_db()
    assert other_org.description == ""


def test_update_rejects_unknown_fields(org, admin_user):
    with pytest.raises(DomainError):
        services.update_organisation(
            organisation=org, changes={"membership_status": "active"}, actor=admin_user
        )


def test_contacts_are_managed_by_focal_point_not_editor(org, focal_point, editor):
    person = services.save_person(
        organisation=org,
        actor=focal_point,
        data={"full_name": "New Contact", "email": "n@example.org"},
    )
    assert person.organisation == org
    with pytest.raises(NotAllowed):
        services.remove_person(person=person, actor=editor)
    services.remove_person(person=person, actor=focal_point)
    assert not Person.objects.filter(pk=person.pk).exists()


def test_secretariat_adds_partner_without_membership_status(staff_user):
    org = services.create_organisation(
        data={"name_en": "Provincial Directorate of Education", "kind": "provincial_directorate"},
        actor=staff_user,
    )
    assert (org.relationship, org.membership_status) == ("partner", "")
    assert org.is_public


def test_members_cannot_add_organisations(focal_point):
    with pytest.raises(NotAllowed):
        services.create_organisation(data={"name_en": "X", "kind": "ingo"}, actor=focal_point)
    assert not Organisation.objects.filter(name_en="X").exists()


def test_slugs_stay_unique():
    OrganisationFactory(name_en="Same Name")
    assert services.unique_slug("Same Name") == "same-name-2"
