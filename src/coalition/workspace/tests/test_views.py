import pytest
from django.urls import reverse

from coalition.accounts.models import RoleAssignment, User

pytestmark = pytest.mark.django_db


def test_dashboard_needs_a_login(check_matrix):
    url = reverse("workspace:dashboard")
    check_matrix(lambda c: c.get(url), {"anonymous": 302, "*": 200})


def test_dashboard_shows_own_organisation_and_pending_work(as_user, focal_point, staff_user, org):
    assert org.name_en in as_user(focal_point).get(reverse("workspace:dashboard")).content.decode()
    staff_page = as_user(staff_user).get(reverse("workspace:dashboard")).content.decode()
    assert reverse("network:applications") in staff_page


def test_users_page_is_for_administrators(check_matrix):
    url = reverse("workspace:users")
    check_matrix(
        lambda c: c.get(url),
        {
            "anonymous": 302,
            "admin": 200,
            "*": 403,
        },
    )


def test_granting_a_role(check_matrix, org):
    url = reverse("workspace:users")
    data = {
        "email": "granted@example.org",
        "full_name": "Granted Person",
        "role": "member_editor",
        "organisation": org.pk,
    }

    def snapshot():
        return User.objects.filter(email="granted@example.org").count()

    check_matrix(
        lambda c: c.post(url, data),
        {
            "anonymous": 302,
            "admin": 302,
            "*": 403,
        },
        snapshot,
    )
    assert snapshot() == 1


def test_grant_form_errors(as_user, admin_user):
    response = as_user(admin_user).post(
        reverse("workspace:users"),
        {
            "email": "not-an-email",
            "full_name": "",
            "role": "focal_point",
        },
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"email", "full_name", "organisation"}


def test_revoking_a_role(check_matrix, editor):
    assignment = RoleAssignment.objects.get(user=editor)
    url = reverse("workspace:revoke_role", args=[assignment.pk])

    def snapshot():
        return RoleAssignment.objects.filter(pk=assignment.pk).exists()

    check_matrix(
        lambda c: c.post(url),
        {
            "anonymous": 302,
            "admin": 302,
            "*": 403,
        },
        snapshot,
    )
    assert not snapshot()
