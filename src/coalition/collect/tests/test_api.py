import pytest

from coalition.collect.models import Submission
from coalition.collect.tests.odk_client import fill
from coalition.collect.tests.test_openrosa import VALUES

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_submissions(school_visit, focal_point, other_focal_point, device):
    device(focal_point).submit(fill(school_visit.xform, VALUES))
    device(other_focal_point).submit(fill(school_visit.xform, {**VALUES, "province": "AF-BAL"}))
    return Submission.objects.all()


def areas(response):
    return sorted(row["area"] for row in response.json()["results"])


def test_submissions_follow_the_same_scopes(roles, as_user, two_submissions):
    expected = {
        "anonymous": None,
        "outsider": [],
        "partner_viewer": [],
        "editor": ["AF-KAB"],
        "focal_point": ["AF-KAB"],
        "other_focal_point": ["AF-BAL"],
        "reviewer": ["AF-KAB"],
        "staff": ["AF-BAL", "AF-KAB"],
        "admin": ["AF-BAL", "AF-KAB"],
    }
    for name, user in roles.items():
        response = as_user(user).get("/api/v1/submissions/")
        if expected[name] is None:
            assert response.status_code == 403, name
        else:
            assert areas(response) == expected[name], name


def test_filters_and_typed_data(as_user, staff_user, two_submissions):
    client = as_user(staff_user)
    rows = client.get("/api/v1/submissions/", {"area": "AF-BAL"}).json()["results"]
    assert [r["area"] for r in rows] == ["AF-BAL"]
    assert rows[0]["data"]["girls"] == 312 and rows[0]["form"] == "school_visit"
    assert client.get("/api/v1/submissions/", {"state": "approved"}).json()["count"] == 0
    assert client.get("/api/v1/submissions/", {"state": "bogus"}).status_code == 400
    assert client.get("/api/v1/submissions/", {"received_after": "not-a-date"}).status_code == 400


def test_forms_api(as_user, roles, school_visit):
    assert as_user(None).get("/api/v1/forms/").status_code == 403
    assert as_user(roles["outsider"]).get("/api/v1/forms/").json()["count"] == 0
    row = as_user(roles["focal_point"]).get("/api/v1/forms/school_visit/").json()
    assert row["current_version"] == "2026110101" and row["is_open"] is True
