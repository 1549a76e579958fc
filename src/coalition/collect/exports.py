"""Exports of a form's submissions: CSV (streamed, any size) and XLSX (one sheet for the
main table, one per repeat group, joined by the submission id), with codes or labels and
headers in the chosen language. Every text cell is formula-neutralised."""

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree
from openpyxl import Workbook

from coalition.collect.schema import relative_path, value_at
from coalition.collect.xlsform import HTML, XF, safe_parser
from coalition.core.spreadsheets import neutralise

KEY_COLUMNS = ["submission_id", "instance_id", "state", "organisation", "area", "received"]


@dataclass
class Table:
    """The columns of one sheet: the main table, or one repeat group."""

    name: str
    path: str  # "" for the main table, else the repeat's path
    fields: list[str] = field(default_factory=list)


@dataclass
class Labels:
    questions: dict[str, str] = field(default_factory=dict)  # path → label
    choices: dict[str, dict[str, str]] = field(default_factory=dict)  # path → code → label


def tables_of(schema: dict) -> list[Table]:
    repeats = sorted(schema.get("repeats", []), key=len)
    main = Table("data", "")
    tables = {"": main} | {r: Table(r.replace("/", "_"), r) for r in repeats}
    for path in schema.get("types", {}):
        if path.startswith("meta/"):
            continue
        owner = max((r for r in repeats if path.startswith(r + "/")), key=len, default="")
        tables[owner].fields.append(path[len(owner) + 1 :] if owner else path)
    return list(tables.values())


def _language_index(languages: list[str], language: str) -> str | None:
    """The XForm translation for a UI language code: "fa" → "Dari (fa)"."""
    for name in languages:
        if re.search(rf"\({re.escape(language)}\)\s*$", name) or name == language:
            return name
    return None


def labels_of(xform: str, language: str) -> Labels:
    root = etree.fromstring(xform.encode(), parser=safe_parser())
    translations = {t.get("lang"): t for t in root.iter(f"{XF}translation")}
    chosen = translations.get(_language_index(list(translations), language) or "")
    if chosen is None:
        chosen = next(iter(translations.values()), None)
    texts = {}
    if chosen is not None:
        for text in chosen.iter(f"{XF}text"):
            value = text.find(f"{XF}value")
            texts[text.get("id")] = "".join(value.itertext()).strip() if value is not None else ""
    labels = Labels()
    body = root.find(f"{HTML}body")
    if body is None:
        return labels
    instances = {i.get("id"): i for i in root.iter(f"{XF}instance") if i.get("id")}
    for control in body.iter():
        ref = control.get("ref") or ""
        if not ref.startswith("/") or not isinstance(control.tag, str):
            continue  # relative refs belong to itemsets and labels, not questions
        path = relative_path(ref)
        label = control.find(f"{XF}label")
        if label is not None:
            itext = re.search(r"jr:itext\('([^']+)'\)", label.get("ref") or "")
            labels.questions[path] = (
                texts.get(itext.group(1), "") if itext else (label.text or "").strip()
            )
        itemset = control.find(f"{XF}itemset")
        if itemset is not None:
            match = re.search(r"instance\('([^']+)'\)", itemset.get("nodeset", ""))
            source = instances.get(match.group(1)) if match else None
            if source is not None:
                codes = {}
                for item in source.iter(f"{XF}item"):
                    code = item.findtext(f"{XF}name") or ""
                    text_id = item.findtext(f"{XF}itextId") or ""
                    codes[code] = texts.get(text_id) or item.findtext(f"{XF}label") or code
                labels.choices[path] = codes
    return labels


def _cell(value, path: str, labels: Labels | None):
    if value is None:
        return ""
    if labels and path in labels.choices:
        codes = value if isinstance(value, list) else [value]
        return " ".join(labels.choices[path].get(str(c), str(c)) for c in codes)
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return value


def _keys(submission) -> list:
    return [
        submission.pk,
        submission.instance_id,
        submission.state,
        submission.organisation.name_en if submission.organisation_id else "",
        submission.area.code if submission.area_id else "",
        submission.created_at.isoformat(timespec="seconds"),
    ]


def rows_for(table: Table, submissions, labels: Labels | None) -> Iterator[list]:
    for submission in submissions:
        if not table.path:
            yield [
                *_keys(submission),
                *(neutralise(_cell(value_at(submission.data, f), f, labels)) for f in table.fields),
            ]
            continue
        rows = value_at(submission.data, table.path) or []
        for index, row in enumerate(rows if isinstance(rows, list) else [], start=1):
            yield [
                submission.pk,
                submission.instance_id,
                index,
                *(
                    neutralise(_cell(value_at(row, f), f"{table.path}/{f}", labels))
                    for f in table.fields
                ),
            ]


def header_for(table: Table, labels: Labels | None) -> list[str]:
    keys = KEY_COLUMNS if not table.path else ["submission_id", "instance_id", "row"]

    def title(f):
        full = f"{table.path}/{f}" if table.path else f
        return neutralise(labels.questions.get(full) or f) if labels else f

    return [*keys, *(title(f) for f in table.fields)]


class _Echo:
    def write(self, value):
        return value


def stream_csv(table: Table, submissions, labels: Labels | None) -> Iterator[str]:
    """CSV text line by line, for a StreamingHttpResponse: memory stays flat."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(header_for(table, labels))
    for row in rows_for(table, submissions, labels):
        yield writer.writerow(row)


class Rescan:
    """A queryset read afresh, in chunks, each time it is iterated: a workbook reads the
    submissions once per sheet, and neither a cached queryset (memory grows with the
    form) nor a single iterator (the second sheet would find it used up) will do."""

    def __init__(self, queryset, chunk_size: int = 2000):
        self.queryset, self.chunk_size = queryset, chunk_size

    def __iter__(self):
        return self.queryset.iterator(chunk_size=self.chunk_size)


def xlsx(
    tables: list[Table], submissions, labels: Labels | None, *, target=None, progress=None
) -> bytes | None:
    """Write the workbook to `target` (a path or file), or return its bytes. The
    submissions are read once per sheet (a queryset or a Rescan). `progress` is called with
    the share done (0..1) as the tables are written."""
    book = Workbook(write_only=True)
    for number, table in enumerate(tables):
        sheet = book.create_sheet(title=table.name[:31])
        sheet.append(header_for(table, labels))
        for count, row in enumerate(rows_for(table, submissions, labels), start=1):
            sheet.append(row)
            if progress and count % 2000 == 0:
                progress(number / len(tables))
        if progress:
            progress((number + 1) / len(tables))
    if target is not None:
        book.save(target)
        return None
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
