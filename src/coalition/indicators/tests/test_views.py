"""Workspace pages for datasets: every role, and a denied request changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coalition.indicators import services
from coalition.warehouse.models import Dataset, DatasetVersion

pytestmark = pytest.mark.django_db

SECRETARIAT_ONLY = {
    "anonymous": 302, "outsider": 403, "partner_viewer": 403, "reviewer": 403,
    "focal_point": 403, "editor": 403, "other_focal_point": 403, "staff": 200, "admin": 200,
}  # fmt: skip
POPULATION = b"area,year,age,sex,population\nAF-KAB,2025,6,F,51234.5\nAF-KAB,2025,6,M,52001\n"


@pytest.fixture
def dataset(settings, tmp_path, staff_user):
    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    return services.create_dataset(
        name="pop", kind="population", title="Population", year=2025, actor=staff_user
    )


def test_pages_are_for_the_secretariat(check_matrix, dataset, staff_user):
    version = services.new_version(
        dataset=dataset, file=SimpleUploadedFile("p.csv", POPULATION), filename="p.csv",
        actor=staff_user,
    )  # fmt: skip
    for url in (
        reverse("indicators:datasets"),
        reverse("indicators:dataset", args=["pop"]),
        reverse("indicators:version", args=["pop", version.number]),
    ):
        check_matrix(lambda client, url=url: client.get(url), SECRETARIAT_ONLY)


def test_denied_posts_change_nothing(check_matrix, dataset):
    def snapshot():
        return (Dataset.objects.count(), DatasetVersion.objects.count())

    denied = {k: v for k, v in SECRETARIAT_ONLY.items() if v != 200}
    check_matrix(
        lambda client: client.post(
            reverse("indicators:datasets"), {"name": "new", "title": "New", "kind": "population"}
        ),
        denied,
        snapshot,
        only=list(denied),
    )
    check_matrix(
        lambda client: client.post(
            reverse("indicators:dataset", args=["pop"]),
            {"file": SimpleUploadedFile("p.csv", POPULATION), "mapping": ""},
        ),
        denied,
        snapshot,
        only=list(denied),
    )


def test_the_secretariat_imports_and_reads_the_report(
    as_user, staff_user, dataset, django_capture_on_commit_callbacks
):
    client = as_user(staff_user)
    wrong = POPULATION.replace(b"2025,6,F", b"2025,six,X")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("indicators:dataset", args=["pop"]),
            {"file": SimpleUploadedFile("p.csv", wrong), "mapping": ""},
        )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Failed: nothing was imported" in page and "not one of F, M" in page
    bad_mapping = client.post(
        reverse("indicators:dataset", args=["pop"]),
        {"file": SimpleUploadedFile("p.csv", POPULATION), "mapping": "{oops"},
    )
    assert bad_mapping.status_code == 200 and "not valid JSON" in bad_mapping.content.decode()
    assert DatasetVersion.objects.count() == 1
    created = client.post(
        reverse("indicators:datasets"),
        {"name": "mics-2022", "title": "MICS", "kind": "household_persons", "year": "2022"},
    )
    assert created.status_code == 302 and Dataset.objects.filter(name="mics-2022").exists()
    again = client.post(
        reverse("indicators:datasets"), {"name": "mics-2022", "title": "x", "kind": "population"}
    )
    assert again.status_code == 200 and "exists already" in again.content.decode()


@pytest.mark.parametrize("language", ["fa", "km"])
def test_pages_in_dari_and_khmer(as_user, staff_user, dataset, language):
    page = as_user(staff_user).get(f"/{language}/datasets/pop/").content.decode()
    assert ('dir="rtl"' in page) == (language == "fa")


def test_the_columns_of_a_kind_are_explained_in_the_readers_language(as_user, staff_user, dataset):
    mics = services.create_dataset(
        name="mics", kind="household_persons", title="MICS", year=2022, actor=staff_user
    )
    page = as_user(staff_user).get(f"/fa/datasets/{mics.name}/").content.decode()
    assert "وزن سروی شخص" in page  # "survey weight of the person"
    assert "survey weight of the person" not in page
    assert "مجموعهٔ کوتاه گروه واشنگتن، دیدن" in page  # the Washington Group columns


def test_a_running_computation_shows_its_progress_and_the_page_follows_it(
    as_user, staff_user, dataset
):
    from django.utils.timezone import now

    from coalition.indicators.models import ComputationRun

    version = services.new_version(
        dataset=dataset, file=SimpleUploadedFile("p.csv", POPULATION), filename="p.csv",
        actor=staff_user,
    )  # fmt: skip
    DatasetVersion.objects.filter(pk=version.pk).update(status="succeeded", finished_at=now())
    run = ComputationRun.objects.create(dataset_version=version, status="running", progress=40)
    url = reverse("indicators:version", args=["pop", version.number])
    page = as_user(staff_user).get(url).content.decode()
    assert '<progress max="100" value="40">' in page
    assert 'http-equiv="refresh"' in page
    ComputationRun.objects.filter(pk=run.pk).update(
        status="succeeded", progress=100, finished_at=now()
    )
    page = as_user(staff_user).get(url).content.decode()
    assert 'http-equiv="refresh"' not in page
