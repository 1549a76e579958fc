"""Approved submissions flow on to analysis as Parquet: the seam the indicator engine reads."""

from datetime import timedelta

import pytest

from coalition.collect import review
from coalition.collect.datasets import dataset_name, write_form_dataset
from coalition.collect.models import Submission
from coalition.collect.tests.odk_client import fill
from coalition.collect.tests.test_openrosa import VALUES
from coalition.warehouse.adapter import read_parquet
from coalition.warehouse.datasets import dataset_dir, read_manifest

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture
def three(school_visit, focal_point, device, data_dir):
    client = device(focal_point)
    for girls in ("10", "20", "30"):
        client.submit(fill(school_visit.xform, {**VALUES, "girls": girls}))
    return list(Submission.objects.order_by("pk"))


def test_only_approved_submissions_flow_on(three, staff_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the refresh task runs
        review.change_state(submission=three[0], to_state="approved", actor=staff_user)
        review.change_state(
            submission=three[1], to_state="rejected", actor=staff_user, comment="duplicate"
        )
    form = three[0].form
    folder = dataset_dir(dataset_name(form))
    rows = read_parquet(
        folder / "data.parquet",
        "SELECT _submission_id, girls, services, _province, _state FROM dataset",
    )
    assert rows == [(three[0].pk, 10, ["water", "electricity"], "AF-KAB", "approved")]
    teachers = read_parquet(
        folder / "teacher.parquet", "SELECT _submission_id, _row, teacher_name FROM dataset"
    )
    assert teachers == [(three[0].pk, 1, "Fahima")]
    manifest = read_manifest(dataset_name(form))
    assert manifest["source"]["submission_ids"] == [three[0].pk]
    assert manifest["source"]["only_approved"] is True
    assert manifest["tables"]["data"]["rows"] == 1


def test_forms_not_waiting_for_approval_send_all_but_rejected(three, staff_user):
    form = three[0].form
    form.analysis_requires_approval = False
    form.save()
    review.change_state(submission=three[2], to_state="rejected", actor=staff_user, comment="x")
    write_form_dataset(form)
    folder = dataset_dir(dataset_name(form))
    girls = read_parquet(folder / "data.parquet", "SELECT girls FROM dataset ORDER BY 1")
    assert girls == [(10,), (20,)]


def test_a_value_that_does_not_fit_its_type_becomes_null(three, staff_user):
    submission = three[0]
    submission.data["girls"] = "many"  # kept as sent by the device
    submission.save()
    review.change_state(submission=submission, to_state="approved", actor=staff_user)
    write_form_dataset(submission.form)
    folder = dataset_dir(dataset_name(submission.form))
    assert read_parquet(folder / "data.parquet", "SELECT girls FROM dataset") == [(None,)]


def test_bulk_approval_refreshes_once(three, staff_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        review.bulk_change_state(submissions=three, to_state="approved", actor=staff_user)
    assert len(callbacks) == 1


def test_write_datasets_command(three, staff_user):
    import io

    from django.core.management import CommandError, call_command

    review.change_state(submission=three[0], to_state="approved", actor=staff_user)
    out = io.StringIO()
    call_command("write_datasets", "school_visit", stdout=out)
    assert "school_visit: version" in out.getvalue() and "data: 1" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("write_datasets", "nope")


def girls_in_dataset(form):
    folder = dataset_dir(dataset_name(form))
    return read_parquet(folder / "data.parquet", "SELECT girls FROM dataset ORDER BY 1")


def test_forms_not_waiting_for_approval_take_each_arrival_and_correction(
    three, staff_user, focal_point, device, django_capture_on_commit_callbacks
):
    from coalition.collect import services

    form = three[0].form
    with django_capture_on_commit_callbacks(execute=True):  # switching the rule rewrites
        services.update_form_settings(
            form=form, changes={"analysis_requires_approval": False}, actor=staff_user
        )
    assert girls_in_dataset(form) == [(10,), (20,), (30,)]
    with django_capture_on_commit_callbacks(execute=True):
        device(focal_point).submit(fill(form.current_version.xform, {**VALUES, "girls": "40"}))
    assert girls_in_dataset(form) == [(10,), (20,), (30,), (40,)]
    with django_capture_on_commit_callbacks(execute=True):
        review.correct_value(submission=three[0], path="girls", value="11", actor=staff_user)
    assert girls_in_dataset(form) == [(11,), (20,), (30,), (40,)]


def test_forms_waiting_for_approval_are_not_rewritten_on_arrival(
    three, focal_point, device, django_capture_on_commit_callbacks
):
    form = three[0].form
    with django_capture_on_commit_callbacks() as callbacks:
        device(focal_point).submit(fill(form.current_version.xform, VALUES))
    assert callbacks == []
    assert read_manifest(dataset_name(form)) is None


def test_a_queue_that_can_defer_gets_one_refresh_per_window(
    three, settings, django_capture_on_commit_callbacks
):
    from django.core.cache import cache
    from django_tasks_db.models import DBTaskResult

    from coalition.collect.datasets import REFRESH_WINDOW, refresh_soon

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    cache.clear()
    form = three[0].form
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):  # a burst of arrivals
            refresh_soon(form.pk)
    [queued] = DBTaskResult.objects.all()
    assert queued.args_kwargs["args"] == [form.pk]
    assert queued.run_after >= queued.enqueued_at + REFRESH_WINDOW - timedelta(seconds=1)
    cache.clear()
