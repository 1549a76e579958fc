"""The edition as a Word document (python-docx), for the secretariat to edit: real heading
styles (so Word's navigation pane and its table of contents work), real tables with
header rows, charts and maps as images, captions in the Caption style.

Dari and Pashto paragraphs and tables are marked right-to-left (w:bidi, w:bidiVisual)
and every run uses a complex-script font that shapes them, as it does Khmer."""

import io

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document as WordDocument
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from coalition.geo.maps import choropleth_png
from coalition.portal.charts import to_png
from coalition.reports.blocks import Cell, Chart, Facts, Heading, Map, Quote, Table, Text

FONTS = {
    "en": ("Noto Sans", "Noto Sans"),
    "fa": ("Noto Sans", "Noto Naskh Arabic"),
    "ps": ("Noto Sans", "Noto Naskh Arabic"),
    "km": ("Khmer OS", "Khmer OS"),
}
LANGUAGE_TAGS = {"en": "en-GB", "fa": "fa-AF", "ps": "ps-AF", "km": "km-KH"}
IMAGE_WIDTH = Cm(16)


def write_docx(document) -> bytes:
    with translation.override(document.language):
        return _write_docx(document)


def _write_docx(document) -> bytes:
    word = WordDocument()
    rtl = document.direction == "rtl"
    _set_defaults(word, document.language, rtl)
    writer = _Writer(word, rtl)
    writer.cover(document)
    for part in document.parts:
        writer.part(part)
    out = io.BytesIO()
    word.core_properties.title = document.title
    word.core_properties.author = document.publisher
    word.core_properties.language = LANGUAGE_TAGS.get(document.language, document.language)
    word.save(out)
    return out.getvalue()


def _set_defaults(word, language: str, rtl: bool) -> None:
    latin, complex_script = FONTS.get(language, FONTS["en"])
    tag = LANGUAGE_TAGS.get(language, language)
    for style in word.styles:
        if style.type != 1:  # paragraph styles only
            continue
        properties = style.element.get_or_add_rPr()
        fonts = properties.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            properties.insert(0, fonts)
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia"):
            fonts.set(qn(attribute), latin)
        fonts.set(qn("w:cs"), complex_script)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        lang = properties.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            properties.append(lang)
        # Word spells and shapes a run by its script: w:bidi is the language of
        # right-to-left runs, w:val of the others (Khmer is one of those).
        if rtl:
            lang.set(qn("w:val"), "en-GB")
            lang.set(qn("w:bidi"), tag)
        else:
            lang.set(qn("w:val"), tag)
        if rtl:
            paragraph = style.element.get_or_add_pPr()
            if paragraph.find(qn("w:bidi")) is None:
                paragraph.append(OxmlElement("w:bidi"))
    normal = word.styles["Normal"]
    normal.font.size = Pt(10.5)


class _Writer:
    def __init__(self, word, rtl: bool):
        self.word = word
        self.rtl = rtl

    def paragraph(self, text: str = "", style: str | None = None):
        paragraph = self.word.add_paragraph(style=style)
        if text:
            self.run(paragraph, text)
        return paragraph

    def run(self, paragraph, text: str, *, bold=False, italic=False):
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        if self.rtl:
            run._element.get_or_add_rPr().append(OxmlElement("w:rtl"))
        return run

    def cover(self, document) -> None:
        self.paragraph(document.publisher, "Subtitle")
        self.paragraph(document.kind_label)
        self.word.add_heading(document.title, level=0)
        self.paragraph(document.country, "Subtitle")
        if not document.is_final:
            note = self.paragraph()
            self.run(
                note,
                _(
                    "%(status)s: not for citation. Figures read live from the current "
                    "results, and will change."
                )
                % {"status": document.status_label},
                bold=True,
            )
        self.paragraph(_("Cite as:") + " " + document.citation)
        self.paragraph().add_run().add_break(WD_BREAK.PAGE)
        self.word.add_heading(_("Contents"), level=1)
        self.table_of_contents()
        self.word.add_section(WD_SECTION.NEW_PAGE)

    def table_of_contents(self) -> None:
        """A TOC field: Word fills it with headings and page numbers when the document is
        opened and fields are updated (F9)."""
        paragraph = self.word.add_paragraph()
        run = paragraph.add_run()
        begin = OxmlElement("w:fldChar")
        begin.set(qn("w:fldCharType"), "begin")
        code = OxmlElement("w:instrText")
        code.set(qn("xml:space"), "preserve")
        code.text = 'TOC \\o "1-2" \\h \\z \\u'
        separate = OxmlElement("w:fldChar")
        separate.set(qn("w:fldCharType"), "separate")
        placeholder = OxmlElement("w:t")
        placeholder.text = _("Update this field (F9) to list the contents with page numbers.")
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        for element in (begin, code, separate, placeholder, end):
            run._element.append(element)

    def part(self, part) -> None:
        self.word.add_heading(f"{part.number_text}. {part.title}", level=1)
        for paragraph in part.narrative:
            if paragraph.style == "heading":
                self.word.add_heading(paragraph.text, level=min(paragraph.level - 1, 4))
                continue
            style = {
                "bullet": "List Bullet",
                "number": "List Number",
                "quote": "Quote",
            }.get(paragraph.style)
            written = self.paragraph(style=style)
            for run in paragraph.runs:
                self.run(written, run.text, bold=run.bold, italic=run.italic)
        for block in part.blocks:
            self.block(block)

    def block(self, block) -> None:
        if isinstance(block, Heading):
            self.word.add_heading(block.text, level=2)
        elif isinstance(block, Text):
            self.paragraph(block.text)
        elif isinstance(block, Quote):
            self.paragraph(block.text, "Intense Quote")
            self.paragraph("— " + block.attribution)
        elif isinstance(block, Facts):
            self.table(
                Table("", ["", ""], [[Cell(label), Cell(value)] for label, value in block.items]),
                header=False,
            )
        elif isinstance(block, Table):
            self.caption(block.caption)
            self.table(block)
            if block.note:
                self.note(block.note)
        elif isinstance(block, Chart):
            self.caption(block.caption)
            self.image(to_png(block.figure))
            self.note(" · ".join(label for _kind, label in block.legend))
            self.note(block.note)
        elif isinstance(block, Map):
            self.caption(block.caption)
            self.image(choropleth_png(block.choropleth))
            self.note(" · ".join(label for _fill, label in block.legend))
            self.note(block.note)

    def caption(self, text: str) -> None:
        """Above its table or figure, and kept on the same page with it."""
        self.paragraph(text, "Caption").paragraph_format.keep_with_next = True

    def note(self, text: str) -> None:
        if not text:
            return
        paragraph = self.paragraph()
        run = self.run(paragraph, text)
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(0x57, 0x60, 0x6A)

    def image(self, png: bytes) -> None:
        self.word.add_picture(io.BytesIO(png), width=IMAGE_WIDTH)

    def table(self, table: Table, *, header: bool = True) -> None:
        rows = ([table.columns] if header else []) + [[c.text for c in r] for r in table.rows]
        word_table = self.word.add_table(rows=len(rows), cols=len(table.columns))
        word_table.style = "Table Grid"
        if self.rtl:
            word_table._tbl.tblPr.append(OxmlElement("w:bidiVisual"))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                cell = word_table.cell(r, c)
                cell.text = ""
                run = self.run(cell.paragraphs[0], str(value), bold=header and r == 0)
                run.font.size = Pt(8.5)
        if header:
            # The header row repeats on every page the table runs over.
            properties = word_table.rows[0]._tr.get_or_add_trPr()
            properties.append(OxmlElement("w:tblHeader"))
