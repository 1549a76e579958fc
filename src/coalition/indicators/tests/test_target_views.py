"""The targets page: the secretariat enters, changes, removes and imports targets; every
other role is refused and changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coalition.indicators import services
from coalition.indicators.models import Target
from coalition.indicators.tests.test_views import SECRETARIAT_ONLY

pytestmark = pytest.mark.django_db

ENTRY = {
    "enter": "1", "indicator": "completion_primary", "area": "AF", "kind": "plan",
    "year": "2030", "value": "70", "source": "NESP III, p. 12",
}  # fmt: skip


@pytest.fixture
def target(staff_user):
    return services.set_target(
        indicator="literacy_adult", area="AF-KAB", kind="benchmark", year=2030, value=55,
        actor=staff_user,
    )  # fmt: skip


def snapshot():
    return sorted(Target.objects.values_list("indicator", "area", "kind", "year", "value"))


def test_the_page_is_for_the_secretariat(check_matrix, target):
    check_matrix(lambda client: client.get(reverse("targets:list")), SECRETARIAT_ONLY)


def test_denied_requests_change_nothing(check_matrix, target):
    denied = {k: v for k, v in SECRETARIAT_ONLY.items() if v != 200}
    upload = b"indicator,area,kind,year,value\ncompletion_primary,AF,plan,2030,70\n"
    for call in (
        lambda client: client.post(reverse("targets:list"), ENTRY),
        lambda client: client.post(
            reverse("targets:list"),
            {"upload": "1", "file": SimpleUploadedFile("t.csv", upload)},
        ),
        lambda client: client.post(reverse("targets:delete", args=[target.pk])),
        lambda client: client.get(reverse("targets:delete", args=[target.pk])),
        # Refused before the lookup: an unknown target answers as a known one does.
        lambda client: client.post(reverse("targets:delete", args=[999999])),
    ):
        check_matrix(call, denied, snapshot, only=list(denied))


def test_the_secretariat_enters_changes_and_removes_a_target(as_user, staff_user, target):
    client = as_user(staff_user)
    response = client.post(reverse("targets:list"), ENTRY)
    assert response.status_code == 302
    saved = Target.objects.get(indicator="completion_primary", area="AF", kind="plan", year=2030)
    assert saved.value == 70 and saved.source == "NESP III, p. 12"
    assert saved.entered_by == staff_user

    page = client.get(reverse("targets:list")).content.decode()
    # The table (not the form's lists, which name every indicator and area) shows the
    # saved targets by their names.
    listing = page.split("<tbody>")[1].split("</tbody>")[0]
    assert "Completion rate, primary" in listing and "Afghanistan" in listing
    assert "Adult literacy rate" in listing and "Kabul" in listing
    # "change" fills the form with the target; saving the same key replaces its value.
    form = client.get(reverse("targets:list"), {"change": saved.pk}).content.decode()
    assert 'value="NESP III, p. 12"' in form
    client.post(reverse("targets:list"), {**ENTRY, "value": "72.5"})
    assert Target.objects.filter(indicator="completion_primary").count() == 1
    assert Target.objects.get(indicator="completion_primary").value == 72.5

    # "remove" asks first, naming the target, and removes nothing until asked again.
    asked = client.get(reverse("targets:delete", args=[saved.pk]))
    assert asked.status_code == 200
    question = asked.content.decode()
    assert "Remove this target?" in question
    assert "Completion rate, primary" in question and "NESP III, p. 12" in question
    assert "72.5" in question and "Afghanistan" in question
    assert Target.objects.filter(pk=saved.pk).exists()
    assert client.post(reverse("targets:delete", args=[saved.pk])).status_code == 302
    assert not Target.objects.filter(pk=saved.pk).exists()
    assert Target.objects.filter(pk=target.pk).exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"value": "seventy"}, "Enter a number"),
        ({"year": "1850"}, "greater than or equal to 2000"),
        ({"indicator": "no_such_indicator"}, "Select a valid choice"),
        ({"area": "XX-NOPE"}, "Select a valid choice"),
        ({"kind": "wish"}, "Select a valid choice"),
    ],
)
def test_bad_entries_are_named_and_save_nothing(as_user, staff_user, target, change, message):
    before = snapshot()
    response = as_user(staff_user).post(reverse("targets:list"), {**ENTRY, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert snapshot() == before


def test_a_targets_file_is_imported_whole_or_not_at_all(as_user, staff_user, target):
    client = as_user(staff_user)
    good = (
        b"indicator,area,kind,year,value,source\n"
        b"completion_primary,AF,plan,2030,70,NESP III\n"
        b"out_of_school_primary_survey,AF-KAB,benchmark,2025,10,\n"
    )
    response = client.post(
        reverse("targets:list"), {"upload": "1", "file": SimpleUploadedFile("t.csv", good)}
    )
    assert response.status_code == 302
    assert Target.objects.count() == 3
    before = snapshot()
    bad = good.replace(b"2025,10", b"2025,ten")
    response = client.post(
        reverse("targets:list"), {"upload": "1", "file": SimpleUploadedFile("t.csv", bad)}
    )
    assert response.status_code == 200
    assert "Line 3" in response.content.decode()
    assert snapshot() == before
    not_utf8 = client.post(
        reverse("targets:list"),
        {"upload": "1", "file": SimpleUploadedFile("t.csv", "indicator,área\n".encode("cp1252"))},
    )
    assert "not UTF-8" in not_utf8.content.decode()
    assert snapshot() == before


def test_an_unknown_target_to_change_is_an_empty_form(as_user, staff_user):
    client = as_user(staff_user)
    for change in ("999999", "abc", ""):
        assert client.get(reverse("targets:list"), {"change": change}).status_code == 200
    assert client.post(reverse("targets:delete", args=[999999])).status_code == 404
    assert client.get(reverse("targets:delete", args=[999999])).status_code == 404


@pytest.mark.parametrize("language", ["fa", "km"])
def test_the_page_in_dari_and_khmer(as_user, staff_user, target, language):
    client = as_user(staff_user)
    page = client.get(f"/{language}/targets/").content.decode()
    question = client.get(f"/{language}/targets/{target.pk}/delete/").content.decode()
    for html in (page, question):
        assert ('dir="rtl"' in html) == (language == "fa")
        if language == "fa":
            assert "۲۰۳۰" in html  # the year in the reader's digits
    assert "Targets and benchmarks" not in page  # the title is translated
    assert "Remove this target?" not in question
    assert "Keep it" not in question
