"""Official series from UIS, so that every civil-society figure can stand next to the
official one.

Two formats are read, keeping only the deployment's country:
- the UIS bulk data CSV (SDG_DATA_NATIONAL.csv and the like): INDICATOR_ID, COUNTRY_ID,
  YEAR, VALUE, MAGNITUDE, QUALIFIER;
- the UIS "Benchmark Tables" workbook: one tab per indicator, the code in the
  "Indicator:  CODE - label" line, a header row "Region | Country | 2010 | ...", ".." for
  no data, countries named in English.

UIS identifiers add tokens for a disaggregation: CR.1.F is CR.1 for girls, CR.1.GPIA its
parity index, NERA.AGM1.F.CP the female NERA.AGM1.CP. `match` reads them that way."""

import csv
import io
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from coalition.core.errors import DomainError
from coalition.indicators.catalogue import catalogue
from coalition.indicators.parity import PARITY_INDICES

BULK_COLUMNS = ("INDICATOR_ID", "COUNTRY_ID", "YEAR", "VALUE", "MAGNITUDE", "QUALIFIER")
INDICATOR_LINE = re.compile(r"Indicator:\s+(\S+)\s+-")
TOKENS = {
    "F": ("sex", "F"),
    "M": ("sex", "M"),
    "RUR": ("location", "RUR"),
    "URB": ("location", "URB"),
    "DIS": ("disability", "DIS"),
    "ABL": ("disability", "ABL"),
    **{f"Q{q}": ("wealth", f"Q{q}") for q in range(1, 6)},
}


@dataclass(frozen=True)
class Official:
    uis_indicator_id: str
    country: str
    year: int
    value: float | None
    magnitude: str = ""
    qualifier: str = ""


def read_bulk_csv(content: bytes, iso3: str) -> list[Official]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DomainError(_("The file is not UTF-8.")) from error
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not set(BULK_COLUMNS[:4]) <= set(reader.fieldnames):
        raise DomainError(
            _("A UIS bulk file has the columns %(columns)s.") % {"columns": ", ".join(BULK_COLUMNS)}
        )
    out = []
    for line, row in enumerate(reader, start=2):
        if (row.get("COUNTRY_ID") or "").strip() != iso3:
            continue
        try:
            year = int(row["YEAR"])
            value = float(row["VALUE"]) if (row.get("VALUE") or "").strip() else None
        except ValueError as error:
            raise DomainError(
                _("Line %(line)s: the year or value is not a number.") % {"line": line}
            ) from error
        out.append(
            Official(
                row["INDICATOR_ID"].strip(),
                iso3,
                year,
                value,
                (row.get("MAGNITUDE") or "").strip()[:10],
                (row.get("QUALIFIER") or "").strip()[:10],
            )
        )
    return out


def read_benchmark_tables(path, country_name: str, iso3: str) -> list[Official]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # any corrupt workbook
        raise DomainError(_("The file could not be read as an .xlsx workbook.")) from error
    out = []
    for sheet in book.worksheets:
        code, years = None, None
        for row in sheet.iter_rows(values_only=True):
            first = str(row[0] or "") if row else ""
            found = INDICATOR_LINE.search(first)
            if found:
                code = found.group(1).strip()
            elif first == "Region" and len(row) > 2 and str(row[1]) == "Country":
                years = [int(str(y)) if str(y).isdigit() else None for y in row[2:]]
            elif code and years and len(row) > 1 and str(row[1] or "").strip() == country_name:
                for year, cell in zip(years, row[2:], strict=False):
                    if year is not None and isinstance(cell, int | float):
                        out.append(Official(code, iso3, year, float(cell)))
    if not out:
        raise DomainError(
            _("The workbook holds no benchmark figures for %(country)s.")
            % {"country": country_name}
        )
    return out


def match(uis_indicator_id: str) -> tuple[str, str, dict] | None:
    """Our indicator, measure and cell for a UIS identifier, if the catalogue has it."""
    tokens = uis_indicator_id.split(".")
    for indicator in catalogue().values():
        base = indicator.uis_indicator_id.split(".") if indicator.uis_indicator_id else None
        if not base or len(tokens) < len(base):
            continue
        extra = list(tokens)
        for token in base:
            if token not in extra:
                break
            extra.remove(token)
        else:
            measure, cell = "value", {}
            for token in extra:
                if token in PARITY_INDICES:
                    measure = token
                elif token in TOKENS:
                    column, value = TOKENS[token]
                    cell[column] = value
                else:
                    break
            else:
                # The base's tokens must come first and in order (CR.1.F, not F.CR.1).
                if tokens[: len(base)] == base or _interleaved(tokens, base):
                    return indicator.code, measure, cell
    return None


def _interleaved(tokens: list[str], base: list[str]) -> bool:
    """NERA.AGM1.F.CP: the base's tokens in order, disaggregation tokens between them."""
    position = 0
    for token in tokens:
        if position < len(base) and token == base[position]:
            position += 1
    return position == len(base)
