import pytest
from django.db import IntegrityError

from coalition.accounts import services
from coalition.accounts.models import Role, RoleAssignment, User
from coalition.accounts.roles import scope_of
from coalition.core.errors import DomainError, NotAllowed

pytestmark = pytest.mark.django_db


def test_scope_reads_roles_once(django_assert_num_queries, reviewer, kabul):
    reviewer = User.objects.get(pk=reviewer.pk)
    with django_assert_num_queries(2):  # assignments + their provinces
        scope = scope_of(reviewer)
        scope_of(reviewer)
    assert scope.roles == {Role.PROVINCIAL_REVIEWER}
    assert scope.province_ids == {kabul.pk}


def test_inactive_users_hold_no_role(admin_user):
    admin_user.is_active = False
    assert scope_of(admin_user).roles == frozenset()


def test_organisation_roles_need_an_organisation(outsider):
    with pytest.raises(IntegrityError):
        RoleAssignment.objects.create(user=outsider, role=Role.FOCAL_POINT)


def test_grant_role_creates_an_account_without_password(admin_user, org):
    user = services.grant_role(
        email="New.Editor@example.org",
        full_name="New Editor",
        role=Role.MEMBER_EDITOR,
        organisation_id=org.pk,
        actor=admin_user,
    )
    assert user.email == "new.editor@example.org"
    assert not user.has_usable_password()
    assert scope_of(user).organisations_for(Role.MEMBER_EDITOR) == {org.pk}


def test_only_administrators_grant_roles(staff_user, org):
    with pytest.raises(NotAllowed):
        services.grant_role(
            email="x@example.org", full_name="X", role=Role.SECRETARIAT_ADMIN, actor=staff_user
        )
    assert not User.objects.filter(email="x@example.org").exists()


def test_reviewer_needs_provinces(admin_user):
    with pytest.raises(DomainError):
        services.grant_role(
            email="r@example.org", full_name="R", role=Role.PROVINCIAL_REVIEWER, actor=admin_user
        )


def test_administrator_cannot_remove_own_admin_role(admin_user):
    assignment = RoleAssignment.objects.get(user=admin_user)
    with pytest.raises(DomainError):
        services.revoke_role(assignment=assignment, actor=admin_user)
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
