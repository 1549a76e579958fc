import io

import pytest
from django.core.management import CommandError, call_command

from coalition.accounts.models import Role, User
from coalition.accounts.roles import scope_of

pytestmark = pytest.mark.django_db


def test_grant_role_makes_the_first_administrator():
    out = io.StringIO()
    call_command(
        "grant_role", "First@Example.org", "secretariat_admin", "--name", "First", stdout=out
    )
    user = User.objects.get(email="first@example.org")
    assert scope_of(user).roles == {Role.SECRETARIAT_ADMIN}
    assert "/en/accounts/password/reset/" in out.getvalue()


def test_grant_role_reviewer_with_provinces(kabul):
    call_command(
        "grant_role",
        "r@example.org",
        "provincial_reviewer",
        "--province",
        "AF-KAB",
        stdout=io.StringIO(),
    )
    assert scope_of(User.objects.get(email="r@example.org")).province_ids == {kabul.pk}


@pytest.mark.parametrize(
    "args",
    [
        ["x@example.org", "focal_point"],  # needs an organisation
        ["x@example.org", "provincial_reviewer", "--province", "AF-XXX"],
    ],
)
def test_grant_role_refuses_incomplete_scopes(args):
    with pytest.raises(CommandError):
        call_command("grant_role", *args, stdout=io.StringIO())
    assert not User.objects.filter(email="x@example.org").exists()
