"""An edition as a document in one language: numbered parts, their narrative, tables,
charts, maps and quotes, in reading order. The HTML page, the PDF and the Word file are
all written from this one structure, so they hold the same figures.

Figures are written as text here, in the language's digits: a suppressed cell is the word
"suppressed", never a number; an unreliable one carries an asterisk."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from coalition.core.locale import format_number, localise_digits
from coalition.geo.models import Country
from coalition.indicators.catalogue import catalogue
from coalition.portal import figures as portal
from coalition.reports.blocks import Document, Part, Table
from coalition.reports.chapters import ChapterBlocks
from coalition.reports.figures import figures_of
from coalition.reports.models import Edition, Section
from coalition.reports.narrative import to_html, to_paragraphs
from coalition.reports.outline import TARGET_TITLES, spec_of
from coalition.reports.sections import SectionBlocks


def section_title(edition: Edition, section: Section) -> str:
    """In the active language: the outline's title, or the SDG 4 target's."""
    spec = spec_of(edition.kind, section.key)
    return str(TARGET_TITLES.get(section.target) or (spec.title if spec else section.key))


def citation_of(edition: Edition, language: str) -> str:
    with translation.override(language):
        publisher = settings.COALITION_NAME or _("Education coalition")
        return _("%(publisher)s (%(year)s). %(title)s.") % {
            "publisher": publisher,
            "year": localise_digits(str(edition.year), language),
            "title": edition.title_in(language),
        }


def build_document(edition: Edition, language: str) -> Document:
    """The edition in `language`, from its frozen figures once approved, else live."""
    with translation.override(language):
        return _Writer(edition, language).document()


class _Writer(ChapterBlocks, SectionBlocks):
    def __init__(self, edition: Edition, language: str):
        self.edition = edition
        self.language = language
        self.data = figures_of(edition)
        self.indicators = catalogue()
        self.names = portal.province_names()
        self.figure_count = 0
        self.table_count = 0

    # Numbers ---------------------------------------------------------------------------

    def number(self, value, decimals=1) -> str:
        return format_number(value, self.language, decimals)

    def digits(self, value) -> str:
        return localise_digits("" if value is None else str(value), self.language)

    def figure(self, row) -> str:
        """The value as text: "suppressed" for a suppressed cell, never a number, and an
        asterisk for an unreliable one (the portal marks these in HTML)."""
        if not row:
            return _("no data")
        if row["value"] is None:
            return _("suppressed")
        text = self.number(row["value"], portal.decimals_of(row))
        return text + "*" if "unreliable" in (row.get("flags") or "").split() else text

    def interval(self, row) -> str:
        return portal.interval_text(row, self.language)

    def numbered_table(self, table: Table) -> Table:
        self.table_count += 1
        table.number = self.table_count
        table.caption = _("Table %(number)s. %(caption)s") % {
            "number": self.digits(self.table_count),
            "caption": table.caption,
        }
        return table

    def numbered_figure(self, figure):
        self.figure_count += 1
        figure.number = self.figure_count
        figure.caption = _("Figure %(number)s. %(caption)s") % {
            "number": self.digits(self.figure_count),
            "caption": figure.caption,
        }
        return figure

    # The document ----------------------------------------------------------------------

    def document(self) -> Document:
        edition = self.edition
        country = Country.objects.filter(code=portal.country()).first()
        publisher = settings.COALITION_NAME or _("Education coalition")
        parts = []
        sections = edition.sections.prefetch_related("texts", "evidence")
        for number, section in enumerate(sections, start=1):
            parts.append(self.part(section, number))
        title = edition.title_in(self.language)
        return Document(
            edition=edition,
            language=self.language,
            direction="rtl" if self.language in settings.LANGUAGES_BIDI else "ltr",
            title=title,
            kind_label=str(Edition.Kind(edition.kind).label),
            country=country.name if country else portal.country(),
            publisher=publisher,
            status_label=str(Edition.Status(edition.status).label),
            is_final=edition.is_frozen,
            taken_at=self.data["taken_at"][:10],
            citation=citation_of(edition, self.language),
            parts=parts,
        )

    def part(self, section: Section, number: int) -> Part:
        title = section_title(self.edition, section)
        text = next((t.body for t in section.texts.all() if t.language == self.language), "")
        part = Part(
            section.key,
            number,
            title,
            to_html(text),
            to_paragraphs(text),
            kind=section.kind,
            number_text=self.digits(number),
        )
        builder = getattr(self, f"blocks_{section.kind}", None)
        if builder is not None:
            part.blocks = builder(section)
        return part

    # Blocks of each kind of section ----------------------------------------------------
