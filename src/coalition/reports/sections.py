"""The blocks of the other kinds of section: methods and data, country facts, financing,
civil-society participation, recommendations and their follow-up, the plan-target annex
and the annex of tables and provenance (see reports.outline)."""

from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coalition.core.locale import format_date
from coalition.indicators.models import Target
from coalition.indicators.progress import LABELS as PROGRESS
from coalition.reports.blocks import CONFIDENCE_INTERVAL, Cell, Facts, Table, Text
from coalition.reports.models import Edition, Recommendation

UIS_NAMES = {
    # xgettext:no-python-format
    "XGDP.FSGOV": gettext_lazy("Public expenditure on education, % of GDP"),
    # xgettext:no-python-format
    "XGOVEXP.IMF": gettext_lazy("Expenditure on education, % of total public expenditure"),
}


class SectionBlocks:
    """Mixed into the document writer, whose number formatting and numbering it uses."""

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
