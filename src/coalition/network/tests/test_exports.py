import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from coalition.network.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def formula_org(kabul):
    return OrganisationFactory(
        name_en='=HYPERLINK("http://evil.example","click")',
        slug="formula",
        areas=[kabul],
        acronym="+SUM(1)",
    )


def test_csv_export_lists_public_organisations_without_people(
    as_user, staff_user, org, hidden_org, partner_org, formula_org
):
    response = as_user(staff_user).get(reverse("network:export", args=["csv"]))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    names = {row[0] for row in rows[1:]}
    assert names == {org.name_en, partner_org.name_en, "'" + formula_org.name_en}
    for secret in (hidden_org.name_en, "Zarghuna", "zarghuna@example.org", "Hidden Person"):
        assert secret not in text
    formula_row = next(r for r in rows if r[0].startswith("'="))
    assert formula_row[4] == "'+SUM(1)"


def test_xlsx_export_holds_no_formula(as_user, admin_user, org, formula_org):
    response = as_user(admin_user).get(reverse("network:export", args=["xlsx"]))
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    values = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "'" + formula_org.name_en in values
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
