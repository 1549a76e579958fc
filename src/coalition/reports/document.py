"""An edition as a document in one language: numbered parts, their narrative, tables,
charts, maps and quotes, in reading order. The HTML page, the PDF and the Word file are
all written from this one structure, so they hold the same figures.

Figures are written as text here, in the language's digits: a suppressed cell is the word
"suppressed", never a number; an unreliable one carries an asterisk."""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coalition.core.locale import format_date, format_number, localise_digits
from coalition.geo.maps import Choropleth, range_breaks, render_choropleth
from coalition.geo.models import Country
from coalition.indicators.catalogue import catalogue
from coalition.indicators.models import Target
from coalition.indicators.progress import LABELS as PROGRESS
from coalition.portal import charts
from coalition.portal import figures as portal
from coalition.reports.figures import figures_of, progress_of
from coalition.reports.models import Edition, Recommendation, Section
from coalition.reports.narrative import Paragraph, to_html, to_paragraphs
from coalition.reports.outline import TARGET_TITLES, spec_of

# A bare "%" is no placeholder: the xgettext comments keep these out of python-format
# checking, which would refuse every translation of them.
UIS_NAMES = {
    # xgettext:no-python-format
    "XGDP.FSGOV": gettext_lazy("Public expenditure on education, % of GDP"),
    # xgettext:no-python-format
    "XGOVEXP.IMF": gettext_lazy("Expenditure on education, % of total public expenditure"),
}
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


SHAPES = "shape-"  # id prefix of the province outlines a web page holds once


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


class _Writer:
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
        if not row:
            return _("no data")
        if row["value"] is None:
            return _("suppressed")
        decimals = 2 if row.get("measure", "value") != "value" else 1
        text = self.number(row["value"], decimals)
        return text + "*" if "unreliable" in (row.get("flags") or "").split() else text

    def interval(self, row) -> str:
        if not row or row.get("ci_low") is None or row.get("ci_high") is None:
            return ""
        decimals = 2 if row.get("measure", "value") != "value" else 1
        return f"{self.number(row['ci_low'], decimals)}–{self.number(row['ci_high'], decimals)}"

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

    def blocks_methods(self, section) -> list:
        limits = self.data["disclosure"]
        blocks = [
            Text(
                _(
                    # xgettext:no-python-format
                    "Survey indicators are estimated from household survey microdata with "
                    "the survey's weights; their standard errors come from Taylor "
                    "linearisation over the survey's strata and clusters, and every "
                    "estimate is given with its 95% confidence interval. School census "
                    "indicators are ratios of counts over all schools and have no "
                    "sampling error. Official figures are UNESCO Institute for Statistics "
                    "(UIS) data, shown beside ours, never mixed with them."
                )
            ),
            Text(
                _(
                    "Suppression rules: a survey figure from fewer than %(n)s observations "
                    "and a census figure from fewer than %(count)s is not published "
                    "(“suppressed”), to protect respondents and because it would be too "
                    "imprecise; a survey figure whose coefficient of variation exceeds "
                    "%(cv)s%% is marked unreliable (*)."
                )
                % {
                    "n": self.digits(limits["min_survey_n"]),
                    "count": self.digits(limits["min_count"]),
                    "cv": self.digits(round(limits["max_cv"] * 100)),
                }
            ),
        ]
        rows = []
        for source in self.data["sources"]:
            design = source.get("design") or {}
            sample = (
                _("%(households)s households in %(clusters)s clusters, %(strata)s strata")
                % {
                    "households": self.number(design["households"], 0),
                    "clusters": self.number(design["clusters"], 0),
                    "strata": self.number(design["strata"], 0),
                }
                if design
                else ""
            )
            weights = (
                _("weighted to %(persons)s persons")
                % {"persons": self.number(design["weighted_persons"], 0)}
                if design
                else _("not a sample: every unit counted")
            )
            rows.append(
                [
                    Cell(source["title"]),
                    Cell(self.digits(source["year"] or "")),
                    Cell(self.number(source["rows"], 0), numeric=True),
                    Cell(sample),
                    Cell(weights),
                    Cell(self.digits(source["version"])),
                ]
            )
        blocks.append(
            self.numbered_table(
                Table(
                    _("Data sources of this report"),
                    [
                        _("Source"),
                        _("Year"),
                        _("Records"),
                        _("Sample"),
                        _("Weights"),
                        _("Version"),
                    ],
                    rows,
                    note=_("Figures as computed on %(date)s.") % {"date": self.taken_date()},
                    wide=True,
                )
            )
        )
        return blocks

    def taken_date(self) -> str:
        return format_date(datetime.fromisoformat(self.data["taken_at"]), self.language)

    def blocks_facts(self, section) -> list:
        facts = self.data["facts"]
        items = [
            (_("Provinces"), self.number(facts["provinces"], 0)),
            (_("Member organisations"), self.number(facts["members"], 0)),
            (
                _("Provinces where members work"),
                self.number(facts["provinces_with_members"], 0),
            ),
        ]
        for each in facts["headline"]:
            indicator = self.indicators.get(each["indicator"])
            if indicator is None:
                continue
            row = each["row"]
            items.append(
                (
                    f"{indicator.label(self.language)} ({self.digits(row['year'])})",
                    self.figure(row) + ("%" if indicator.unit == "percent" else ""),
                )
            )
        return [Facts(items)]

    def blocks_chapter(self, section) -> list:
        codes = [c for c in section.indicators if c in self.data["indicators"]]
        if not codes:
            return [Text(_("No indicator of this target has figures yet."))]
        blocks = [self.summary_table(codes)]
        for code in codes:
            blocks.extend(self.indicator_blocks(code))
        quotes = [Quote(e.quote, e.language, e.attribution) for e in section.evidence.all()]
        if quotes:
            blocks.append(Heading(_("Evidence from the grassroots")))
            blocks.extend(quotes)
        return blocks

    def summary_table(self, codes) -> Table:
        rows = []
        for code in codes:
            block = self.data["indicators"][code]
            indicator = self.indicators[code]
            latest = next((r for r in reversed(block["trend"]) if r["value"] is not None), None)
            target = block["targets"][0] if block["targets"] else None
            rows.append(
                [
                    Cell(indicator.label(self.language)),
                    Cell(self.digits(latest["year"]) if latest else ""),
                    Cell(self.figure(latest), numeric=True),
                    Cell(self.interval(latest), numeric=True),
                    Cell(self.trend(block["trend"])),
                    Cell(
                        self.number(latest["official"])
                        if latest and latest.get("official") is not None
                        else "",
                        numeric=True,
                    ),
                    Cell(
                        f"{self.number(target['value'])} ({self.digits(target['year'])})"
                        if target
                        else ""
                    ),
                    Cell(str(PROGRESS[target["progress"]["status"]]) if target else ""),
                ]
            )
        return self.numbered_table(
            Table(
                _("Latest figures of this target"),
                [
                    _("Indicator"),
                    _("Year"),
                    _("Value"),
                    CONFIDENCE_INTERVAL,
                    _("Trend"),
                    _("Official (UIS)"),
                    _("Target"),
                    _("Progress"),
                ],
                rows,
                note=_("* unreliable: read with care. Sources: see the annex."),
                wide=True,
            )
        )

    def trend(self, rows: list[dict]) -> str:
        """The change from the first to the latest shown year: "+3.9 (2015–2021)"."""
        shown = [r for r in rows if r["value"] is not None]
        if len(shown) < 2:
            return ""
        change = shown[-1]["value"] - shown[0]["value"]
        sign = "+" if change > 0 else ""
        years = f"{self.digits(shown[0]['year'])}–{self.digits(shown[-1]['year'])}"
        return f"{sign}{self.number(change)} ({years})"

    def overview_of(self, code: str, block: dict) -> portal.Overview:
        targets = [
            portal.TargetProgress(
                Target(indicator=code, kind=t["kind"], year=t["year"], value=t["value"]),
                progress_of(t),
            )
            for t in block["targets"]
        ]
        official = {int(year): value for year, value in block["official"].items()}
        return portal.Overview(self.indicators[code], block["trend"], official, targets)

    def source_note(self, block: dict) -> str:
        titles = []
        for run in block["provenance"]:
            for each in run["inputs"]:
                label = f"{each['title']} (v{self.digits(each['version'])})"
                if label not in titles:
                    titles.append(label)
        note = _("Source: %(sources)s.") % {"sources": "; ".join(titles) or _("none")}
        if block["official"]:
            note += " " + _("Official figures: UNESCO Institute for Statistics.")
        return note

    def indicator_blocks(self, code: str) -> list:
        indicator = self.indicators[code]
        block = self.data["indicators"][code]
        name = indicator.label(self.language)
        unit = _("percent") if indicator.unit == "percent" else _("ratio")
        out = [
            Heading(name),
            Text(indicator.description.get(self.language) or indicator.description["en"]),
        ]
        overview = self.overview_of(code, block)
        if overview.trend:
            # xgettext:no-python-format
            legend = [("ours", _("Coalition estimate, with its 95% interval"))]
            if overview.official:
                legend.append(("official", _("Official figure (UIS)")))
            if overview.targets:
                legend.append(("target", _("Target")))
            figure = charts.trend_figure(overview, language=self.language)
            out.append(
                self.numbered_figure(
                    Chart(
                        _("%(name)s by year (%(unit)s)") % {"name": name, "unit": unit},
                        charts.to_svg(figure, label=name, prefix=f"trend-{code}"),
                        figure,
                        legend,
                        note=self.source_note(block),
                    )
                )
            )
        if block["provinces"]:
            out.extend(self.province_blocks(code, block, name))
        for breakdown in block["breakdowns"]:
            out.append(self.breakdown_table(breakdown, name, block["year"]))
        return out

    def province_blocks(self, code, block, name) -> list:
        values = {p["area"]: p["row"]["value"] for p in block["provinces"]}
        suppressed = frozenset(a for a, v in values.items() if v is None)
        drawing = {
            "label": name,
            "names": self.names,
            "breaks": range_breaks(list(values.values())),
            "suppressed": suppressed,
        }
        choropleth = render_choropleth(portal.country(), values, **drawing)
        web = render_choropleth(portal.country(), values, shared=SHAPES, **drawing)
        legend = []
        for entry in choropleth.legend_entries(self.language):
            if entry["suppressed"]:
                label = _("suppressed: too few observations")
            else:
                label = entry["label"] or _("no data")
            legend.append((entry["colour"], label))
        blocks = [
            self.numbered_figure(
                Map(
                    _("%(name)s by province, %(year)s")
                    % {"name": name, "year": self.digits(block["year"])},
                    choropleth,
                    legend,
                    note=self.source_note(block),
                    web=web,
                )
            )
        ]
        lagging = sorted(
            self.names.get(p["area"], p["area"])
            for p in block["provinces"]
            if portal.lags(self.indicators[code], p["comparison"])
        )
        if lagging:
            blocks.append(
                Text(
                    _("Clearly behind the national figure (the interval excludes it): %(names)s.")
                    % {"names": ", ".join(lagging)}
                )
            )
        return blocks

    def breakdown_table(self, breakdown, name, year) -> Table:
        dimension = breakdown["dimension"]
        rows = [
            [
                Cell(portal.group_label(dimension, group["group"])),
                Cell(self.figure(group["row"]), numeric=True),
                Cell(self.interval(group["row"]), numeric=True),
                Cell(self.number(group["row"]["n"], 0) if group["row"]["n"] else "", numeric=True),
            ]
            for group in breakdown["groups"]
        ]
        parity = breakdown["parity"]
        if parity:
            rows.append(
                [
                    Cell(str(portal.PARITY_NAMES.get(parity["measure"], parity["measure"]))),
                    Cell(self.figure(parity), numeric=True),
                    Cell(self.interval(parity), numeric=True),
                    Cell(""),
                ]
            )
        return self.numbered_table(
            Table(
                _("%(name)s by %(dimension)s, %(year)s")
                % {
                    "name": name,
                    "dimension": str(portal.DIMENSIONS[dimension]).lower(),
                    "year": self.digits(year),
                },
                [_("Group"), _("Estimate"), CONFIDENCE_INTERVAL, _("Observations")],
                rows,
                note=_("A parity index of 1 is parity; below 1 the first group is behind."),
            )
        )

    def blocks_financing(self, section) -> list:
        rows = []
        for each in self.data["financing"]:
            series = each["series"]
            latest = max(series, key=int) if series else None
            value = series[latest] if latest else None
            rows.append(
                [
                    Cell(str(UIS_NAMES.get(each["uis_indicator_id"], each["uis_indicator_id"]))),
                    Cell(self.digits(latest) if latest else ""),
                    Cell(self.number(value) if value is not None else _("no data"), numeric=True),
                    Cell(self.number(each["benchmark"]), numeric=True),
                    Cell(
                        ""
                        if value is None
                        else _("meets the benchmark")
                        if value >= each["benchmark"]
                        else _("below the benchmark")
                    ),
                ]
            )
        return [
            self.numbered_table(
                Table(
                    _("Public spending on education against the Education 2030 benchmarks"),
                    [_("Indicator"), _("Year"), _("Value"), _("Benchmark"), _("Assessment")],
                    rows,
                    note=_(
                        # xgettext:no-python-format
                        "Benchmarks of the Education 2030 Framework for Action: at least 4% "
                        "of GDP and at least 15% of public expenditure. Source: UNESCO "
                        "Institute for Statistics, where it publishes a figure."
                    ),
                    wide=True,
                )
            )
        ]

    def blocks_participation(self, section) -> list:
        data = self.data["participation"]
        blocks = [
            Text(
                _(
                    "In %(year)s, %(organisations)s organisations sent %(submissions)s "
                    "approved submissions to the coalition's data collection."
                )
                % {
                    "year": self.digits(self.edition.year),
                    "organisations": self.number(data["organisations"], 0),
                    "submissions": self.number(data["approved_submissions"], 0),
                }
            )
        ]
        if data["forms"]:
            blocks.append(
                self.numbered_table(
                    Table(
                        _("Approved submissions by form"),
                        [_("Form"), _("Approved submissions"), _("Organisations")],
                        [
                            [
                                Cell(f["form"]),
                                Cell(self.number(f["submissions"], 0), numeric=True),
                                Cell(self.number(f["organisations"], 0), numeric=True),
                            ]
                            for f in data["forms"]
                        ],
                    )
                )
            )
        return blocks

    def recommendation_rows(self, recommendations, *, follow_up: bool) -> list:
        rows = []
        for number, each in enumerate(recommendations, start=1):
            row = [
                Cell(self.digits(number), numeric=True),
                Cell(each.duty_bearer),
                Cell(each.text_in(self.language)),
            ]
            if follow_up:
                row += [
                    Cell(str(Recommendation.Status(each.status).label)),
                    Cell(each.progress_in(self.language)),
                ]
            else:
                row.append(Cell(self.digits(each.target)))
            rows.append(row)
        return rows

    def blocks_recommendations(self, section) -> list:
        """This edition's recommendations; in a Spotlight Report, which has no follow-up
        section, the previous edition's still open ones follow them."""
        new = [r for r in self.edition.recommendations.all() if r.carried_from_id is None]
        blocks = (
            [
                self.numbered_table(
                    Table(
                        _("Recommendations and who they are addressed to"),
                        ["#", _("Duty-bearer"), _("Recommendation"), _("SDG 4 target")],
                        self.recommendation_rows(new, follow_up=False),
                        wide=True,
                    )
                )
            ]
            if new
            else [Text(_("No recommendations yet."))]
        )
        if self.edition.kind == Edition.Kind.SPOTLIGHT:
            blocks += [b for b in self.blocks_followup(section) if isinstance(b, Table)]
        return blocks

    def blocks_followup(self, section) -> list:
        carried = [r for r in self.edition.recommendations.all() if r.carried_from_id]
        if not carried:
            return [Text(_("The previous review's recommendations are not recorded here."))]
        return [
            self.numbered_table(
                Table(
                    _("The previous review's recommendations and what became of them"),
                    ["#", _("Duty-bearer"), _("Recommendation"), _("Status"), _("Since then")],
                    self.recommendation_rows(carried, follow_up=True),
                    wide=True,
                )
            )
        ]

    def blocks_plan_annex(self, section) -> list:
        rows = []
        for each in self.data["plan_targets"]:
            indicator = self.indicators.get(each["indicator"])
            if indicator is None:
                continue
            latest = next((r for r in reversed(each["trend"]) if r["value"] is not None), None)
            for target in each["targets"]:
                rows.append(
                    [
                        Cell(indicator.label(self.language)),
                        Cell(str(Target.Kind(target["kind"]).label)),
                        Cell(f"{self.number(target['value'])} ({self.digits(target['year'])})"),
                        Cell(
                            f"{self.figure(latest)} ({self.digits(latest['year'])})"
                            if latest
                            else _("no data"),
                            numeric=True,
                        ),
                        Cell(self.interval(latest), numeric=True),
                        Cell(str(PROGRESS[target["progress"]["status"]])),
                    ]
                )
        if not rows:
            return [Text(_("No national plan targets are recorded yet."))]
        return [
            self.numbered_table(
                Table(
                    _("Indicators against the national plan's targets"),
                    [
                        _("Indicator"),
                        _("Target of"),
                        _("Target"),
                        _("Latest value"),
                        CONFIDENCE_INTERVAL,
                        _("Progress"),
                    ],
                    rows,
                    note=_(
                        "Progress compares the observed annual change with the change "
                        "needed to reach the target in time."
                    ),
                    wide=True,
                )
            )
        ]

    def blocks_annex(self, section) -> list:
        rows = []
        runs = {}
        for each in self.data["annex"]:
            indicator = self.indicators.get(each["indicator"])
            if indicator is None:
                continue
            row = each["row"]
            rows.append(
                [
                    Cell(indicator.label(self.language)),
                    Cell(self.digits(indicator.sdg_indicator)),
                    Cell(self.digits(row["year"])),
                    Cell(self.figure(row), numeric=True),
                    Cell(self.interval(row), numeric=True),
                    Cell(self.number(row["n"], 0) if row["n"] else "", numeric=True),
                    Cell(", ".join(self.digits(r["run"]) for r in each["provenance"])),
                ]
            )
            for run in each["provenance"]:
                runs[run["run"]] = run
        blocks = [
            self.numbered_table(
                Table(
                    _("Every indicator's latest national figure"),
                    [
                        _("Indicator"),
                        _("SDG"),
                        _("Year"),
                        _("Value"),
                        CONFIDENCE_INTERVAL,
                        _("Observations"),
                        _("Computation"),
                    ],
                    rows,
                    wide=True,
                )
            )
        ]
        provenance = [
            [
                Cell(self.digits(number), numeric=True),
                Cell(
                    format_date(datetime.fromisoformat(run["finished_at"]), self.language)
                    if run["finished_at"]
                    else ""
                ),
                Cell(
                    "; ".join(
                        f"{i['title']} v{self.digits(i['version'])}"
                        + (f" (SHA-256 {i['sha256'][:12]})" if i["sha256"] else "")
                        for i in run["inputs"]
                    )
                ),
            ]
            for number, run in sorted(runs.items())
        ]
        blocks.append(
            self.numbered_table(
                Table(
                    _("Provenance: the computations and the files they read"),
                    [_("Computation"), _("Computed on"), _("Datasets read")],
                    provenance,
                    wide=True,
                )
            )
        )
        return blocks
