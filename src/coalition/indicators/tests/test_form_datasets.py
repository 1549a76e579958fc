"""Approved form submissions flow into a canonical dataset through a field mapping, and
every later refresh of the form's data becomes a new version."""

import pytest

from coalition.collect.datasets import write_form_dataset
from coalition.collect.tests.factories import publish_school_visit
from coalition.collect.tests.odk_client import fill
from coalition.collect.tests.test_openrosa import VALUES
from coalition.core.errors import NotAllowed
from coalition.indicators import services
from coalition.warehouse.adapter import read_parquet
from coalition.warehouse.models import Dataset

pytestmark = pytest.mark.django_db

MAPPING = {
    "school": "school",
    "level": {"value": "1"},
    "grade": {"value": "1"},
    "sex": {"value": "F"},
    "pupils": "girls",
}


@pytest.fixture
def form(settings, tmp_path, staff_user, focal_point, device):
    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    version = publish_school_visit(staff_user)
    form = version.form
    form.analysis_requires_approval = False  # received submissions count at once
    form.save()
    client = device(focal_point)
    for n, girls in enumerate(("10", "20", "30")):
        client.submit(fill(version.xform, {**VALUES, "school": f"School {n}", "girls": girls}))
    return form


def test_a_form_feeds_a_dataset_and_each_refresh_is_a_new_version(
    form, staff_user, django_capture_on_commit_callbacks, settings
):
    write_form_dataset(form)
    dataset = services.connect_form(
        name="girls-enrolment", kind="enrolment", title="Girls counted by members",
        form_dataset=f"form_{form.form_id}", mapping=MAPPING, actor=staff_user,
    )  # fmt: skip
    first = dataset.current_version()
    assert first.rows == 3 and first.source_filename == "data.parquet"
    path = settings.DATA_DIR / first.parquet
    assert read_parquet(path, "SELECT SUM(pupils), MIN(sex) FROM dataset") == [(60, "F")]

    form.submissions.order_by("pk").first().delete()
    with django_capture_on_commit_callbacks(execute=True):
        write_form_dataset(form)  # the warehouse says so; the worker imports again
    latest = Dataset.objects.get(pk=dataset.pk).current_version()
    assert latest.number == 2 and latest.rows == 2


def test_only_the_secretariat_connects_forms(form, focal_point):
    with pytest.raises(NotAllowed):
        services.connect_form(
            name="x", kind="enrolment", title="x", form_dataset=f"form_{form.form_id}",
            mapping=MAPPING, actor=focal_point,
        )  # fmt: skip
    assert not Dataset.objects.exists()


def test_the_command_line_connects_a_form(form, tmp_path):
    import io
    import json

    from django.core.management import call_command

    out = io.StringIO()
    call_command(
        "datasets", "from-form", "enrolment", form.form_id, "--name", "girls",
        "--mapping", json.dumps(MAPPING), stdout=out,
    )  # fmt: skip
    assert "waiting for the form's first approved data" in out.getvalue()
    write_form_dataset(form)
    call_command(
        "datasets", "from-form", "enrolment", form.form_id, "--name", "girls-2",
        "--mapping", json.dumps(MAPPING), stdout=out,
    )  # fmt: skip
    assert "girls-2 v1: 3 rows" in out.getvalue()
