"""coalition indicators compute [--dataset NAME]
coalition indicators show CODE [--by sex,province] [--format table|csv]"""

import csv
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from coalition.core.errors import DomainError
from coalition.geo.models import Country
from coalition.indicators.catalogue import DISAGGREGATIONS, catalogue
from coalition.indicators.computing import run_computation
from coalition.indicators.estimation import Design, EstimationError, Ratio, estimate
from coalition.indicators.models import Result, Target
from coalition.indicators.official import match
from coalition.indicators.progress import classify, thresholds_from_settings
from coalition.indicators.publishing import FIELDS, published_rows
from coalition.indicators.services import import_official_series, import_targets, new_run
from coalition.warehouse.adapter import WarehouseError, csv_to_parquet
from coalition.warehouse.models import Dataset


class Command(BaseCommand):
    help = "Compute the indicator catalogue from datasets, and show results."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        compute = commands.add_parser("compute", help="compute from every dataset, or one")
        compute.add_argument("--dataset", help="a dataset's name")
        show = commands.add_parser("show", help="an indicator's current results")
        show.add_argument("code", help="an indicator code (coalition indicators list)")
        show.add_argument("--by", default="", help=f"comma-separated: {', '.join(DISAGGREGATIONS)}")
        show.add_argument("--format", choices=["table", "csv"], default="table")
        commands.add_parser("list", help="the catalogue")
        official = commands.add_parser(
            "official", help="import official UIS figures (bulk .csv or benchmark tables .xlsx)"
        )
        official.add_argument("file", type=Path)
        targets = commands.add_parser(
            "targets", help="import targets: CSV with indicator, area, kind, year, value"
        )
        targets.add_argument("file", type=Path)
        survey = commands.add_parser(
            "estimate",
            help="a survey ratio or mean with its standard error, on any CSV or Parquet file",
        )
        survey.add_argument("file", type=Path)
        survey.add_argument("--weight", required=True)
        survey.add_argument("--strata")
        survey.add_argument("--psu")
        survey.add_argument("--fpc", help="PSUs in the stratum's population, or the fraction")
        survey.add_argument("--lonely-psu", default="adjust", help="as survey.lonely.psu")
        survey.add_argument("--numerator", required=True, help="a column or SQL expression")
        survey.add_argument("--denominator", default="1", help="1 for a mean or proportion")
        survey.add_argument("--universe", default="TRUE", help="an SQL condition (subset)")
        survey.add_argument("--by", default="", help="comma-separated grouping columns")
        progress = commands.add_parser("progress", help="progress towards every target")
        progress.add_argument("code", nargs="?", help="one indicator only")

    def handle(self, *args, action, **options):
        return getattr(self, action)(**options)

    def list(self, **_options):
        for indicator in catalogue().values():
            self.stdout.write(
                f"{indicator.code}\t{indicator.sdg_indicator}\t{indicator.uis_indicator_id}"
                f"\t{indicator.label('en')}"
            )

    def official(self, *, file, **_options):
        if not file.is_file():
            raise CommandError(f"no such file: {file}")
        country = Country.objects.get(code=settings.COALITION_COUNTRY)
        try:
            batch = import_official_series(
                content=file.read_bytes(), filename=file.name, actor=None, country=country
            )
        except DomainError as error:
            raise CommandError(str(error)) from error
        matched = sum(1 for v in batch.values.all() if match(v.uis_indicator_id))
        self.stdout.write(
            f"{batch.rows} official figures for {country.iso3} "
            f"({matched} next to indicators of the catalogue)"
        )

    def estimate(self, *, file, weight, strata, psu, fpc, lonely_psu, numerator, denominator,
                 universe, by, **_options):  # fmt: skip
        """For checking the engine against other software on any data: one ratio, by the
        groupings asked, as CSV."""
        if not file.is_file():
            raise CommandError(f"no such file: {file}")
        groups = [()] + [(c.strip(),) for c in by.split(",") if c.strip()]
        try:
            design = Design(weight=weight, strata=strata, psu=psu, fpc=fpc, lonely_psu=lonely_psu)
            ratio = Ratio("estimate", numerator, denominator, universe)
            with tempfile.TemporaryDirectory() as folder:
                estimates = estimate(_as_parquet(file, Path(folder)), design, [ratio], groups)
        except (EstimationError, WarehouseError) as error:
            raise CommandError(str(error)) from error
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(["group", "value", "estimate", "se", "ci_low", "ci_high", "n", "deff"])
        for e in estimates:
            column, value = e.group[0] if e.group else ("", "")
            writer.writerow([column, value, e.value, e.se, e.ci_low, e.ci_high, e.n, e.deff])

    def targets(self, *, file, **_options):
        if not file.is_file():
            raise CommandError(f"no such file: {file}")
        try:
            count = import_targets(content=file.read_bytes(), actor=None)
        except DomainError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{count} targets")

    def progress(self, *, code=None, **_options):
        targets = Target.objects.all()
        if code:
            targets = targets.filter(indicator=code)
        indicators = catalogue()
        for target in targets:
            indicator = indicators.get(target.indicator)
            if indicator is None:
                continue
            observed = dict(
                Result.objects.current()
                .filter(indicator=target.indicator, measure="value", cell="", area=target.area)
                .values_list("year", "value")
            )
            result = classify(
                observed,
                target.year,
                target.value,
                lower_is_better=indicator.direction == "lower",
                thresholds=thresholds_from_settings(),
            )
            self.stdout.write(
                f"{target.indicator}\t{target.area}\t{target.kind} {target.year}: "
                f"{target.value:g}\t{result.status}\t{result.label}"
            )

    def compute(self, *, dataset=None, **_options):
        datasets = Dataset.objects.all()
        if dataset:
            datasets = datasets.filter(name=dataset)
            if not datasets:
                raise CommandError(f"no dataset named {dataset}")
        for each in datasets:
            version = each.current_version()
            if version is None:
                self.stdout.write(f"{each.name}: no data yet")
                continue
            try:
                run = run_computation(new_run(dataset_version=version, actor=None))
            except DomainError as error:
                raise CommandError(str(error)) from error
            if run.error:
                raise CommandError(f"{each.name}: {run.error}")
            self.stdout.write(f"{each.name} v{version.number}: {run.results_count} results")

    def show(self, *, code, by, format, **_options):
        if code not in catalogue():
            raise CommandError(f"unknown indicator {code}: see coalition indicators list")
        columns = {c.strip() for c in by.split(",") if c.strip()}
        unknown = columns - set(DISAGGREGATIONS)
        if unknown:
            raise CommandError(f"cannot disaggregate by {', '.join(sorted(unknown))}")
        rows = published_rows(code, columns)
        if format == "csv":
            writer = csv.DictWriter(self.stdout, FIELDS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
            return
        for row in rows:
            self.stdout.write("\t".join("" if row[f] is None else str(row[f]) for f in FIELDS))


def _as_parquet(file: Path, folder: Path) -> Path:
    if file.suffix.lower() == ".parquet":
        return file
    target = folder / "data.parquet"
    csv_to_parquet(file, target)
    return target
