"""Review and approval: levels, reasons, locking, history, bulk, and who may do what."""

import pytest
from django.urls import reverse

from coalition.collect import review
from coalition.collect.models import Submission, SubmissionEvent
from coalition.collect.tests.odk_client import fill
from coalition.collect.tests.test_openrosa import VALUES
from coalition.core.errors import DomainError, InvalidTransition, NotAllowed

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(school_visit, focal_point, device):
    device(focal_point).submit(
        fill(school_visit.xform, VALUES), attachments=[("photo.jpg", b"\xff\xd8photo")]
    )
    return Submission.objects.get()


def test_provincial_review_then_secretariat_approval(submission, reviewer, staff_user):
    review.endorse(submission=submission, actor=reviewer, comment="Checked the register")
    with pytest.raises(NotAllowed):
        review.change_state(submission=submission, to_state="approved", actor=reviewer)
    review.change_state(submission=submission, to_state="approved", actor=staff_user)
    submission.refresh_from_db()
    assert submission.state == "approved" and submission.endorsed_by == reviewer
    kinds = list(submission.events.values_list("kind", "to_state"))
    assert kinds == [("endorse", ""), ("state", "approved")]


def test_flagging_needs_a_reason_and_the_member_fixes_it(submission, reviewer, focal_point):
    with pytest.raises(DomainError):
        review.change_state(submission=submission, to_state="has_issues", actor=reviewer)
    review.change_state(
        submission=submission,
        to_state="has_issues",
        actor=reviewer,
        comment="Girls enrolled looks too high",
    )
    review.correct_value(submission=submission, path="girls", value="132", actor=focal_point)
    review.change_state(submission=submission, to_state="received", actor=focal_point)
    submission.refresh_from_db()
    assert submission.data["girls"] == 132 and submission.state == "received"
    edit = submission.events.get(kind="edit")
    assert (edit.path, edit.old_value, edit.new_value, edit.actor) == (
        "girls",
        312,
        132,
        focal_point,
    )


def test_approved_data_is_locked_and_reopening_needs_a_reason(submission, staff_user):
    review.change_state(submission=submission, to_state="approved", actor=staff_user)
    with pytest.raises(NotAllowed):
        review.correct_value(submission=submission, path="girls", value="1", actor=staff_user)
    with pytest.raises(DomainError):
        review.change_state(submission=submission, to_state="received", actor=staff_user)
    review.change_state(
        submission=submission, to_state="received", actor=staff_user, comment="Wrong school code"
    )
    assert Submission.objects.get().state == "received"


@pytest.mark.parametrize(
    "path, value",
    [
        ("girls", "many"),
        ("teacher/teacher_name", "X"),
        ("meta/instanceID", "uuid:x"),
        ("nope", "1"),
    ],
)
def test_bad_corrections_change_nothing(submission, staff_user, path, value):
    with pytest.raises(DomainError):
        review.correct_value(submission=submission, path=path, value=value, actor=staff_user)
    assert Submission.objects.get().data["girls"] == 312
    assert not SubmissionEvent.objects.exists()


def test_impossible_moves(submission, staff_user):
    with pytest.raises(InvalidTransition):
        review.change_state(submission=submission, to_state="published", actor=staff_user)
    review.change_state(
        submission=submission,
        to_state="rejected",
        actor=staff_user,
        comment="Duplicate of another visit",
    )
    with pytest.raises(InvalidTransition):
        review.change_state(submission=submission, to_state="approved", actor=staff_user)


def test_review_page(check_matrix, submission):
    url = reverse("collect:submission", args=["school_visit", submission.pk])
    check_matrix(
        lambda c: c.get(url),
        {
            "anonymous": 302,
            "outsider": 404,
            "partner_viewer": 404,
            "other_focal_point": 404,
            "focal_point": 200,
            "editor": 200,
            "reviewer": 200,
            "staff": 200,
            "admin": 200,
        },
    )


def test_approving_from_the_page(check_matrix, submission):
    url = reverse("collect:change_state", args=["school_visit", submission.pk])

    def snapshot():
        return Submission.objects.get().state

    check_matrix(
        lambda c: c.post(url, {"to_state": "approved"}),
        {
            "anonymous": 302,
            "outsider": 404,
            "partner_viewer": 404,
            "other_focal_point": 404,
            "focal_point": 403,
            "editor": 403,
            "reviewer": 403,
            "staff": 302,
            # Already approved by staff: told so on the page, nothing changes.
            "admin": 302,
        },
        snapshot,
    )
    assert snapshot() == "approved"


def test_commenting(check_matrix, submission):
    url = reverse("collect:comment", args=["school_visit", submission.pk])

    def snapshot():
        return SubmissionEvent.objects.count()

    check_matrix(
        lambda c: c.post(url, {"body": "Is the register signed?"}),
        {
            "anonymous": 302,
            "outsider": 404,
            "partner_viewer": 404,
            "other_focal_point": 404,
            "*": 302,
        },
        snapshot,
    )
    assert snapshot() == 5  # focal point, editor, reviewer, staff, admin


def test_bulk_approval(as_user, school_visit, focal_point, staff_user, reviewer, device):
    client = device(focal_point)
    for school in ("A", "B", "C"):
        client.submit(fill(school_visit.xform, {**VALUES, "school": school}))
    ids = list(Submission.objects.values_list("pk", flat=True))
    url = reverse("collect:bulk", args=["school_visit"])
    as_user(reviewer).post(url, {"ids": ids, "to_state": "approved"})
    assert set(Submission.objects.values_list("state", flat=True)) == {"received"}
    response = as_user(staff_user).post(
        url, {"ids": [*ids[:2], "999999", "x"], "to_state": "approved"}, follow=True
    )
    assert "2 changed, 1 left as they were" in response.content.decode()
    assert Submission.objects.filter(state="approved").count() == 2


def test_attachments_follow_the_submission_scope(
    as_user, submission, focal_point, other_focal_point
):
    url = reverse("collect:attachment", args=["school_visit", submission.pk, "photo.jpg"])
    response = as_user(focal_point).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"\xff\xd8photo"
    assert as_user(other_focal_point).get(url).status_code == 404
    missing = reverse("collect:attachment", args=["school_visit", submission.pk, "x.jpg"])
    assert as_user(focal_point).get(missing).status_code == 404
