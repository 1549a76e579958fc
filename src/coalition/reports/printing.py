"""The edition as PDF, through WeasyPrint (Pango and HarfBuzz shape Dari, Pashto and
Khmer; the fonts used are embedded as subsets). Charts and maps go in as SVG whose only
text, the axis numbers, matplotlib writes as paths; every other word is HTML.

Searchable text. A PDF maps each glyph to the characters it shows through one table per
font (ToUnicode), and WeasyPrint fills it with the first use of each glyph. Khmer shaping
reuses a glyph for different characters (a subscript consonant, a vowel drawn before its
consonant), so later uses come out of search, copy and screen readers as other text
(WeasyPrint issue 2841 shows the same for Arabic). Each line of Khmer is therefore
marked with its real text (/ActualText, ISO 32000-1 §14.9.4), which readers and
pdftotext prefer to the glyph table."""

import re
from dataclasses import dataclass
from functools import wraps
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation

from coalition.core.errors import DomainError

PRINT_CSS = Path(__file__).parent / "static" / "reports" / "print.css"
# Khmer and Khmer symbols. Arabic script is left to the glyph table: poppler reorders
# right-to-left ActualText a second time, which reverses it.
_SHAPED = re.compile("[\u1780-\u17ff\u19e0-\u19ff]")


@dataclass
class Printed:
    pdf: bytes
    pages: int


def print_html(document) -> str:
    """The whole document as one HTML page: cover, contents, parts, in its language
    (whatever the language of the request or command that asks)."""
    with translation.override(document.language):
        return render_to_string("reports/print.html", {"document": document})


def write_pdf(document) -> Printed:
    try:
        from weasyprint import CSS, HTML
    except OSError as error:  # Pango is missing: WeasyPrint cannot load it
        raise DomainError(
            "PDF needs the Pango library: run scripts/install-system-deps "
            f"(or apt install libpango-1.0-0 libpangoft2-1.0-0). {error}"
        ) from error
    _mark_actual_text()
    rendered = HTML(string=print_html(document), base_url=str(PRINT_CSS.parent)).render(
        stylesheets=[CSS(filename=str(PRINT_CSS))]
    )
    return Printed(pdf=rendered.write_pdf(), pages=len(rendered.pages))


def _mark_actual_text() -> None:
    """Wrap WeasyPrint's drawing of one line of text (once per process)."""
    from pydyf import Dictionary, String
    from weasyprint.draw import text

    if getattr(text.draw_first_line, "marks_actual_text", False):
        return
    original = text.draw_first_line

    @wraps(original)
    def draw_first_line(stream, textbox, *args, **kwargs):
        line = textbox.text
        if not _SHAPED.search(line):
            return original(stream, textbox, *args, **kwargs)
        stream.begin_marked_content("Span", Dictionary({"ActualText": String(line)}))
        try:
            return original(stream, textbox, *args, **kwargs)
        finally:
            stream.end_marked_content()

    draw_first_line.marks_actual_text = True
    text.draw_first_line = draw_first_line
