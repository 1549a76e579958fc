from pathlib import Path

from openpyxl import Workbook

from coalition.collect.services import publish_form

DATA = Path(__file__).resolve().parent / "data"


def workbook_bytes(*sheets: tuple[str, list[list]]) -> bytes:
    """An .xlsx file with these (title, rows) sheets, in order."""
    import io

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsform_bytes(
    survey: list[list], choices: list[list] | None = None, settings: list[list] | None = None
) -> bytes:
    extra = [
        (title, rows) for title, rows in (("choices", choices), ("settings", settings)) if rows
    ]
    return workbook_bytes(("survey", survey), *extra)


SCHOOL_VISIT = {
    "survey": [
        ["type", "name", "label::English (en)", "label::Dari (fa)", "required"],
        ["start", "start", "", "", ""],
        ["end", "end", "", "", ""],
        ["text", "school", "School name", "نام مکتب", "yes"],
        ["select_one province", "province", "Province", "ولایت", "yes"],
        ["integer", "girls", "Girls enrolled", "شاگردان دختر", ""],
        ["decimal", "distance_km", "Distance to road (km)", "فاصله تا سرک", ""],
        ["select_multiple services", "services", "Services", "خدمات", ""],
        ["begin repeat", "teacher", "Teacher", "معلم", ""],
        ["text", "teacher_name", "Name", "نام", ""],
        ["end repeat", "", "", "", ""],
    ],
    "choices": [
        ["list_name", "name", "label::English (en)", "label::Dari (fa)"],
        ["province", "AF-KAB", "Kabul", "کابل"],
        ["province", "AF-BAL", "Balkh", "بلخ"],
        ["services", "water", "Drinking water", "آب آشامیدنی"],
        ["services", "electricity", "Electricity", "برق"],
    ],
    "settings": [
        ["form_id", "form_title", "version"],
        ["school_visit", "School visit", "2026110101"],
    ],
}


def publish_school_visit(actor, **kwargs):
    content = xlsform_bytes(
        SCHOOL_VISIT["survey"], SCHOOL_VISIT["choices"], SCHOOL_VISIT["settings"]
    )
    return publish_form(content=content, filename="school_visit.xlsx", actor=actor, **kwargs)


# Who may manage a coalition-wide form (settings, rules, imports): the secretariat only.
# Those who cannot see the form get 404; those who see it but may not manage it, 403.
MANAGE_FORM = {
    "anonymous": 302, "outsider": 404, "partner_viewer": 404, "reviewer": 403,
    "focal_point": 403, "editor": 403, "other_focal_point": 403, "staff": 302, "admin": 302,
}  # fmt: skip
