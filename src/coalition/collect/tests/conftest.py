import pytest

from coalition.collect.tests.factories import publish_school_visit


@pytest.fixture
def school_visit(staff_user):
    return publish_school_visit(staff_user)
