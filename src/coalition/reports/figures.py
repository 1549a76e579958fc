"""Every figure an edition shows, gathered as plain data (JSON): read live from the
current results until the edition is approved, then frozen in its Snapshot.

Figures come through portal.figures and indicators.publishing, so disclosure control is
applied exactly as on the portal: a suppressed cell carries its flag and no number. Labels
are not stored, only codes: one snapshot serves every language."""

from pathlib import Path

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from coalition.collect.models import Submission, SubmissionState
from coalition.geo.models import Area
from coalition.indicators.catalogue import catalogue
from coalition.indicators.disclosure import Thresholds
from coalition.indicators.models import OfficialValue, Result, Target
from coalition.indicators.progress import Progress
from coalition.network.models import Organisation
from coalition.portal import figures as portal
from coalition.warehouse.adapter import read_parquet
from coalition.warehouse.models import DatasetVersion

# Financing benchmarks (Incheon Declaration, Education 2030 Framework for Action): at
# least 4-6% of GDP and at least 15-20% of total public expenditure on education.
FINANCING = (("XGDP.FSGOV", 4.0), ("XGOVEXP.IMF", 15.0))


def figures_of(edition) -> dict:
    """The frozen figures of an approved edition, else the live ones."""
    snapshot = getattr(edition, "snapshot", None) if edition.pk else None
    if edition.is_frozen and snapshot is not None:
        return snapshot.data
    return collect(edition)


def codes_of(edition) -> list[str]:
    """The indicators the edition shows in full (chapter by chapter, in order)."""
    seen: dict[str, None] = {}
    for section in edition.sections.all():
        for code in section.indicators:
            if code in catalogue():
                seen[code] = None
    return list(seen)


def collect(edition) -> dict:
    national = portal.latest_national()
    blocks: dict[str, dict] = {}  # each indicator gathered once, whichever part needs it

    def block(code: str) -> dict:
        if code not in blocks:
            blocks[code] = indicator_block(code)
        return blocks[code]

    def provenance_of(code: str) -> list[dict]:
        return blocks[code]["provenance"] if code in blocks else provenance(code)

    chapters = {code: block(code) for code in codes_of(edition)}
    targeted = set(Target.objects.filter(area=portal.country()).values_list("indicator", flat=True))
    return {
        "taken_at": timezone.now().isoformat(),
        "country": portal.country(),
        "indicators": chapters,
        # The JSR's indicator annex: each indicator with a national plan target (or an
        # SDG 4 benchmark) beside its latest figure and progress class.
        "plan_targets": [
            {"indicator": code, **block(code)} for code in catalogue() if code in targeted
        ],
        "annex": annex_rows(national, provenance_of),
        "sources": sources(),
        "disclosure": Thresholds.from_settings().__dict__,
        "facts": facts(national),
        "financing": financing(),
        "participation": participation(edition.year),
    }


def indicator_block(code: str) -> dict:
    """One indicator as a chapter shows it: trend, official series, targets with their
    progress class, and for the latest year the breakdowns with parity and the provinces."""
    overview = portal.overview(code)
    latest = overview.latest
    year = latest["year"] if latest else None
    block = {
        "trend": overview.trend,
        "official": {str(year): value for year, value in overview.official.items()},
        "targets": [
            {
                "kind": each.target.kind,
                "year": each.target.year,
                "value": each.target.value,
                "source": each.target.source,
                "progress": {
                    "status": each.progress.status,
                    "observed_per_year": each.progress.observed_per_year,
                    "needed_per_year": each.progress.needed_per_year,
                },
            }
            for each in overview.targets
        ],
        "year": year,
        "breakdowns": [],
        "national": None,
        "provinces": [],
        "provenance": provenance(code),
    }
    if year is not None:
        block["breakdowns"] = [
            {
                "dimension": b.dimension,
                "groups": [
                    {"group": g.row["cell"].split("=", 1)[1], "row": g.row} for g in b.groups
                ],
                "parity": b.parity,
            }
            for b in portal.breakdowns(code, year)
        ]
        national_row, groups = portal.provinces(code, year)
        block["national"] = national_row
        block["provinces"] = [
            {"area": g.row["area"], "row": g.row, "comparison": g.comparison} for g in groups
        ]
    return block


def provenance(code: str) -> list[dict]:
    """The computation runs behind the indicator's current national figures and the
    dataset versions each read, as data."""
    found = []
    for run in portal.provenance(code):
        found.append(
            {
                "run": run.pk,
                "finished_at": run.finished_at.isoformat() if run.finished_at else None,
                "inputs": [
                    {
                        "dataset": version.dataset.name,
                        "title": version.dataset.title,
                        "version": version.number,
                        "sha256": version.source_sha256,
                        "file": version.source_filename,
                    }
                    for version in sorted(run.inputs.all(), key=lambda v: v.pk)
                ],
            }
        )
    return found


def annex_rows(national: dict[str, dict], provenance_of=provenance) -> list[dict]:
    """Every indicator's latest national figure that may be shown, with its runs."""
    return [
        {"indicator": code, "row": national[code], "provenance": provenance_of(code)}
        for code in catalogue()
        if code in national
    ]


def sources() -> list[dict]:
    """The datasets the current results were computed from, with what describes their
    sample: rows, and for a survey its households, clusters, strata and weights."""
    runs = Result.objects.current().values("run")
    versions = (
        DatasetVersion.objects.filter(used_by__in=runs)
        .select_related("dataset")
        .distinct()
        .order_by("dataset__name")
    )
    return [
        {
            "dataset": version.dataset.name,
            "kind": version.dataset.kind,
            "title": version.dataset.title,
            "year": version.dataset.year,
            "source": version.dataset.source,
            "version": version.number,
            "rows": version.rows,
            "sha256": version.source_sha256,
            "design": survey_design(version) if version.dataset.kind == "household_persons" else {},
        }
        for version in versions
    ]


def survey_design(version) -> dict:
    if not version.parquet:
        return {}
    path = Path(settings.DATA_DIR) / version.parquet
    if not path.exists():
        return {}
    households, clusters, strata, weights = read_parquet(
        path,
        "SELECT count(DISTINCT household), count(DISTINCT stratum || '/' || psu), "
        "count(DISTINCT stratum), sum(weight) FROM dataset",
    )[0]
    return {
        "households": households,
        "clusters": clusters,
        "strata": strata,
        "weighted_persons": round(weights or 0),
    }


def facts(national: dict[str, dict]) -> dict:
    members = Organisation.objects.public().members()
    return {
        "provinces": Area.objects.of_deployment().provinces().count(),
        "members": members.count(),
        "provinces_with_members": Area.objects.of_deployment()
        .provinces()
        .filter(Q(organisations__in=members) | Q(children__organisations__in=members))
        .distinct()
        .count(),
        "headline": [
            {"indicator": code, "row": national[code]}
            for code in portal.headline_codes()
            if code in national
        ],
    }


def financing() -> list[dict]:
    """Official figures only: the deployment's official imports hold its own country."""
    out = []
    for uis_id, benchmark in FINANCING:
        values = OfficialValue.objects.filter(uis_indicator_id=uis_id).order_by("year")
        series = {str(v.year): v.value for v in values if v.value is not None}
        out.append({"uis_indicator_id": uis_id, "benchmark": benchmark, "series": series})
    return out


def participation(year: int) -> dict:
    """The network behind the figures: who sent approved data in the edition's year."""
    approved = Submission.objects.filter(state=SubmissionState.APPROVED, created_at__year=year)
    by_form = (
        approved.values("form__title")
        .annotate(submissions=Count("pk"), organisations=Count("organisation", distinct=True))
        .order_by("form__title")
    )
    return {
        "approved_submissions": approved.count(),
        "organisations": approved.exclude(organisation=None)
        .values("organisation")
        .distinct()
        .count(),
        "forms": [
            {
                "form": row["form__title"],
                "submissions": row["submissions"],
                "organisations": row["organisations"],
            }
            for row in by_form
        ],
    }


def progress_of(target: dict) -> Progress:
    p = target["progress"]
    return Progress(p["status"], p["observed_per_year"], p["needed_per_year"])
