"""Datasets through the services and the command line: versions with provenance, a
problem report instead of data when a file is wrong, and only the secretariat importing."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from coalition.core.errors import NotAllowed
from coalition.indicators import services
from coalition.warehouse.adapter import read_parquet
from coalition.warehouse.models import Dataset, DatasetVersion

pytestmark = pytest.mark.django_db

POPULATION = "area,year,age,sex,population\nAF-KAB,2025,6,F,51234.5\nAF-KAB,2025,6,M,52001\n"


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path


def upload(text, name="population.csv"):
    return SimpleUploadedFile(name, text.encode())


@pytest.fixture
def start(django_capture_on_commit_callbacks):
    """start_dataset_import, with the queued task run as the worker would."""

    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            version = services.start_dataset_import(**kwargs)
        version.refresh_from_db()
        return version

    return run


def test_the_secretariat_imports_a_file_as_a_new_version(data_dir, staff_user, start):
    dataset = services.create_dataset(
        name="population-2025",
        kind="population",
        title="Population 2025",
        actor=staff_user,
        year=2025,
    )
    first = start(
        dataset=dataset, file=upload(POPULATION), filename="population.csv", actor=staff_user
    )
    assert first.status == DatasetVersion.Status.SUCCEEDED and first.progress == 100
    assert first.rows == 2 and first.number == 1 and first.imported_by == staff_user
    assert len(first.source_sha256) == 64 and first.problems == []
    assert read_parquet(data_dir / first.parquet, "SELECT COUNT(*) FROM dataset") == [(2,)]

    # The import queued the computation of what it affects (nothing, for population
    # alone: no census year has enrolment yet).
    from coalition.indicators.models import ComputationRun

    run = ComputationRun.objects.get()
    assert run.dataset_version_id == first.pk and run.status == ComputationRun.Status.SUCCEEDED
    assert run.started_by == staff_user

    second = start(
        dataset=dataset, file=upload(POPULATION), filename="population.csv", actor=staff_user
    )
    assert second.number == 2
    assert dataset.current_version() == DatasetVersion.objects.get(pk=second.pk)


def test_a_wrong_file_leaves_a_report_and_no_data(data_dir, staff_user, start):
    dataset = services.create_dataset(
        name="pop", kind="population", title="Population", actor=staff_user
    )
    wrong = POPULATION.replace("2025,6,F", "2025,six,X")
    version = start(dataset=dataset, file=upload(wrong), filename="p.csv", actor=staff_user)
    assert version.status == DatasetVersion.Status.FAILED and version.parquet == ""
    assert {(p["column"], p["rows"][0]) for p in version.problems} == {("age", 1), ("sex", 1)}
    assert dataset.current_version() is None
    assert not (data_dir / "datasets" / "pop").exists()


@pytest.mark.parametrize("who", ["focal_point", "editor", "reviewer", "partner_viewer", "outsider"])
def test_only_the_secretariat_creates_and_imports_datasets(who, roles, staff_user, data_dir):
    dataset = services.create_dataset(
        name="pop", kind="population", title="Population", actor=staff_user
    )
    with pytest.raises(NotAllowed):
        services.create_dataset(name="x", kind="population", title="x", actor=roles[who])
    with pytest.raises(NotAllowed):
        services.start_dataset_import(
            dataset=dataset, file=upload(POPULATION), filename="p.csv", actor=roles[who]
        )
    assert Dataset.objects.count() == 1 and DatasetVersion.objects.count() == 0


def test_the_admin_may_import_too(admin_user, data_dir):
    services.create_dataset(name="pop", kind="population", title="P", actor=admin_user)
    assert Dataset.objects.get().name == "pop"


def test_unknown_kinds_and_formats_are_refused(staff_user, data_dir):
    from coalition.core.errors import DomainError

    with pytest.raises(DomainError):
        services.create_dataset(name="x", kind="weather", title="x", actor=staff_user)
    dataset = services.create_dataset(name="x", kind="population", title="x", actor=staff_user)
    with pytest.raises(DomainError):
        services.start_dataset_import(
            dataset=dataset, file=upload("x"), filename="p.exe", actor=staff_user
        )
    with pytest.raises(DomainError):
        services.read_mapping("[1, 2]")
    with pytest.raises(DomainError):
        services.read_mapping("{not json")


def test_the_command_line_imports_and_lists(data_dir, tmp_path):
    source = tmp_path / "survey.csv"
    source.write_text("wt,age,hl4\n120.5,7,1\n80,12,2\n", encoding="utf-8")
    mapping = tmp_path / "mapping.json"
    mapping.write_text(
        '{"weight": "wt", "sex": {"column": "hl4", "values": {"1": "M", "2": "F"}}}',
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command(
        "datasets", "import", "household_persons", str(source), "--name", "mics",
        "--mapping", str(mapping), "--year", "2022", stdout=out,
    )  # fmt: skip
    assert "mics v1: 2 rows" in out.getvalue()
    version = Dataset.objects.get(name="mics").current_version()
    assert read_parquet(
        Path(data_dir) / version.parquet, "SELECT sex FROM dataset ORDER BY age"
    ) == [("M",), ("F",)]
    listing = io.StringIO()
    call_command("datasets", "list", stdout=listing)
    assert "mics\thousehold_persons\tv1, 2 rows" in listing.getvalue()

    source.write_text("wt,age,hl4\n120.5,7,3\n", encoding="utf-8")
    errors = io.StringIO()
    with pytest.raises(CommandError, match="nothing imported"):
        call_command(
            "datasets", "import", "household_persons", str(source), "--name", "mics",
            "--mapping", str(mapping), stderr=errors,
        )  # fmt: skip
    assert "sex: not one of F, M (rows 1)" in errors.getvalue()
    assert Dataset.objects.get(name="mics").current_version().number == 1


def test_the_report_is_written_in_the_importers_language(data_dir, staff_user, start):
    staff_user.preferred_language = "fa"
    staff_user.save()
    dataset = services.create_dataset(name="p", kind="population", title="P", actor=staff_user)
    wrong = POPULATION.replace("2025,6,F", "2025,six,F")
    version = start(dataset=dataset, file=upload(wrong), filename="p.csv", actor=staff_user)
    assert [p["message"] for p in version.problems] == ["یک عدد صحیح نیست"]
