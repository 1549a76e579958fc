"""Data quality: validation rules, robust outliers, likely duplicates, completeness."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from coalition.collect import quality, services
from coalition.collect.models import QualitySettings, Submission, ValidationRule
from coalition.collect.tests.factories import MANAGE_FORM
from coalition.collect.tests.odk_client import fill
from coalition.collect.tests.test_openrosa import VALUES
from coalition.core.errors import DomainError, NotAllowed


def fake(data, organisation_id=None):
    return SimpleNamespace(data=data, organisation_id=organisation_id)


@pytest.mark.parametrize(
    "left, op, right, data, fails",
    [
        (
            "with_disability",
            "<=",
            "female + male",
            {"with_disability": 9, "female": 3, "male": 2},
            True,
        ),
        (
            "with_disability",
            "<=",
            "female + male",
            {"with_disability": 5, "female": 3, "male": 2},
            False,
        ),
        ("girls", ">=", "0", {"girls": -1}, True),
        ("girls", "<", "5000", {"girls": None}, False),  # missing: cannot be judged
        ("girls", "==", "boys", {"girls": "ten", "boys": 10}, False),  # not a number: not judged
        (
            "enrolment/girls",
            ">",
            "enrolment/boys + 10",
            {"enrolment": {"girls": 5, "boys": 1}},
            True,
        ),
    ],
)
def test_rules(left, op, right, data, fails):
    rule = SimpleNamespace(left=left, operator=op, right=right)
    assert quality.rule_fails(rule, data) is fails


@pytest.mark.parametrize("text", ["girls * 2", "__import__('os')", "", "a + ", "1; DROP"])
def test_only_sums_of_numbers_and_questions(text):
    with pytest.raises(quality.RuleError):
        quality.parse_side(text)


def test_outliers_use_median_and_mad():
    values = [100, 102, 98, 101, 99, 100, 103, 97, 2500]
    found = quality.outliers([fake({"girls": v}) for v in values], ["girls"])
    # median 100, MAD 2: 0.6745 × (2500 − 100) / 2 = 809.4
    assert [(o.value, o.score) for o in found] == [(2500.0, 809.4)]
    assert quality.outliers([fake({"girls": v}) for v in [1, 1, 1, 1, 1, 9]], ["girls"]) == []


def test_duplicates_ignore_case_and_spaces():
    subs = [
        fake({"province": "AF-KAB", "school": "Malalai "}),
        fake({"province": "af-kab", "school": "malalai"}),
        fake({"province": "AF-KAB", "school": "Other"}),
    ]
    groups = quality.duplicates(subs, ["province", "school"])
    assert [len(g) for g in groups] == [2]
    assert quality.duplicates(subs, []) == []


def test_completeness_per_period():
    a, b = SimpleNamespace(pk=1), SimpleNamespace(pk=2)
    subs = [fake({"quarter": "Q1"}, 1), fake({"quarter": "Q2"}, 1), fake({"quarter": "Q1"}, 2)]
    periods, rows = quality.completeness(subs, [a, b], "quarter")
    assert periods == ["Q1", "Q2"]
    assert [(r["periods"], r["share"]) for r in rows] == [([True, True], 1.0), ([True, False], 0.5)]


@pytest.mark.django_db
def test_rules_must_name_number_questions(school_visit, staff_user, focal_point):
    form = school_visit.form
    rule = services.add_validation_rule(
        form=form,
        name="Girls under 5000",
        left="girls",
        operator="<",
        right="5000",
        actor=staff_user,
    )
    assert str(rule) == "girls < 5000"
    for left in ("school", "nope", "girls * 2"):
        with pytest.raises(DomainError):
            services.add_validation_rule(
                form=form, name="x", left=left, operator="<", right="1", actor=staff_user
            )
    with pytest.raises(NotAllowed):
        services.add_validation_rule(
            form=form, name="x", left="girls", operator="<", right="1", actor=focal_point
        )
    assert ValidationRule.objects.count() == 1


@pytest.mark.django_db
def test_failed_rules_show_on_the_submission(
    school_visit, staff_user, focal_point, device, as_user
):
    services.add_validation_rule(
        form=school_visit.form,
        name="Fewer than 100 girls",
        left="girls",
        operator="<",
        right="100",
        actor=staff_user,
    )
    device(focal_point).submit(fill(school_visit.xform, VALUES))  # 312 girls
    submission = Submission.objects.get()
    page = (
        as_user(focal_point)
        .get(reverse("collect:submission", args=["school_visit", submission.pk]))
        .content.decode()
    )
    assert "Issues to fix" in page and "Fewer than 100 girls" in page
    quality_page = as_user(staff_user).get(reverse("collect:quality", args=["school_visit"]))
    assert "Fewer than 100 girls" in quality_page.content.decode()


@pytest.mark.django_db
def test_quality_page(check_matrix, school_visit):
    url = reverse("collect:quality", args=["school_visit"])
    check_matrix(
        lambda c: c.get(url),
        {
            "anonymous": 302,
            "outsider": 404,
            "partner_viewer": 404,
            "*": 200,
        },
    )


@pytest.mark.django_db
def test_adding_rules_from_the_page(check_matrix, school_visit):
    url = reverse("collect:quality", args=["school_visit"])

    def snapshot():
        return ValidationRule.objects.count()

    check_matrix(
        lambda c: c.post(url, {"name": "n", "left": "girls", "operator": ">=", "right": "0"}),
        MANAGE_FORM,
        snapshot,
    )
    assert snapshot() == 2


@pytest.mark.django_db
def test_quality_settings(as_user, staff_user, school_visit, org):
    url = reverse("collect:quality", args=["school_visit"])
    client = as_user(staff_user)
    client.post(url, {"key_fields": "province, school", "period_field": "", "expected": [org.pk]})
    settings = QualitySettings.objects.get(form__form_id="school_visit")
    assert settings.key_fields == "province, school"
    assert list(settings.expected_organisations.all()) == [org]
    response = client.post(url, {"key_fields": "nope"}, follow=True)
    assert "Not questions of this form: nope" in response.content.decode()
    settings.refresh_from_db()
    assert settings.key_fields == "province, school"
