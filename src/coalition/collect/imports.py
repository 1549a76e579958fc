"""Bulk import of CSV/XLSX data into a form, including KoboToolbox and ODK Central export
layouts: group paths in headers ("group/field" or "group-field"), select_multiple as
space-separated codes (Kobo's one-column-per-choice extras are ignored), and, in XLSX,
one sheet per repeat group joined by `_index` / `_parent_index` (Kobo) or
`KEY` / `PARENT_KEY` (Central).

Every row is checked against the form first: types, choices, and the form's own rules
(required, relevant, constraint) evaluated as a phone would (collect/xpath.py), so a
question the form skips is not required and a value its constraint forbids is refused.
Rules written with XPath this evaluator does not cover are listed as not checked. Any
error stops the import, which then writes nothing and reports each error with its sheet,
row and column. Valid files go through the same receiving service as phones.
"""

import csv
import io
import re
import uuid
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from lxml import etree

from coalition.collect.schema import JR, relative_path
from coalition.collect.xlsform import XF, safe_parser
from coalition.collect.xpath import Context, Unsupported, compile_expression, to_bool

MAX_IMPORT_BYTES = 50 * 1024 * 1024
MAX_ERRORS = 200
ID_COLUMNS = ("_uuid", "meta/instanceID", "meta-instanceID", "instanceID", "KEY")


class ImportFileError(Exception):
    """The file itself cannot be read; the message says why."""


@dataclass
class Sheet:
    name: str
    header: list[str]
    rows: list[list[str]]


@dataclass
class Bind:
    """A question's rules from its XForm bind, compiled; None where the form sets none."""

    relevant: object = None
    required: object = None  # True, or a compiled condition
    constraint: object = None
    constraint_source: str = ""
    constraint_message: str = ""


@dataclass
class FormRules:
    types: dict[str, str]
    required: set[str]
    choices: dict[str, set[str]]
    repeats: list[str]
    multiple: set[str] = field(default_factory=set)
    binds: dict[str, Bind] = field(default_factory=dict)
    unchecked: list[str] = field(default_factory=list)  # "path: rule" not evaluated

    def __post_init__(self):
        # Per question, once: the relevant conditions of it and of the groups around it,
        # grouped by the repeat the question sits in ("" for the main table). Every
        # imported row is checked against these.
        self.conditions = {
            path: [self.binds[p].relevant for p in _ancestors(path) if self._relevant(p)]
            for path in self.binds
        }
        self.checks: dict[str, list[tuple[str, Bind]]] = {}
        for path, bind in self.binds.items():
            self.checks.setdefault(self.repeat_of(path), []).append((path, bind))

    def _relevant(self, path: str) -> bool:
        return path in self.binds and self.binds[path].relevant is not None

    def repeat_of(self, path: str) -> str:
        return max((r for r in self.repeats if path.startswith(r + "/")), key=len, default="")


def _message(bind, root) -> str:
    """The constraint message, in the form's default language when it is translated."""
    text = bind.get(f"{JR}constraintMsg", "")
    match = re.fullmatch(r"jr:itext\('([^']+)'\)", text)
    if not match:
        return text
    for translation in root.iter(f"{XF}translation"):
        if translation.get("default") or len(root.findall(f".//{XF}translation")) == 1:
            node = translation.find(f"{XF}text[@id='{match.group(1)}']")
            if node is not None:
                return "".join(node.itertext()).strip()
    return ""


def _binds(root) -> tuple[dict[str, Bind], list[str]]:
    binds, unchecked = {}, []
    for element in root.iter(f"{XF}bind"):
        path = relative_path(element.get("nodeset", ""))
        if path.startswith("meta/") or element.get("calculate") is not None:
            continue  # filled by the device or the form, not by a person
        bind = Bind()
        for rule in ("relevant", "required", "constraint"):
            source = (element.get(rule) or "").strip()
            if not source or source == "false()":
                continue
            if rule == "required" and source == "true()":
                bind.required = True
                continue
            try:
                setattr(bind, rule, compile_expression(source, path))
            except Unsupported:
                unchecked.append(f"{path}: {rule} {source}")
        bind.constraint_source = " ".join(element.get("constraint", "").split())
        bind.constraint_message = _message(element, root)
        binds[path] = bind
    return binds, unchecked


def rules_of(version) -> FormRules:
    root = etree.fromstring(version.xform.encode(), parser=safe_parser())
    schema = version.schema
    binds, unchecked = _binds(root)
    required = {path for path, bind in binds.items() if bind.required is True}
    instances = {i.get("id"): i for i in root.iter(f"{XF}instance") if i.get("id")}
    choices, multiple = {}, set()
    for tag in ("select1", "select"):
        for control in root.iter(f"{XF}{tag}"):
            itemset = control.find(f"{XF}itemset")
            match = (
                re.search(r"instance\('([^']+)'\)", itemset.get("nodeset", ""))
                if itemset is not None
                else None
            )
            if match and match.group(1) in instances and not instances[match.group(1)].get("src"):
                names = {
                    i.findtext(f"{XF}name") for i in instances[match.group(1)].iter(f"{XF}item")
                }
                choices[relative_path(control.get("ref"))] = names
            if tag == "select":
                multiple.add(relative_path(control.get("ref")))
    return FormRules(
        types=schema.get("types", {}),
        required=required,
        choices=choices,
        repeats=schema.get("repeats", []),
        multiple=multiple,
        binds=binds,
        unchecked=unchecked,
    )


def read_file(content: bytes, filename: str) -> list[Sheet]:
    if len(content) > MAX_IMPORT_BYTES:
        raise ImportFileError(_("The file is larger than 50 MB: split it."))
    name = filename.lower()
    if name.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFileError(
                _(
                    "The CSV is not UTF-8 (byte %(byte)s). In Excel choose “CSV UTF-8” when "
                    "saving; in LibreOffice choose the Unicode (UTF-8) character set."
                )
                % {"byte": error.start}
            ) from error
        rows = list(csv.reader(io.StringIO(text)))
        if not rows:
            raise ImportFileError(_("The file is empty."))
        return [Sheet("data", rows[0], rows[1:])]
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:  # any corrupt workbook
            raise ImportFileError(_("The file could not be read as an .xlsx workbook.")) from error
        sheets = []
        for sheet in book.worksheets:
            rows = [
                ["" if c is None else str(c) for c in row]
                for row in sheet.iter_rows(values_only=True)
            ]
            rows = [r for r in rows if any(c.strip() for c in r)]
            if rows:
                sheets.append(Sheet(sheet.title, rows[0], rows[1:]))
        if not sheets:
            raise ImportFileError(_("The workbook is empty."))
        return sheets
    raise ImportFileError(_("Import a .csv or .xlsx file."))


def _path(header: str, known: set[str], prefix: str = "") -> str | None:
    """Match a column header to a question path: exact, with '-' for '/', or the last
    part of a group path."""
    candidates = [header.strip(), header.strip().replace("-", "/")]
    for candidate in candidates:
        full = f"{prefix}{candidate}" if prefix and not candidate.startswith(prefix) else candidate
        if full in known:
            return full
    tail = header.strip().replace("-", "/").split("/")[-1]
    matches = [k for k in known if k.split("/")[-1] == tail and k.startswith(prefix)]
    return matches[0] if len(matches) == 1 else None


def _check(value: str, path: str, rules: FormRules) -> tuple[str | None, str | None]:
    """(clean value, error message)."""
    value = value.strip()
    if value.endswith(".0") and rules.types.get(path) == "int":
        value = value[:-2]  # spreadsheets write whole numbers as 12.0
    if not value:
        return None, None  # whether it may stay empty is the form's rules' business
    kind = rules.types.get(path)
    if kind == "int" and not re.fullmatch(r"-?\d+", value):
        return None, _("“%(value)s” is not a whole number.") % {"value": value}
    if kind == "decimal":
        try:
            float(value)
        except ValueError:
            return None, _("“%(value)s” is not a number.") % {"value": value}
    if kind == "date" and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None, _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value}
    if path in rules.choices:
        given = value.split() if path in rules.multiple else [value]
        unknown = [v for v in given if v not in rules.choices[path]]
        if unknown:
            return None, _("“%(value)s” is not a choice of this question.") % {
                "value": " ".join(unknown)
            }
    return value, None


@dataclass
class Parsed:
    records: list[tuple[str, dict]]  # (instance id, values)
    errors: list[dict]


def parse(sheets: list[Sheet], rules: FormRules, progress=None) -> Parsed:
    main, others = sheets[0], {s.name: s for s in sheets[1:]}
    known = set(rules.types)
    errors: list[dict] = []

    def error(sheet, row, column, message):
        if len(errors) < MAX_ERRORS:
            errors.append({"sheet": sheet, "row": row, "column": column, "message": message})

    def columns(sheet, prefix=""):
        mapped = {}
        for index, header in enumerate(sheet.header):
            path = _path(header, known, prefix)
            if path and not any(
                path.startswith(r + "/")
                for r in rules.repeats
                if r + "/" != prefix and not prefix.startswith(r + "/")
            ):
                mapped[index] = path
        return mapped

    main_columns = columns(main)
    missing = sorted(
        p
        for p in rules.required
        if p not in main_columns.values() and not rules.repeat_of(p) and not _conditional(p, rules)
    )
    for path in missing:
        error(main.name, 1, path, _("This required question has no column."))
    header_index = {h.strip(): i for i, h in enumerate(main.header)}
    id_column = next((header_index[c] for c in ID_COLUMNS if c in header_index), None)
    index_column = header_index.get("_index", header_index.get("KEY"))

    def read(sheet, number, row, mapped, prefix=""):
        """The row's checked values, keyed by path below `prefix`; problems reported."""
        values: dict = {}
        for column, path in mapped.items():
            cell = row[column] if column < len(row) else ""
            clean, problem = _check(cell, path, rules)
            if problem:
                error(sheet.name, number, sheet.header[column], problem)
            elif clean is not None:
                _set(values, path[len(prefix) :], clean)
        return values

    records, by_index, entries = [], {}, []
    main_headers = _headers(main, main_columns)
    for number, row in enumerate(main.rows, start=2):
        values = read(main, number, row, main_columns)
        entries.append(Entry(values, main.name, number, main_headers))
        raw_id = row[id_column].strip() if id_column is not None and id_column < len(row) else ""
        instance = (
            raw_id
            if raw_id.startswith("uuid:")
            else (f"uuid:{raw_id}" if raw_id else f"uuid:{uuid.uuid4()}")
        )
        records.append((instance, values))
        if index_column is not None and index_column < len(row):
            by_index[row[index_column].strip()] = values
        if progress and number % 500 == 0:
            progress(number, len(main.rows))

    for repeat in rules.repeats:
        sheet = others.get(repeat.split("/")[-1]) or others.get(repeat.replace("/", "_"))
        if sheet is None:
            continue
        repeat_columns = columns(sheet, prefix=repeat + "/")
        repeat_headers = _headers(sheet, repeat_columns)
        head = {h.strip(): i for i, h in enumerate(sheet.header)}
        parent = head.get("_parent_index", head.get("PARENT_KEY"))
        if parent is None:
            error(
                sheet.name,
                1,
                "_parent_index",
                _(
                    "Repeat sheets need _parent_index (Kobo) or PARENT_KEY (ODK Central) "
                    "to join their rows."
                ),
            )
            continue
        for number, row in enumerate(sheet.rows, start=2):
            owner = by_index.get(row[parent].strip() if parent < len(row) else "")
            if owner is None:
                error(
                    sheet.name,
                    number,
                    sheet.header[parent],
                    _("No row of the main sheet has this index."),
                )
                continue
            item = read(sheet, number, row, repeat_columns, prefix=repeat + "/")
            _append(owner, repeat, item)
            entries.append(Entry(owner, sheet.name, number, repeat_headers, repeat, item))
    for entry in entries:  # once every repeat row has joined its parent
        for column, message in check_rules(entry, rules):
            error(entry.sheet, entry.row, column, message)
    return Parsed(records=records, errors=errors)


@dataclass
class Entry:
    """One row of a sheet, as the record (and repeat item) it became."""

    record: dict
    sheet: str
    row: int
    headers: dict[str, str]  # question path → its column's header
    repeat: str = ""
    item: dict | None = None


def _headers(sheet: Sheet, mapped: dict[int, str]) -> dict[str, str]:
    return {path: sheet.header[index] for index, path in mapped.items()}


def _ancestors(path: str) -> list[str]:
    parts = path.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def _conditional(path: str, rules: FormRules) -> bool:
    """Whether the question, or a group around it, is asked only under a condition."""
    return bool(rules.conditions.get(path))


def check_rules(entry: Entry, rules: FormRules) -> list[tuple[str, str]]:
    """(column, message) for each question of this row that breaks the form's rules:
    required but empty, or answered against its constraint. Questions the form's
    relevant conditions skip are not checked, as a phone would not ask them."""
    problems = []
    for path, bind in rules.checks.get(entry.repeat, []):
        context = Context(entry.record, path, entry.repeat, entry.item)
        try:
            if not all(to_bool(relevant(context)) for relevant in rules.conditions[path]):
                continue
            value = context.lookup(path)
            column = entry.headers.get(path, path)
            if value in (None, ""):
                required = bind.required
                if required is True or (required is not None and to_bool(required(context))):
                    problems.append((column, _("A value is required.")))
            elif bind.constraint is not None and not to_bool(bind.constraint(context)):
                problems.append((column, _constraint_message(value, bind)))
        except (ArithmeticError, re.error, ValueError, TypeError):
            continue  # a rule that cannot be computed for these values is left to review
    return problems


def _constraint_message(value, bind: Bind) -> str:
    if bind.constraint_message:
        return _("“%(value)s” breaks the form's rule: %(message)s") % {
            "value": value,
            "message": bind.constraint_message,
        }
    return _("“%(value)s” breaks the form's rule %(rule)s.") % {
        "value": value,
        "rule": bind.constraint_source,
    }


def _set(values: dict, path: str, value: str) -> None:
    *groups, leaf = path.split("/")
    node = values
    for group in groups:
        node = node.setdefault(group, {})
    node[leaf] = value


def _append(values: dict, repeat: str, item: dict) -> None:
    *groups, leaf = repeat.split("/")
    node = values
    for group in groups:
        node = node.setdefault(group, {})
    node.setdefault(leaf, []).append(item)
