import pytest

from coalition.accounts.services import create_app_token
from coalition.collect.tests.factories import publish_school_visit
from coalition.collect.tests.odk_client import CollectClient


@pytest.fixture
def school_visit(staff_user):
    return publish_school_visit(staff_user)


@pytest.fixture
def device():
    """device(user) -> a CollectClient with a fresh device password for that user."""

    def make(user):
        _token, secret = create_app_token(user=user, name="Phone", actor=user)
        return CollectClient(user.email, secret)

    return make
