"""The indicators API: the catalogue, and results as JSON, CSV and SDMX-CSV, each
through disclosure control."""

import csv
import io

import pytest
from django.test import Client

from coalition.indicators.models import ComputationRun, Result
from coalition.warehouse.models import Dataset, DatasetVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def results():
    dataset = Dataset.objects.create(name="s", kind="household_persons", title="s", year=2022)
    version = DatasetVersion.objects.create(dataset=dataset, number=1, status="succeeded")
    run = ComputationRun.objects.create(dataset_version=version, status="succeeded")
    code = "completion_primary"
    common = {"run": run, "indicator": code, "year": 2022, "source": "survey"}
    Result.objects.create(**common, area="AF", value=54.2, se=1.1, ci_low=52.0, ci_high=56.4,
                          n=4000, deff=1.8)  # fmt: skip
    Result.objects.create(**common, area="AF", disaggregation={"sex": "F"}, cell="sex=F",
                          value=44.0, se=1.5, ci_low=41.0, ci_high=47.0, n=1900)  # fmt: skip
    Result.objects.create(**common, area="AF", disaggregation={"sex": "M"}, cell="sex=M",
                          value=63.0, se=25.0, ci_low=14.0, ci_high=112.0, n=2100)  # fmt: skip
    Result.objects.create(**common, area="AF-NUR", value=31.0, se=9.0, n=12)  # few people
    Result.objects.create(**common, area="AF", measure="GPIA", value=0.70, n=1900)


def get(path, **params):
    return Client().get(f"/api/v1/indicators/{path}", params)


def test_the_catalogue_is_public_and_in_the_callers_language():
    body = get("").json()
    codes = {i["code"] for i in body}
    assert {"completion_primary", "ger_primary", "schools_electricity_primary"} <= codes
    one = get("completion_primary/").json()
    assert one["uis_indicator_id"] == "CR.1" and one["direction"] == "higher"
    dari = Client().get("/api/v1/indicators/completion_primary/", HTTP_ACCEPT_LANGUAGE="fa")
    assert dari.json()["name"] == "نرخ تکمیل، ابتدائیه"
    assert get("nonsense/").status_code == 404


def test_results_as_json_with_precision_and_flags(results):
    rows = get("completion_primary/results/", by="sex").json()
    by_cell = {r["cell"]: r for r in rows}
    assert by_cell["sex=F"]["value"] == 44.0 and by_cell["sex=F"]["se"] == 1.5
    assert by_cell["sex=F"]["n"] == 1900 and by_cell["sex=F"]["flags"] == ""
    assert by_cell["sex=M"]["flags"] == "unreliable"  # CV 40%
    national = {r["measure"]: r for r in get("completion_primary/results/").json()}
    assert national["value"]["ci_low"] == 52.0 and national["GPIA"]["value"] == 0.7


def test_small_cells_are_suppressed_in_json_csv_and_sdmx(results):
    [province] = get("completion_primary/results/", by="province").json()
    assert province["area"] == "AF-NUR" and province["value"] is None
    assert province["se"] is None and province["n"] is None and province["flags"] == "suppressed"

    text = get("completion_primary/results/", by="province", format="csv").content.decode()
    [row] = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert row["value"] == "" and row["flags"] == "suppressed" and row["n"] == ""

    sdmx = get("completion_primary/results/", by="province", format="sdmx").content.decode()
    [line] = list(csv.DictReader(io.StringIO(sdmx)))
    assert line["OBS_VALUE"] == "" and line["CONF_STATUS"] == "C" and line["N"] == ""


def test_sdmx_csv_uses_uis_code_lists(results):
    response = get("completion_primary/results/", by="sex", format="sdmx")
    assert response["Content-Type"].startswith("application/vnd.sdmx.data+csv")
    lines = list(csv.DictReader(io.StringIO(response.content.decode())))
    girls = next(r for r in lines if r["SEX"] == "F")
    assert girls["DATAFLOW"] == "COALITION:SDG4_CSO(1.0)" and girls["REF_AREA"] == "AFG"
    assert girls["INDICATOR"] == "CR.1" and girls["LOCATION"] == "_T"
    assert girls["WEALTH_QUINTILE"] == "_T" and girls["TIME_PERIOD"] == "2022"
    assert girls["OBS_VALUE"] == "44.0" and girls["UNIT_MEASURE"] == "PT"
    assert girls["OBS_STATUS"] == "A"
    boys = next(r for r in lines if r["SEX"] == "M")
    assert boys["OBS_STATUS"] == "U"  # low reliability


def test_bad_parameters_get_clear_errors(results):
    response = get("completion_primary/results/", by="colour")
    assert response.status_code == 400 and "colour" in response.json()["by"]
    assert get("completion_primary/results/", year="last").status_code == 400
    assert get("nonsense/results/").status_code == 404
    assert get("completion_primary/results/", year="2021").json() == []
