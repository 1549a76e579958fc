"""XLSForm → XForm with pyxform, and errors that say which sheet, row and column.

pyxform reports some problems with full context, some as "[row : 3] ..." and some with
no position at all (an unknown question type). This module fills the gaps by reading the
spreadsheet itself, so the person who uploaded the form always learns where to look.
"""

import io
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from lxml import etree
from pyxform.errors import PyXFormError
from pyxform.xls2xform import convert

SUPPORTED = {".xlsx", ".xls", ".csv"}
UNREADABLE = (
    "The file could not be read as a %s spreadsheet. Save it again from Excel or LibreOffice."
)
MAX_BYTES = 10 * 1024 * 1024
XF = "{http://www.w3.org/2002/xforms}"
HTML = "{http://www.w3.org/1999/xhtml}"


@dataclass
class XLSFormError(Exception):
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                f"sheet '{self.sheet}'" if self.sheet else "",
                f"row {self.row}" if self.row else "",
                f"column '{self.column}'" if self.column else "",
            )
            if part
        )
        return f"{where}: {self.message}" if where else self.message


@dataclass
class ConvertedForm:
    xform: str
    form_id: str
    version: str
    title: str
    languages: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _rows(content: bytes, suffix: str, sheet: str) -> list[list[str]]:
    """The cells of one sheet as text, for locating errors. Best effort."""
    try:
        if suffix == ".csv":
            return []
        if suffix == ".xlsx":
            from openpyxl import load_workbook

            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            if sheet not in book.sheetnames:
                return []
            return [
                ["" if c is None else str(c) for c in row]
                for row in book[sheet].iter_rows(values_only=True)
            ]
        import xlrd

        book = xlrd.open_workbook(file_contents=content)
        if sheet not in book.sheet_names():
            return []
        s = book.sheet_by_name(sheet)
        return [[str(c) for c in s.row_values(i)] for i in range(s.nrows)]
    except Exception:
        return []


def _locate(error: PyXFormError, content: bytes, suffix: str) -> XLSFormError:
    message = str(error)
    context = getattr(error, "context", None) or {}
    sheet = context.get("sheet")
    row = context.get("row")
    column = context.get("column")
    if row is None and (match := re.search(r"\[row : (\d+)\]", message)):
        row = int(match.group(1))
    if sheet is None and (match := re.search(r"[Oo]n the '(\w+)' sheet", message)):
        sheet = match.group(1)
    if column is None and (match := re.search(r"the '(\w+)' value", message)):
        column = match.group(1)
    message = re.sub(r"^\[row : \d+\]\s*", "", message)
    if row is None and (match := re.search(r"Unknown question type '([^']+)'", message)):
        # pyxform does not say where: find the row ourselves.
        sheet, column = "survey", "type"
        for number, cells in enumerate(_rows(content, suffix, "survey"), start=1):
            if any(c.strip() == match.group(1) for c in cells):
                row = number
                break
    if sheet is None and row is not None:
        sheet = "survey"
    return XLSFormError(message=message, sheet=sheet, row=row, column=column)


def describe(xform: str) -> tuple[str, str, str, list[str]]:
    """form id, version, title and languages of an XForm."""
    root = etree.fromstring(xform.encode("utf-8"), parser=safe_parser())
    instance = root.find(f"{HTML}head/{XF}model/{XF}instance")
    first = next(iter(instance)) if instance is not None else None
    if first is None or not first.get("id"):
        raise XLSFormError("The form has no id.")
    title = root.findtext(f"{HTML}head/{HTML}title") or first.get("id")
    languages = [t.get("lang") for t in root.iter(f"{XF}translation") if t.get("lang")]
    return first.get("id"), first.get("version") or "", title, languages


def safe_parser() -> etree.XMLParser:
    """An XML parser that expands no entities, loads no DTD and touches no network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
    )


def convert_xlsform(content: bytes, filename: str, *, root_name: str = "data") -> ConvertedForm:
    """Convert an uploaded XLSForm. `root_name` names the instance root element (ODK's
    convention is "data"; pyxform's own tests name it after the file)."""
    suffix = PurePath(filename).suffix.lower()
    if suffix not in SUPPORTED:
        raise XLSFormError("Upload an XLSForm as .xlsx, .xls or .csv.")
    if len(content) > MAX_BYTES:
        raise XLSFormError("The file is larger than 10 MB.")
    if not content:
        raise XLSFormError("The file is empty.")
    warnings: list[str] = []
    # pyxform names a form without a form_id setting after its file, so convert from a
    # file named like the upload (made safe), not from anonymous bytes ("data").
    stem = re.sub(r"[^A-Za-z0-9_]", "_", PurePath(filename).stem).strip("_") or "form"
    if not stem[0].isalpha():
        stem = f"form_{stem}"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{stem}{suffix}"
        path.write_bytes(content)
        try:
            result = convert(str(path), warnings=warnings, form_name=root_name)
        except PyXFormError as error:
            if "not recognized as a supported type" in str(error) or "Error reading" in str(error):
                raise XLSFormError(UNREADABLE % suffix) from error
            raise _locate(error, content, suffix) from error
        except Exception as error:
            raise XLSFormError(UNREADABLE % suffix) from error
    form_id, version, title, languages = describe(result.xform)
    return ConvertedForm(
        xform=result.xform,
        form_id=form_id,
        version=version,
        title=title,
        languages=languages,
        warnings=warnings,
    )


def with_default_language(xform: str, language_code: str) -> str:
    """The XForm opening in the given language when it has labels in it (as "Dari (fa)");
    otherwise unchanged. Only the itext default moves: the form and its data stay the same."""
    root = etree.fromstring(xform.encode(), safe_parser())
    translations = root.findall(f".//{XF}itext/{XF}translation")
    wanted = [t for t in translations if t.get("lang", "").endswith(f"({language_code})")]
    if not wanted:
        return xform
    for translation in translations:
        translation.attrib.pop("default", None)
    wanted[0].set("default", "true()")
    return etree.tostring(root, encoding="unicode")
