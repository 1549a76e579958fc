"""Media and CSV choice lists: uploaded with the form, listed in the manifest, downloaded
by the device."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coalition.collect.models import Form, FormMedia
from coalition.collect.services import publish_form
from coalition.collect.tests.factories import xlsform_bytes
from coalition.core.errors import DomainError

pytestmark = pytest.mark.django_db

SCHOOLS_CSV = b"name,label\ns1,Malalai School\ns2,Habibia School\n"


def with_csv(version="1", form_id="schools"):
    return xlsform_bytes(
        [
            ["type", "name", "label", "image"],
            ["select_one_from_file schools.csv", "school", "School", ""],
            ["note", "map", "Where the schools are", "map.png"],
        ],
        settings=[["form_id", "form_title", "version"], [form_id, "Schools", version]],
    )


def test_files_the_form_uses_but_lacks_are_named(staff_user):
    version = publish_form(content=with_csv(), filename="schools.xlsx", actor=staff_user)
    assert "not uploaded: map.png, schools.csv" in version.warnings
    assert not version.media.exists()


def test_oversized_media_is_refused_and_nothing_is_published(staff_user):
    with pytest.raises(DomainError, match=re.escape("map.png is larger than 20 MB")):
        publish_form(
            content=with_csv(),
            filename="schools.xlsx",
            actor=staff_user,
            media={"schools.csv": SCHOOLS_CSV, "map.png": b"x" * (20 * 1024 * 1024 + 1)},
        )
    assert not Form.objects.exists()


def test_manifest_lists_the_files_and_devices_download_them(
    staff_user, focal_point, outsider, device
):
    version = publish_form(
        content=with_csv(),
        filename="schools.xlsx",
        actor=staff_user,
        media={"schools.csv": SCHOOLS_CSV, "map.png": b"\x89PNG...."},
    )
    client = device(focal_point)
    listing = client.form_list().content.decode()
    assert "<manifestUrl>http://testserver/collect/forms/schools/manifest</manifestUrl>" in listing
    manifest = client.request("GET", "/collect/forms/schools/manifest").content.decode()
    item = version.media.get(name="schools.csv")
    assert f"<hash>md5:{item.md5}</hash>" in manifest
    assert "/collect/forms/schools/media/schools.csv" in manifest
    response = client.request("GET", "/collect/forms/schools/media/schools.csv")
    assert b"".join(response.streaming_content) == SCHOOLS_CSV
    assert client.request("GET", "/collect/forms/schools/media/other.csv").status_code == 404
    stranger = device(outsider)
    assert stranger.request("GET", "/collect/forms/schools/manifest").status_code == 404


def test_a_new_version_keeps_files_not_uploaded_again(staff_user):
    publish_form(
        content=with_csv("1"),
        filename="schools.xlsx",
        actor=staff_user,
        media={"schools.csv": SCHOOLS_CSV, "map.png": b"png"},
    )
    newer = publish_form(
        content=with_csv("2"),
        filename="schools.xlsx",
        actor=staff_user,
        media={"map.png": b"new png"},
    )
    names = dict(newer.media.values_list("name", "size"))
    assert names == {"schools.csv": len(SCHOOLS_CSV), "map.png": 7}
    assert FormMedia.objects.count() == 4


def test_forms_without_media_have_no_manifest(school_visit, focal_point, device):
    assert "manifestUrl" not in device(focal_point).form_list().content.decode()


def test_upload_page_takes_media(as_user, staff_user):
    response = as_user(staff_user).post(
        reverse("collect:upload"),
        {
            "file": SimpleUploadedFile("schools.xlsx", with_csv()),
            "media": [
                SimpleUploadedFile("schools.csv", SCHOOLS_CSV),
                SimpleUploadedFile("map.png", b"png"),
            ],
        },
    )
    assert response.status_code == 302
    assert set(Form.objects.get().current_version.media.values_list("name", flat=True)) == {
        "schools.csv",
        "map.png",
    }
    missing = as_user(staff_user).post(
        reverse("collect:upload"),
        {
            "file": SimpleUploadedFile("other.xlsx", with_csv("9").replace(b"schools", b"schoolz")),
        },
    )
    assert missing.status_code in (200, 302)


def files_under(root) -> list:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_publish_that_fails_leaves_no_files(staff_user, settings, monkeypatch, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(DomainError):  # refused before anything is written
        publish_form(
            content=with_csv(),
            filename="schools.xlsx",
            actor=staff_user,
            media={"schools.csv": SCHOOLS_CSV, "map.png": b"x" * (20 * 1024 * 1024 + 1)},
        )

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(FormMedia, "save", broken_save)
    with pytest.raises(RuntimeError):  # fails after the XLSForm and a file were saved
        publish_form(
            content=with_csv(),
            filename="schools.xlsx",
            actor=staff_user,
            media={"schools.csv": SCHOOLS_CSV},
        )
    assert files_under(tmp_path) == []
    assert not Form.objects.exists()
