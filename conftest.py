"""Fixtures shared by every app's tests: one user per role, organisations in each state,
and clients logged in as each of them (secretariat clients have passed their second factor)."""

import pytest
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from coalition.accounts.models import Role
from coalition.accounts.tests.factories import UserFactory, grant
from coalition.geo.models import Area
from coalition.network.tests.factories import OrganisationFactory, PersonFactory


@pytest.fixture(autouse=True)
def no_remembered_devices():
    """Device passwords a process verified recently answer HEAD requests without the
    database (accounts/device_auth.py); one test's devices must not answer another's."""
    from coalition.accounts import device_auth

    device_auth._RECENT.clear()
    yield
    device_auth._RECENT.clear()


@pytest.fixture(autouse=True)
def english_by_default():
    """reverse() outside a request uses the thread's active language, which the last
    request of an earlier test may have left as Dari. Start every test in English."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def kabul(db):
    return Area.objects.get(code="AF-KAB")


@pytest.fixture
def balkh(db):
    return Area.objects.get(code="AF-BAL")


@pytest.fixture
def herat(db):
    return Area.objects.get(code="AF-HER")


@pytest.fixture
def org(kabul):
    """A public, active member working in Kabul, with a focal point contact."""
    organisation = OrganisationFactory(
        name_en="Kabul Literacy Circle", areas=[kabul], headquarters=kabul
    )
    PersonFactory(
        organisation=organisation,
        full_name="Zarghuna Contact",
        email="zarghuna@example.org",
        is_focal_point=True,
    )
    return organisation


@pytest.fixture
def other_org(balkh):
    return OrganisationFactory(name_en="Balkh Schools Forum", areas=[balkh], headquarters=balkh)


@pytest.fixture
def hidden_org(kabul):
    """A member at risk: active but not listed publicly."""
    organisation = OrganisationFactory(
        name_en="Quiet Girls Learning Group",
        areas=[kabul],
        headquarters=kabul,
        listed_publicly=False,
    )
    PersonFactory(
        organisation=organisation, full_name="Hidden Person", email="hidden.person@example.org"
    )
    return organisation


@pytest.fixture
def herat_hidden_org(herat):
    return OrganisationFactory(name_en="Herat Hidden Helpers", areas=[herat], listed_publicly=False)


@pytest.fixture
def partner_org(db):
    return OrganisationFactory(
        name_en="Ministry Liaison Unit",
        kind="ministry",
        relationship="partner",
        membership_status="",
    )


@pytest.fixture
def admin_user(db):
    return grant(UserFactory(email="admin@example.org"), Role.SECRETARIAT_ADMIN)


@pytest.fixture
def staff_user(db):
    return grant(UserFactory(email="staff@example.org"), Role.SECRETARIAT_STAFF)


@pytest.fixture
def reviewer(kabul):
    return grant(
        UserFactory(email="reviewer@example.org"), Role.PROVINCIAL_REVIEWER, provinces=[kabul]
    )


@pytest.fixture
def focal_point(org):
    return grant(UserFactory(email="focal@example.org"), Role.FOCAL_POINT, organisation=org)


@pytest.fixture
def editor(org):
    return grant(UserFactory(email="editor@example.org"), Role.MEMBER_EDITOR, organisation=org)


@pytest.fixture
def other_focal_point(other_org):
    return grant(
        UserFactory(email="other.focal@example.org"), Role.FOCAL_POINT, organisation=other_org
    )


@pytest.fixture
def partner_viewer(partner_org):
    return grant(
        UserFactory(email="partner@example.org"), Role.PARTNER_VIEWER, organisation=partner_org
    )


@pytest.fixture
def outsider(db):
    """Logged in, but holds no role at all."""
    return UserFactory(email="outsider@example.org")


def login(client: Client, user) -> Client:
    """Log a client in as `user`, with a verified second factor where the role needs one."""
    client.force_login(user, backend="coalition.accounts.backends.EmailBackend")
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def as_user():
    """as_user(user) -> a Client logged in as that user (None: anonymous)."""

    def make(user):
        client = Client()
        return login(client, user) if user is not None else client

    return make


@pytest.fixture
def roles(
    admin_user,
    staff_user,
    reviewer,
    focal_point,
    editor,
    other_focal_point,
    partner_viewer,
    outsider,
):
    """Every role of the permission matrix, by name."""
    return {
        "anonymous": None,
        "outsider": outsider,
        "other_focal_point": other_focal_point,
        "partner_viewer": partner_viewer,
        "reviewer": reviewer,
        "focal_point": focal_point,
        "editor": editor,
        "staff": staff_user,
        "admin": admin_user,
    }


def _check_matrix(roles, as_user, call, expected, snapshot=lambda: None):
    """Send the same request as every role; check each answer's status code, and that a
    denied request left `snapshot()` (the state it could have changed) as it was.

    `expected` maps role name to status; roles not named get the "*" entry. A request is
    denied when it answers 403 or 404, or comes from an anonymous visitor (who is sent to
    the login page).
    """
    failures = []
    for name, user in roles.items():
        want = expected.get(name, expected.get("*"))
        before = snapshot()
        response = call(as_user(user))
        if response.status_code != want:
            failures.append(f"{name}: got {response.status_code}, expected {want}")
        elif (want in (403, 404) or name == "anonymous") and snapshot() != before:
            failures.append(f"{name}: denied ({want}) but the state changed")
    assert not failures, "\n".join(failures)


@pytest.fixture
def check_matrix(roles, as_user):
    """check_matrix(call, expected, snapshot): see _check_matrix."""

    def check(call, expected, snapshot=lambda: None, only=None):
        chosen = {k: v for k, v in roles.items() if only is None or k in only}
        _check_matrix(chosen, as_user, call, expected, snapshot)

    return check


@pytest.fixture
def device():
    """device(user) -> a client that talks like ODK Collect, with a fresh device password."""
    from coalition.accounts.services import create_app_token
    from coalition.collect.tests.odk_client import CollectClient

    def make(user):
        _token, secret = create_app_token(user=user, name="Phone", actor=user)
        return CollectClient(user.email, secret)

    return make
