"""CSV, XLSX and SDMX-CSV for indicator results (?format=csv, xlsx, sdmx)."""

import csv
import io

from rest_framework.renderers import BaseRenderer

from coalition.core.spreadsheets import neutralise, to_xlsx
from coalition.indicators.catalogue import catalogue
from coalition.indicators.disclosure import SUPPRESSED, UNRELIABLE
from coalition.indicators.publishing import FIELDS

# UIS code lists: totals are "_T".
SDMX_DIMENSIONS = [
    ("SEX", "sex"),
    ("LOCATION", "location"),
    ("WEALTH_QUINTILE", "wealth"),
    ("DISABILITY", "disability"),
]
SDMX_HEADER = [
    "DATAFLOW", "REF_AREA", "INDICATOR", *(d for d, _c in SDMX_DIMENSIONS), "TIME_PERIOD",
    "OBS_VALUE", "UNIT_MEASURE", "OBS_STATUS", "CONF_STATUS", "SE", "CI_LOWER", "CI_UPPER",
    "N",
]  # fmt: skip
DATAFLOW = "COALITION:SDG4_CSO(1.0)"
UNITS = {"percent": "PT", "ratio": "NUMBER"}


def _rows(data) -> list[dict]:
    if isinstance(data, dict) and "detail" in data:  # an error: say it as one cell
        return [{"indicator": data["detail"]}]
    return list(data or [])


class ResultsCSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        out = io.StringIO()
        writer = csv.DictWriter(out, FIELDS, lineterminator="\r\n", extrasaction="ignore")
        writer.writeheader()
        for row in _rows(data):
            writer.writerow({k: neutralise(v) for k, v in row.items()})
        return ("\ufeff" + out.getvalue()).encode("utf-8")


class ResultsXLSXRenderer(BaseRenderer):
    """One sheet, the same columns as the CSV; suppressed cells are empty, not zero."""

    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rows = _rows(data)
        view = (renderer_context or {}).get("view")
        title = getattr(view, "kwargs", {}).get("code") or "results"
        return to_xlsx(FIELDS, ([row.get(f) for f in FIELDS] for row in rows), title=title)


class ResultsSDMXRenderer(BaseRenderer):
    """SDMX-CSV (version 1): one observation per line, UIS-style dimensions, the
    coalition's precision as attributes; suppressed cells keep no value (CONF_STATUS C)."""

    media_type = "application/vnd.sdmx.data+csv"
    format = "sdmx"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        indicators = catalogue()
        iso3 = (renderer_context or {}).get("iso3", "")
        country = (renderer_context or {}).get("country", "")
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(SDMX_HEADER)
        for row in _rows(data):
            indicator = indicators.get(row.get("indicator"))
            if indicator is None:
                continue
            cell = dict(part.split("=", 1) for part in row["cell"].split("|") if part)
            code = indicator.uis_indicator_id or indicator.code
            if row["measure"] != "value":
                code = f"{code}.{row['measure']}"
            flags = row["flags"].split()
            writer.writerow(
                [
                    DATAFLOW,
                    iso3 if row["area"] == country else row["area"],
                    code,
                    *(cell.get(column, "_T") for _d, column in SDMX_DIMENSIONS),
                    row["year"],
                    "" if row["value"] is None else row["value"],
                    "INDEX" if row["measure"] != "value" else UNITS.get(indicator.unit, ""),
                    "U" if UNRELIABLE in flags else "A",
                    "C" if SUPPRESSED in flags else "F",
                    *("" if row[k] is None else row[k] for k in ("se", "ci_low", "ci_high", "n")),
                ]
            )
        return out.getvalue().encode("utf-8")
