"""Permission matrix of every member-network page, and what each page shows."""

import pytest
from django.urls import reverse

from coalition.network.models import MembershipApplication, Organisation, Person
from coalition.network.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

LOGIN = 302  # anonymous visitors are sent to the login page


def test_organisation_list_needs_a_login(check_matrix):
    url = reverse("network:organisations")
    check_matrix(lambda c: c.get(url), {"anonymous": LOGIN, "*": 200})


def test_internal_page_of_a_public_member(check_matrix, org):
    url = reverse("network:organisation", args=[org.slug])
    # Those who may not see the internal page are sent to the public profile.
    check_matrix(
        lambda c: c.get(url),
        {
            "anonymous": LOGIN,
            "outsider": 302,
            "other_focal_point": 302,
            "partner_viewer": 302,
            "reviewer": 200,
            "focal_point": 200,
            "editor": 200,
            "staff": 200,
            "admin": 200,
        },
    )


def test_internal_page_of_a_hidden_member(check_matrix, hidden_org):
    url = reverse("network:organisation", args=[hidden_org.slug])
    check_matrix(
        lambda c: c.get(url),
        {
            "anonymous": LOGIN,
            "outsider": 404,
            "other_focal_point": 404,
            "partner_viewer": 404,
            "focal_point": 404,
            "editor": 404,
            "reviewer": 200,  # it works in the reviewer's province
            "staff": 200,
            "admin": 200,
        },
    )


def test_reviewer_does_not_see_hidden_members_of_other_provinces(
    as_user, reviewer, herat_hidden_org
):
    url = reverse("network:organisation", args=[herat_hidden_org.slug])
    assert as_user(reviewer).get(url).status_code == 404


def test_editing_an_organisation(check_matrix, org, kabul):
    url = reverse("network:organisation_edit", args=[org.slug])
    data = {
        "name_en": org.name_en,
        "kind": "national_ngo",
        "description": "Edited",
        "headquarters": kabul.pk,
        "areas": [kabul.pk],
        "listed_publicly": "on",
    }

    def snapshot():
        return Organisation.objects.get(pk=org.pk).description

    check_matrix(
        lambda c: c.post(url, data),
        {
            "anonymous": LOGIN,
            "outsider": 403,
            "other_focal_point": 403,
            "partner_viewer": 403,
            "reviewer": 403,
            "focal_point": 302,
            "editor": 302,
            "staff": 302,
            "admin": 302,
        },
        snapshot,
    )
    assert snapshot() == "Edited"


def test_focal_point_cannot_turn_the_organisation_into_a_ministry(as_user, focal_point, org, kabul):
    url = reverse("network:organisation_edit", args=[org.slug])
    as_user(focal_point).post(
        url,
        {
            "name_en": org.name_en,
            "kind": "ministry",
            "headquarters": kabul.pk,
            "listed_publicly": "on",
        },
    )
    org.refresh_from_db()
    assert (org.kind, org.relationship) == ("national_ngo", "member")


def test_focal_point_can_hide_their_organisation(as_user, focal_point, org, kabul):
    url = reverse("network:organisation_edit", args=[org.slug])
    response = as_user(focal_point).post(
        url, {"name_en": org.name_en, "kind": org.kind, "areas": [kabul.pk]}
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.listed_publicly is False
    assert not Organisation.objects.public().filter(pk=org.pk).exists()


def test_bad_edit_shows_errors_and_saves_nothing(as_user, admin_user, org):
    url = reverse("network:organisation_edit", args=[org.slug])
    response = as_user(admin_user).post(
        url, {"name_en": "", "kind": "nonsense", "website": "not a url", "areas": ["999999"]}
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"name_en", "kind", "website", "areas"}
    org.refresh_from_db()
    assert org.name_en == "Kabul Literacy Circle"


def test_changing_membership_status(check_matrix, org):
    url = reverse("network:organisation_status", args=[org.slug])
    data = {"to_status": "suspended", "reason": "Dues unpaid"}

    def snapshot():
        return Organisation.objects.get(pk=org.pk).membership_status

    check_matrix(
        lambda c: c.post(url, data),
        {
            "anonymous": LOGIN,
            "outsider": 403,
            "other_focal_point": 403,
            "partner_viewer": 403,
            "reviewer": 403,
            "focal_point": 403,
            "editor": 403,
            "staff": 403,
            "admin": 302,
        },
        snapshot,
    )
    assert snapshot() == "suspended"


def test_status_change_without_reason_changes_nothing(as_user, admin_user, org):
    url = reverse("network:organisation_status", args=[org.slug])
    response = as_user(admin_user).post(url, {"to_status": "suspended", "reason": ""}, follow=True)
    assert response.status_code == 200
    org.refresh_from_db()
    assert org.membership_status == "active"


def test_adding_a_contact(check_matrix, org):
    url = reverse("network:person_new", args=[org.slug])
    data = {"full_name": "Added Person", "email": "added@example.org"}

    def snapshot():
        return Person.objects.filter(full_name="Added Person").count()

    check_matrix(
        lambda c: c.post(url, data),
        {
            "anonymous": LOGIN,
            "outsider": 403,
            "other_focal_point": 403,
            "partner_viewer": 403,
            "reviewer": 403,
            "editor": 403,
            "focal_point": 302,
            "staff": 302,
            "admin": 302,
        },
        snapshot,
    )
    assert snapshot() == 3


def test_removing_a_contact(check_matrix, as_user, focal_point, org):
    person = org.people.get()
    url = reverse("network:person_delete", args=[org.slug, person.pk])

    def snapshot():
        return Person.objects.filter(pk=person.pk).exists()

    denied = {
        "anonymous": LOGIN,
        "outsider": 403,
        "other_focal_point": 403,
        "partner_viewer": 403,
        "reviewer": 403,
        "editor": 403,
    }
    check_matrix(lambda c: c.post(url), denied, snapshot, only=denied)
    assert as_user(focal_point).post(url).status_code == 302
    assert not snapshot()


def test_contacts_are_shown_to_own_organisation_and_secretariat_only(
    as_user, org, reviewer, focal_point, staff_user
):
    url = reverse("network:organisation", args=[org.slug])
    assert b"zarghuna@example.org" in as_user(focal_point).get(url).content
    assert b"zarghuna@example.org" in as_user(staff_user).get(url).content
    assert b"zarghuna@example.org" not in as_user(reviewer).get(url).content


def test_change_history_is_shown_to_administrators(as_user, org, admin_user, staff_user):
    from coalition.network import services

    services.update_organisation(
        organisation=org, changes={"description": "Audited text"}, actor=staff_user
    )
    url = reverse("network:organisation", args=[org.slug])
    page = as_user(admin_user).get(url).content.decode()
    assert "Change history" in page
    assert "Audited text" in page
    assert str(staff_user) in page
    assert "Change history" not in as_user(staff_user).get(url).content.decode()


def test_application_list(check_matrix):
    ApplicationFactory()
    url = reverse("network:applications")
    check_matrix(
        lambda c: c.get(url),
        {
            "anonymous": LOGIN,
            "staff": 200,
            "admin": 200,
            "*": 403,
        },
    )


def test_deciding_an_application(check_matrix, django_capture_on_commit_callbacks):
    application = ApplicationFactory()
    url = reverse("network:application", args=[application.pk])

    def snapshot():
        return MembershipApplication.objects.get(pk=application.pk).status

    # Staff decide first; the administrator, coming second, is told it is already decided.
    check_matrix(
        lambda c: c.post(url, {"decision": "admit", "reason": ""}),
        {
            "anonymous": LOGIN,
            "staff": 302,
            "admin": 200,
            "*": 403,
        },
        snapshot,
    )
    assert snapshot() == "admitted"


def test_rejecting_without_reason_is_refused(as_user, staff_user):
    application = ApplicationFactory()
    url = reverse("network:application", args=[application.pk])
    response = as_user(staff_user).post(url, {"decision": "reject", "reason": ""})
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    application.refresh_from_db()
    assert application.status == "pending"


def test_adding_an_organisation(check_matrix):
    url = reverse("network:organisation_new")
    data = {"name_en": "UN Office for Schools", "kind": "un_agency", "listed_publicly": "on"}

    def snapshot():
        return Organisation.objects.filter(name_en="UN Office for Schools").count()

    check_matrix(
        lambda c: c.post(url, data),
        {
            "anonymous": LOGIN,
            "staff": 302,
            "admin": 302,
            "*": 403,
        },
        snapshot,
    )


def test_export_is_for_the_secretariat(check_matrix, org):
    url = reverse("network:export", args=["csv"])
    check_matrix(
        lambda c: c.get(url),
        {
            "anonymous": LOGIN,
            "staff": 200,
            "admin": 200,
            "*": 403,
        },
    )


def test_unknown_export_format_is_not_found(as_user, staff_user):
    assert as_user(staff_user).get("/en/network/organisations/export.pdf").status_code == 404


def test_editing_a_contact(check_matrix, org):
    person = org.people.get()
    url = reverse("network:person_edit", args=[org.slug, person.pk])
    data = {"full_name": "Renamed Contact", "email": "zarghuna@example.org"}

    def snapshot():
        return Person.objects.get(pk=person.pk).full_name

    check_matrix(
        lambda c: c.post(url, data),
        {
            "anonymous": LOGIN,
            "outsider": 403,
            "other_focal_point": 403,
            "partner_viewer": 403,
            "reviewer": 403,
            "editor": 403,
            "focal_point": 302,
            "staff": 302,
            "admin": 302,
        },
        snapshot,
    )
    assert snapshot() == "Renamed Contact"


def test_contact_of_another_organisation_is_not_reachable(as_user, focal_point, org, other_org):
    from coalition.network.tests.factories import PersonFactory

    stranger = PersonFactory(organisation=other_org, full_name="Stranger")
    url = reverse("network:person_edit", args=[org.slug, stranger.pk])
    response = as_user(focal_point).post(url, {"full_name": "Taken over"})
    assert response.status_code == 404
    stranger.refresh_from_db()
    assert stranger.full_name == "Stranger"


def test_add_organisation_form(check_matrix):
    url = reverse("network:organisation_new")
    check_matrix(lambda c: c.get(url), {"anonymous": LOGIN, "staff": 200, "admin": 200, "*": 403})


def test_cambodian_profiles_take_districts(settings, as_user, admin_user):
    from coalition.geo.models import Area
    from coalition.network.tests.factories import OrganisationFactory

    settings.COALITION_COUNTRY = "KH"
    phnom_penh = Area.objects.get(code="KH-12")
    khan = phnom_penh.children.order_by("name_en").first()
    org = OrganisationFactory(name_en="Mekong Learning", areas=[phnom_penh])
    url = reverse("network:organisation_edit", args=[org.slug])
    page = as_user(admin_user).get(url).content.decode()
    assert f'<optgroup label="{phnom_penh.name_en}">' in page
    response = as_user(admin_user).post(
        url,
        {
            "name_en": org.name_en,
            "kind": "national_ngo",
            "areas": [phnom_penh.pk],
            "districts": [khan.pk],
            "listed_publicly": "on",
        },
    )
    assert response.status_code == 302
    assert set(org.areas.all()) == {phnom_penh, khan}
    bad = as_user(admin_user).post(
        url, {"name_en": org.name_en, "kind": "national_ngo", "districts": ["999999"]}
    )
    assert bad.status_code == 200 and "districts" in bad.context["form"].errors
    assert set(org.areas.all()) == {phnom_penh, khan}


def test_afghan_profiles_have_no_district_field(as_user, admin_user, org):
    url = reverse("network:organisation_edit", args=[org.slug])
    assert "districts" not in as_user(admin_user).get(url).context["form"].fields
