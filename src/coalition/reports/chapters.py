"""The blocks of a chapter (one SDG 4 target): a table of its indicators' latest figures,
then for each indicator its trend chart, province map and groups with parity, then the
grassroots evidence the editors attached."""

from django.utils.translation import gettext as _

from coalition.geo.maps import range_breaks, render_choropleth
from coalition.indicators.models import Target
from coalition.indicators.progress import LABELS as PROGRESS
from coalition.portal import charts
from coalition.portal import figures as portal
from coalition.reports.blocks import (
    CONFIDENCE_INTERVAL,
    Cell,
    Chart,
    Heading,
    Map,
    Quote,
    Table,
    Text,
)
from coalition.reports.figures import progress_of

SHAPES = "shape-"  # id prefix of the province outlines a web page holds once


class ChapterBlocks:
    """Mixed into the document writer, whose number formatting and numbering it uses."""

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
