"""Staff dashboards: exact counts, and who may see them. Members, partners and the public
are refused; a provincial reviewer sees their provinces only, in every language."""

import uuid

import pytest
from django.urls import reverse

from coalition.collect.models import QualitySettings, Submission
from coalition.collect.tests.factories import publish_school_visit
from coalition.geo.models import Area
from coalition.indicators.models import ComputationRun
from coalition.warehouse.models import Dataset, DatasetVersion

pytestmark = pytest.mark.django_db

URL = reverse("workspace:dashboards")


@pytest.fixture
def collection(staff_user, org, other_org, kabul, balkh, reviewer):
    """Kabul: org's 3 submissions (2 received, one of them endorsed; 1 approved).
    Balkh: other_org's 2 (1 has issues, 1 rejected), one from a district of Balkh."""
    version = publish_school_visit(staff_user)
    district = Area.objects.filter(parent=balkh).first()

    def submit(organisation, area, state="received", endorsed=False):
        return Submission.objects.create(
            form=version.form,
            form_version=version,
            instance_id=f"uuid:{uuid.uuid4()}",
            organisation=organisation,
            area=area,
            state=state,
            endorsed_by=reviewer if endorsed else None,
        )

    submit(org, kabul)
    submit(org, kabul, endorsed=True)
    submit(org, kabul, state="approved")
    submit(other_org, balkh, state="has_issues")
    submit(other_org, district or balkh, state="rejected")
    dataset = Dataset.objects.create(name="survey", kind="household_persons", title="Survey 2023")
    dataset_version = DatasetVersion.objects.create(dataset=dataset, number=1, status="succeeded")
    ComputationRun.objects.create(
        dataset_version=dataset_version, status="failed", error="Binder Error: no column age"
    )
    return version.form


def row(html: str, label: str, table: str = "") -> list[str]:
    """The cells of the table row headed `label` (the first such row after the caption
    `table`, if given)."""
    import re

    html = html[html.index(f"<caption>{table}</caption>") :] if table else html
    match = re.search(rf"<tr><th scope=\"row\">(?:<a [^>]*>)?{re.escape(label)}.*?</tr>", html)
    assert match, label
    return re.findall(r"<td[^>]*>(.*?)</td>", match.group())


def test_secretariat_sees_counts_by_form_province_organisation_and_queue(
    as_user, staff_user, collection, org, other_org
):
    html = as_user(staff_user).get(URL).content.decode()
    # received, has issues, approved, rejected, total
    assert row(html, "Kabul")[:5] == ["2", "0", "1", "0", "3"]
    assert row(html, "Balkh")[:5] == ["0", "1", "0", "1", "2"]  # the district counts here
    assert row(html, org.name_en)[:5] == ["2", "0", "1", "0", "3"]
    assert row(html, other_org.name_en)[:5] == ["0", "1", "0", "1", "2"]
    # waiting for the reviewer, endorsed and waiting for the secretariat, has issues
    queue = row(html, collection.title)
    assert queue[:2] == ["1", "1"] and queue[2].endswith(">1</a>")
    assert "Survey 2023" in html and "Binder Error: no column age" in html


def test_reviewer_sees_their_provinces_only_in_every_language(
    as_user, reviewer, collection, other_org
):
    for language in ("en", "fa", "ps", "km"):
        response = as_user(reviewer).get(URL.replace("/en/", f"/{language}/", 1))
        html = response.content.decode()
        assert response.status_code == 200 and f'lang="{language}"' in html
        assert other_org.name_en not in html
        assert "Binder Error" not in html and "Survey 2023" not in html  # secretariat only
    html = as_user(reviewer).get(URL).content.decode()
    assert row(html, "Kabul")[:5] == ["2", "0", "1", "0", "3"]
    assert "Balkh" not in html


def test_a_form_shows_how_many_expected_organisations_have_reported(
    as_user, staff_user, collection, org, other_org, hidden_org
):
    """org has sent submissions, other_org only rejected ones (after this test's change),
    hidden_org nothing: 1 of 3, linked to the form's quality page."""
    Submission.objects.filter(organisation=other_org).update(state="rejected")
    settings = QualitySettings.objects.create(form=collection)
    settings.expected_organisations.set([org, other_org, hidden_org])
    html = as_user(staff_user).get(URL).content.decode()
    quality = reverse("collect:quality", args=[collection.form_id])
    assert row(html, collection.title, "By form")[-1] == f'<a href="{quality}">1 of 3</a>'


def test_a_form_expecting_no_one_shows_no_reporting_count(as_user, staff_user, collection):
    html = as_user(staff_user).get(URL).content.decode()
    assert row(html, collection.title, "By form")[-1] == "–"


def test_members_partners_and_the_public_are_refused(check_matrix, collection):
    before = lambda: list(Submission.objects.values_list("pk", "state"))  # noqa: E731
    check_matrix(
        lambda client: client.get(URL),
        {"anonymous": 302, "staff": 200, "admin": 200, "reviewer": 200, "*": 403},
        before,
    )


def test_refusal_leaks_no_figures(as_user, focal_point, partner_viewer, collection, other_org):
    for user in (focal_point, partner_viewer):
        for language in ("en", "fa"):
            response = as_user(user).get(URL.replace("/en/", f"/{language}/", 1))
            assert response.status_code == 403
            html = response.content.decode()
            assert other_org.name_en not in html and collection.title not in html


def test_the_workspace_links_the_dashboards_only_for_those_allowed(
    as_user, staff_user, reviewer, focal_point
):
    home = reverse("workspace:dashboard")
    assert URL in as_user(staff_user).get(home).content.decode()
    assert URL in as_user(reviewer).get(home).content.decode()
    assert URL not in as_user(focal_point).get(home).content.decode()


def test_empty_dashboards(as_user, staff_user):
    html = as_user(staff_user).get(URL).content.decode()
    assert "Nothing waits for review." in html and "No computation yet." in html
