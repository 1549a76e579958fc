"""The blocks a report document is made of, in reading order: tables, charts, maps,
headings, text, quotes and fact boxes, inside numbered parts. reports.document makes them;
the templates (HTML and PDF) and reports.word write them."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy

from coalition.geo.maps import Choropleth
from coalition.reports.models import Edition
from coalition.reports.narrative import Paragraph

# A bare "%" is no placeholder: the xgettext comment keeps it out of python-format
# checking, which would refuse every translation of it.
# xgettext:no-python-format
CONFIDENCE_INTERVAL = gettext_lazy("95% confidence interval")


@dataclass
class Cell:
    text: str
    numeric: bool = False


@dataclass
class Table:
    template = "reports/blocks/table.html"

    caption: str
    columns: list[str]
    rows: list[list[Cell]]
    note: str = ""
    number: int = 0
    wide: bool = False

    @property
    def anchor(self) -> str:
        return f"table-{self.number}"


@dataclass
class Chart:
    template = "reports/blocks/chart.html"

    caption: str
    svg: SafeString
    figure: object  # the matplotlib figure, drawn again as PNG for Word
    legend: list[tuple[str, str]]  # (kind, label)
    note: str = ""
    number: int = 0

    @property
    def anchor(self) -> str:
        return f"figure-{self.number}"


@dataclass
class Map:
    template = "reports/blocks/map.html"

    caption: str
    choropleth: Choropleth  # self-contained, for the PDF
    legend: list[tuple[str, str]]  # (fill, label)
    note: str = ""
    number: int = 0
    web: Choropleth | None = None  # drawn from the page's shared outlines (SHAPES)

    @property
    def anchor(self) -> str:
        return f"figure-{self.number}"


@dataclass
class Heading:
    template = "reports/blocks/heading.html"

    text: str
    level: int = 3


@dataclass
class Text:
    """Text the report writes itself (not the editors'): one paragraph."""

    template = "reports/blocks/text.html"

    text: str


@dataclass
class Quote:
    template = "reports/blocks/quote.html"

    text: str
    language: str
    attribution: str

    @property
    def direction(self) -> str:
        return "rtl" if self.language in settings.LANGUAGES_BIDI else "ltr"


@dataclass
class Facts:
    template = "reports/blocks/facts.html"

    items: list[tuple[str, str]]


@dataclass
class Part:
    key: str
    number: int
    title: str
    narrative_html: SafeString
    narrative: list[Paragraph]
    kind: str = ""
    number_text: str = ""
    blocks: list = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"part-{self.key}"


@dataclass
class Document:
    edition: Edition
    language: str
    direction: str
    title: str
    kind_label: str
    country: str
    publisher: str
    status_label: str
    is_final: bool
    taken_at: str
    citation: str
    parts: list[Part]

    @property
    def figures(self) -> list:
        return [b for p in self.parts for b in p.blocks if isinstance(b, Chart | Map)]

    @property
    def tables(self) -> list:
        return [b for p in self.parts for b in p.blocks if isinstance(b, Table)]
