"""The public indicator pages: what they show, in every language, and that a suppressed
cell never shows a number on any page or in any download."""

import csv
import io
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from coalition.geo.models import Area
from coalition.indicators.models import (
    ComputationRun,
    OfficialImport,
    OfficialValue,
    Result,
    Target,
)
from coalition.network.tests.factories import OrganisationFactory
from coalition.warehouse.models import Dataset, DatasetVersion

pytestmark = pytest.mark.django_db

CODE = "completion_primary"
# A suppressed province's value: distinctive, so that any leak of it can be found.
SECRET = 31.4159


def run_of(year: int) -> ComputationRun:
    dataset = Dataset.objects.create(
        name=f"survey-{year}", kind="household_persons", title=f"Survey {year}", year=year
    )
    version = DatasetVersion.objects.create(dataset=dataset, number=1, status="succeeded")
    run = ComputationRun.objects.create(dataset_version=version, status="succeeded")
    run.inputs.add(version)
    return run


def add(run, year, area="AF", cell="", measure="value", **figures):
    disaggregation = dict(part.split("=") for part in cell.split("|") if part)
    return Result.objects.create(
        run=run, indicator=CODE, year=year, area=area, cell=cell, measure=measure,
        disaggregation=disaggregation, source="survey", **figures,
    )  # fmt: skip


@pytest.fixture
def results(db):
    cache.clear()
    first, latest = run_of(2015), run_of(2022)
    add(first, 2015, value=48.0, se=1.0, ci_low=46.0, ci_high=50.0, n=3000)
    add(latest, 2022, value=54.2, se=1.1, ci_low=52.0, ci_high=56.4, n=4000)
    add(latest, 2022, cell="sex=F", value=44.0, se=1.5, ci_low=41.0, ci_high=47.0, n=1900)
    add(latest, 2022, cell="sex=M", value=63.0, se=25.0, ci_low=14.0, ci_high=112.0, n=2100)
    add(latest, 2022, measure="GPIA", value=0.70, n=1900)
    add(latest, 2022, area="AF-KAB", value=70.5, se=2.0, ci_low=66.6, ci_high=74.4, n=400)
    add(latest, 2022, area="AF-BAL", value=40.5, se=2.0, ci_low=36.6, ci_high=44.4, n=300)
    add(latest, 2022, area="AF-NUR", value=SECRET, se=9.0, ci_low=13.77, ci_high=49.06, n=12)
    source = OfficialImport.objects.create(filename="uis.csv", sha256="0", source="UIS")
    OfficialValue.objects.create(
        source_file=source, uis_indicator_id="CR.1", country="AFG", year=2022, value=51.3
    )
    Target.objects.create(indicator=CODE, area="AF", kind="benchmark", year=2030, value=90)
    return latest


def page(path: str, language: str = "en", **params) -> str:
    response = Client().get(f"/{language}{path}", params)
    assert response.status_code == 200, path
    return response.content.decode()


def test_catalogue_groups_indicators_by_sdg_target_with_latest_figure(results):
    html = page("/indicators/")
    assert "Target 4.1: Universal primary and secondary education" in html
    assert "Target 4.c: Teachers" in html and "Target 4.a:" in html
    row = re.search(r'href="/en/indicators/completion_primary/".*?</tr>', html, re.S).group()
    assert "54.2" in row and "2022" in row
    assert "no data yet" in html  # indicators without results say so


def test_indicator_page_headline_official_target_and_progress(results):
    html = page(f"/indicators/{CODE}/")
    assert '<p class="big">54.2%</p>' in html
    assert "52.0–56.4" in html and "4,000" in html
    assert "51.3" in html  # the official figure beside ours
    # 48 → 54.2 in 7 years is 0.89 a year; 90 by 2030 needs 2.8 a year from 2015
    assert "SDG 4 national benchmark: 90.0" in html
    assert "progress-slow" in html and "Slow progress" in html
    assert "Change since 2015" in html and "+6.2" in html


def test_indicator_page_breakdown_with_parity_and_unreliable_flag(results):
    html = page(f"/indicators/{CODE}/")
    table = re.search(r"<caption>Sex \(percent\)</caption>.*?</table>", html, re.S).group()
    assert "Female" in table and "44.0" in table and "41.0–47.0" in table
    assert "GPIA" in table and "0.70" in table
    male = re.search(r"Male</th>.*?</tr>", table, re.S).group()
    assert 'class="unreliable"' in male  # CV of 40%: shown, with the flag


def test_trend_chart_is_inline_svg_the_csp_allows(results):
    html = page(f"/indicators/{CODE}/")
    svg = re.search(r'<svg [^>]*class="chart".*?</svg>', html, re.S).group()
    assert 'role="img"' in svg and "aria-label=" in svg
    assert "style=" not in svg and "<style" not in svg  # no inline styles under the CSP
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert ids and all(i.startswith("trend-") for i in ids)
    assert "Data table of the chart" in html  # the accessible table beside it


def test_map_hatches_suppressed_provinces_and_links_profiles(results):
    html = page(f"/indicators/{CODE}/")
    nuristan = re.search(r'<path [^>]*data-code="AF-NUR"[^>]*>', html).group()
    assert 'fill="url(#map-suppressed)"' in nuristan and 'data-value=""' in nuristan
    kabul = re.search(r'<a href="([^"]+)"><path [^>]*data-code="AF-KAB"', html)
    assert kabul.group(1) == "/en/provinces/AF-KAB/"
    assert "suppressed: too few observations" in html


def test_comparison_lists_provinces_by_name_and_tells_overlap(results):
    html = page(f"/indicators/{CODE}/provinces/")
    rows = re.findall(r'<tr><th scope="row"><a href="/en/provinces/(AF-\w+)/">', html)
    assert rows == ["AF-BAL", "AF-KAB", "AF-NUR"]  # Balkh, Kabul, Nuristan: by name
    kabul = re.search(r"AF-KAB/.*?</tr>", html, re.S).group()
    assert "higher than the national figure" in kabul
    balkh = re.search(r"AF-BAL/.*?</tr>", html, re.S).group()
    assert "lower than the national figure" in balkh
    nuristan = re.search(r"AF-NUR/.*?</tr>", html, re.S).group()
    assert "suppressed" in nuristan and "<svg" not in nuristan


def test_province_profile_shows_lags_and_members(results):
    balkh = Area.objects.get(code="AF-BAL")
    org = OrganisationFactory(name_en="Balkh Learning Circle", areas=[balkh])
    html = page("/provinces/AF-BAL/")
    lagging = re.search(r'id="lagging".*?</section>', html, re.S).group()
    assert "Completion rate, primary" in lagging and "40.5" in lagging
    assert org.name_en in html
    kabul = page("/provinces/AF-KAB/")
    assert "On no indicator is the province clearly behind" in kabul
    assert org.name_en not in kabul


def test_open_data_lists_every_table_with_licence_and_citation(results):
    html = page("/data/")
    assert "CC BY 4.0" in html and "(accessed" in html
    for format in ("csv", "xlsx", "sdmx", "json"):
        assert f"/api/v1/indicators/{CODE}/results/?by=all&amp;format={format}" in html
    assert html.count("format=xlsx") >= 60  # every indicator of the catalogue
    assert reverse("api-docs") in html


def test_xlsx_download_holds_every_cell_and_no_suppressed_value(results):
    response = Client().get(f"/api/v1/indicators/{CODE}/results/", {"by": "all", "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{CODE}.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert header[:3] == ["indicator", "measure", "year"]
    assert len(rows) == Result.objects.count()
    nuristan = next(r for r in rows if r[header.index("area")] == "AF-NUR")
    assert nuristan[header.index("value")] is None
    assert nuristan[header.index("flags")] == "suppressed"


@pytest.mark.parametrize("language", ["en", "fa", "ps", "km"])
def test_no_page_or_download_shows_a_suppressed_number(results, language):
    secret = re.compile(r"31[.,٫]4|۳۱٫۴|13[.,٫]7|49[.,٫]0[0-9]|۴۹٫۰")
    paths = ["/", "/indicators/", f"/indicators/{CODE}/", f"/indicators/{CODE}/provinces/",
             "/provinces/AF-NUR/", "/data/"]  # fmt: skip
    for path in paths:
        assert not secret.search(page(path, language)), (language, path)
    for format in ("json", "csv", "sdmx"):
        body = (
            Client()
            .get(f"/api/v1/indicators/{CODE}/results/", {"by": "all", "format": format})
            .content.decode()
        )
        assert "31.41" not in body and "13.77" not in body, format


def test_dari_page_is_rtl_with_local_digits(results):
    html = page(f"/indicators/{CODE}/", "fa")
    assert '<html lang="fa" dir="rtl">' in html
    assert "۵۴٫۲" in html  # 54.2
    khmer = page(f"/indicators/{CODE}/", "km")
    assert '<html lang="km" dir="ltr">' in khmer


def test_recomputed_results_replace_cached_pages(results):
    assert '<p class="big">54.2%</p>' in page(f"/indicators/{CODE}/")
    newer = ComputationRun.objects.create(
        dataset_version=results.dataset_version, status="succeeded"
    )
    add(newer, 2022, value=57.5, se=1.0, ci_low=55.5, ci_high=59.5, n=4100)
    assert '<p class="big">57.5%</p>' in page(f"/indicators/{CODE}/")
    assert "57.5" in page("/indicators/")


def test_changed_target_replaces_cached_progress(results):
    assert "Slow progress" in page(f"/indicators/{CODE}/")
    Target.objects.filter(indicator=CODE).update(value=50)  # reached already
    Target.objects.get(indicator=CODE).save()  # a save stamps updated_at, as the form does
    assert "Fast progress" in page(f"/indicators/{CODE}/")


def test_repeat_visits_revalidate_with_etag(results):
    client = Client()
    first = client.get(f"/en/indicators/{CODE}/")
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    again = client.get(f"/en/indicators/{CODE}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""


def test_logged_in_pages_stay_private(results, roles, as_user):
    response = as_user(roles["staff"]).get(f"/en/indicators/{CODE}/")
    assert response.status_code == 200 and "private" in response["Cache-Control"]


def test_unknown_indicator_province_or_year(results):
    client = Client()
    assert client.get("/en/indicators/nonsense/").status_code == 404
    assert client.get("/en/indicators/nonsense/provinces/").status_code == 404
    assert client.get("/en/provinces/AF-XXX/").status_code == 404
    assert client.get("/en/provinces/KH-12/").status_code == 404  # not this deployment's
    # a year it does not have, or no year at all: the latest
    for year in ("1999", "last", "2022"):
        html = page(f"/indicators/{CODE}/", year=year)
        assert "By group, 2022" in html


def test_pages_without_any_results(db):
    cache.clear()
    for path in ("/", "/indicators/", f"/indicators/{CODE}/", f"/indicators/{CODE}/provinces/",
                 "/provinces/AF-KAB/", "/data/"):  # fmt: skip
        html = page(path)
        assert "suppressed" not in html or path == f"/indicators/{CODE}/"


def test_census_differences_within_a_point_are_no_difference():
    from coalition.portal.figures import HIGHER, NOT_DIFFERENT, compare

    national = {"value": 50.0, "ci_low": None, "ci_high": None}
    close = {"value": 50.6, "ci_low": None, "ci_high": None}
    far = {"value": 52.0, "ci_low": None, "ci_high": None}
    assert compare(close, national) == NOT_DIFFERENT
    assert compare(far, national) == HIGHER
    # ratios (pupils per trained teacher): 2% of the national value
    pupils = {"value": 30.0, "ci_low": None, "ci_high": None}
    assert (
        compare({"value": 30.5, "ci_low": None, "ci_high": None}, pupils, "ratio") == NOT_DIFFERENT
    )
    assert compare({"value": 31.0, "ci_low": None, "ci_high": None}, pupils, "ratio") == HIGHER


def test_csv_download_names_its_file(results):
    response = Client().get(f"/api/v1/indicators/{CODE}/results/", {"by": "all", "format": "csv"})
    assert response["Content-Disposition"] == f'attachment; filename="{CODE}.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    assert {r["cell"] for r in rows} == {"", "sex=F", "sex=M"}
