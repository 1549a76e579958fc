"""Importing a file into a canonical dataset kind: read (CSV, XLSX, Parquet, Stata, SPSS),
map its columns, validate every value, and write Parquet only when nothing is wrong.

A mapping names, for each canonical column, where its values come from:

    {"sex": {"column": "hl4", "values": {"1": "M", "2": "F"}},
     "weight": "hhweight",                 # a column, values as they are
     "location": {"value": "RUR"}}         # the same value for every row

Canonical columns the mapping leaves out are taken from a file column of the same name
(in any case) when there is one. Problems are reported per column with the first rows
they occur in (row 1 is the first row of data), so a secretariat can fix the file."""

import hashlib
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from coalition.warehouse.adapter import Session, WarehouseError
from coalition.warehouse.kinds import WASHINGTON_GROUP, Column, Kind

FORMATS = (".csv", ".xlsx", ".parquet", ".dta", ".sav")
CHUNK_ROWS = 100_000
EXAMPLES = 10


class ImportFileError(ValueError):
    """The file cannot be read at all."""


@dataclass
class Problem:
    column: str
    message: str
    count: int
    rows: list[int] = field(default_factory=list)


@dataclass
class Outcome:
    rows: int
    problems: list[Problem]
    source_sha256: str
    columns: list[tuple[str, str]]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def import_file(
    source: Path,
    kind: Kind,
    mapping: dict,
    target: Path,
    progress: Callable[[float], None] = lambda share: None,
) -> Outcome:
    """Validate `source` against `kind` through `mapping`; write `target` if it is clean."""
    suffix = source.suffix.lower()
    if suffix not in FORMATS:
        raise ImportFileError(
            _("Import a file of one of these kinds: %(kinds)s.") % {"kinds": ", ".join(FORMATS)}
        )
    digest = sha256_of(source)
    with Session() as db:
        _load(db, source, suffix)
        progress(0.3)
        header = db.columns("source")
        expressions, problems = _expressions(kind, mapping, header)
        if not problems:
            problems = _check(db, kind, expressions)
        progress(0.7)
        _columns, [(count,)] = db.execute("SELECT COUNT(*) FROM source")
        if count == 0:
            problems.append(Problem("", _("The file has no rows of data."), 0))
        if not problems:
            select = ", ".join(
                f'{_typed(column, expressions[column.name])} AS "{column.name}"'
                for column in kind.columns
            )
            db.write_parquet(f"SELECT {select} FROM source ORDER BY __row", target)  # noqa: S608
        progress(1.0)
    return Outcome(count, problems, digest, [(c.name, c.type) for c in kind.columns])


def _load(db: Session, source: Path, suffix: str) -> None:
    try:
        if suffix == ".csv":
            db.load_csv("source", source)
        elif suffix == ".parquet":
            db.load_parquet("source", source)
        elif suffix == ".xlsx":
            _load_workbook(db, source)
        else:
            _load_statistics_file(db, source, suffix)
    except WarehouseError as error:
        message = str(error)
        if "unicode" in message.lower() or "utf" in message.lower():
            message = _(
                "The CSV is not UTF-8. In Excel choose “CSV UTF-8” when saving; in "
                "LibreOffice choose the Unicode (UTF-8) character set."
            )
        raise ImportFileError(message) from error
    if not db.columns("source"):
        raise ImportFileError(_("The file is empty."))


def _load_workbook(db: Session, source: Path) -> None:
    from openpyxl import load_workbook

    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except Exception as error:  # any corrupt workbook
        raise ImportFileError(_("The file could not be read as an .xlsx workbook.")) from error
    import pandas

    rows = book.worksheets[0].iter_rows(values_only=True)
    header = [str(c).strip() if c is not None else "" for c in next(rows, ())]
    if not any(header):
        raise ImportFileError(_("The file is empty."))
    width, chunk = len(header), []
    for row in rows:
        chunk.append([_text(c) for c in list(row)[:width]] + [None] * (width - len(row)))
        if len(chunk) == CHUNK_ROWS:
            db.append_frame("source", pandas.DataFrame(chunk, columns=header, dtype=object))
            chunk = []
    if chunk:
        db.append_frame("source", pandas.DataFrame(chunk, columns=header, dtype=object))


def _load_statistics_file(db: Session, source: Path, suffix: str) -> None:
    """Stata and SPSS files through pyreadstat, in chunks so large files fit in memory.
    Codes are kept (not their value labels): the mapping turns them into canonical
    values."""
    import pyreadstat

    reader = pyreadstat.read_dta if suffix == ".dta" else pyreadstat.read_sav
    try:
        for frame, _meta in pyreadstat.read_file_in_chunks(
            reader, str(source), chunksize=CHUNK_ROWS
        ):
            db.append_frame("source", frame.apply(lambda column: column.map(_text)).astype(object))
    except pyreadstat.ReadstatError as error:
        raise ImportFileError(
            _("The file could not be read as a %(format)s file.")
            % {"format": "Stata" if suffix == ".dta" else "SPSS"}
        ) from error


def _text(value) -> str | None:
    """Every cell as text; whole numbers without a decimal point (Stata and Excel store
    codes as floating point)."""
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer():
            return str(int(value))
    return str(value)


def _quote_text(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _expressions(kind: Kind, mapping: dict, header: list[str]):
    """For each canonical column, a text-valued SQL expression over the source."""
    by_lower = {h.lower(): h for h in header}
    expressions, problems = {}, []
    for column in kind.columns:
        rule = mapping.get(column.name)
        if isinstance(rule, str):
            rule = {"column": rule}
        if rule is None:
            found = by_lower.get(column.name.lower())
            rule = {"column": found} if found else None
        if rule is None:
            expressions[column.name] = "CAST(NULL AS VARCHAR)"
            continue
        if "value" in rule:
            expressions[column.name] = _quote_text(rule["value"])
            continue
        name = rule.get("column", "")
        if name not in header:
            problems.append(
                Problem(column.name, _("The file has no column “%(name)s”.") % {"name": name}, 0)
            )
            continue
        quoted_name = name.replace('"', '""')
        text = f"NULLIF(TRIM(CAST(\"{quoted_name}\" AS VARCHAR)), '')"
        values = rule.get("values") or {}
        if values:
            cases = " ".join(
                f"WHEN {_quote_text(k)} THEN {_quote_text(v)}" for k, v in values.items()
            )
            text = f"CASE {text} {cases} ELSE {text} END"
        expressions[column.name] = text
    if "disability" in expressions and expressions["disability"] == "CAST(NULL AS VARCHAR)":
        expressions["disability"] = _derived_disability(expressions)
    return expressions, problems


def _derived_disability(expressions: dict) -> str:
    """Washington Group short set: a disability when any domain is "a lot of difficulty"
    (3) or "cannot do at all" (4); unknown when no domain was asked."""
    domains = [
        f"TRY_CAST({expressions[f'wg_{d}']} AS INTEGER)"
        for d in WASHINGTON_GROUP
        if expressions.get(f"wg_{d}", "CAST(NULL AS VARCHAR)") != "CAST(NULL AS VARCHAR)"
    ]
    if not domains:
        return "CAST(NULL AS VARCHAR)"
    return (
        f"CASE WHEN greatest({', '.join(domains)}) >= 3 THEN 'DIS' "
        f"WHEN greatest({', '.join(domains)}) IS NOT NULL THEN 'ABL' END"
    )


def _typed(column: Column, text: str) -> str:
    if column.type == "integer":
        number = f"TRY_CAST({text} AS DOUBLE)"
        return f"CASE WHEN {number} = floor({number}) THEN CAST({number} AS BIGINT) END"
    if column.type == "decimal":
        return f"TRY_CAST({text} AS DOUBLE)"
    return text


def _check(db: Session, kind: Kind, expressions: dict) -> list[Problem]:
    """Every rule of every column, counted in one scan."""
    checks = []
    for column in kind.columns:
        text, typed = expressions[column.name], _typed(column, expressions[column.name])
        if column.type in ("integer", "decimal"):
            kind_name = _("a whole number") if column.type == "integer" else _("a number")
            checks.append(
                (
                    column.name,
                    _("not %(kind)s") % {"kind": kind_name},
                    f"{text} IS NOT NULL AND {typed} IS NULL",
                )
            )
        if column.required:
            checks.append((column.name, _("empty, but required"), f"{text} IS NULL"))
        if column.codes:
            allowed = ", ".join(_quote_text(c) for c in column.codes)
            checks.append(
                (
                    column.name,
                    _("not one of %(codes)s") % {"codes": ", ".join(column.codes)},
                    f"{typed} IS NOT NULL AND {typed} NOT IN ({allowed})",
                )
            )
        if column.low is not None:
            checks.append(
                (
                    column.name,
                    _("below %(low)s") % {"low": _number(column.low)},
                    f"{typed} < {column.low}",
                )
            )
        if column.high is not None:
            checks.append(
                (
                    column.name,
                    _("above %(high)s") % {"high": _number(column.high)},
                    f"{typed} > {column.high}",
                )
            )
    select = ", ".join(
        f"COUNT(*) FILTER (WHERE {condition}), "
        f"(list(__row ORDER BY __row) FILTER (WHERE {condition}))[1:{EXAMPLES}]"
        for _name, _message, condition in checks
    )
    _columns, [row] = db.execute(f"SELECT {select} FROM source")  # noqa: S608
    problems = []
    for i, (name, message, _condition) in enumerate(checks):
        count, rows = row[2 * i], row[2 * i + 1]
        if count:
            problems.append(Problem(name, message, count, list(rows or [])))
    return problems


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
