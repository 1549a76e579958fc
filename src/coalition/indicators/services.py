"""Every write of the indicator engine: datasets imported into the warehouse (and, later,
computation runs and their results)."""

import csv
import hashlib
import io
import json
import os
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coalition.core.audit import acting_as
from coalition.core.errors import DomainError
from coalition.indicators.catalogue import catalogue
from coalition.indicators.models import ComputationRun, OfficialImport, OfficialValue, Target
from coalition.indicators.official import read_benchmark_tables, read_bulk_csv
from coalition.indicators.policies import dataset_policy, target_policy
from coalition.indicators.tasks import run_computation_task, run_dataset_import
from coalition.warehouse.datasets import dataset_dir
from coalition.warehouse.importing import FORMATS, ImportFileError, import_file
from coalition.warehouse.kinds import KINDS
from coalition.warehouse.models import Dataset, DatasetVersion

MAX_DATASET_BYTES = 2 * 1024**3  # a large census or survey; imports stream, in chunks


def create_dataset(*, name: str, kind: str, title: str, actor, year=None, source="") -> Dataset:
    dataset_policy.require(actor, "import")
    return new_dataset(name=name, kind=kind, title=title, actor=actor, year=year, source=source)


def new_dataset(*, name: str, kind: str, title: str, actor, year=None, source="") -> Dataset:
    """Without a permission check: for the command line and the demo, run by whoever
    operates the server (actor None)."""
    if kind not in KINDS:
        raise DomainError(_("Unknown dataset kind “%(kind)s”.") % {"kind": kind}, field="kind")
    if Dataset.objects.filter(name=name).exists():
        raise DomainError(_("A dataset with this name exists already."), field="name")
    with transaction.atomic(), acting_as(actor):
        return Dataset.objects.create(name=name, kind=kind, title=title, year=year, source=source)


def start_dataset_import(
    *, dataset: Dataset, file, filename: str, actor, mapping: dict | None = None
) -> DatasetVersion:
    """Keep the file and queue its import as the dataset's next version; the worker reads,
    checks and writes it (large files take minutes)."""
    dataset_policy.require(actor, "import")
    version = new_version(
        dataset=dataset, file=file, filename=filename, actor=actor, mapping=mapping
    )
    transaction.on_commit(lambda: run_dataset_import.enqueue(version.pk))
    return version


def new_version(*, dataset: Dataset, file, filename: str, actor, mapping=None) -> DatasetVersion:
    """The next version of a dataset, its file kept, not yet imported (no permission
    check: see new_dataset)."""
    if not filename.lower().endswith(FORMATS):
        raise DomainError(
            _("Import a file of one of these kinds: %(kinds)s.") % {"kinds": ", ".join(FORMATS)},
            field="file",
        )
    if getattr(file, "size", 0) > MAX_DATASET_BYTES:
        raise DomainError(_("The file is larger than 2 GB."), field="file")
    if not isinstance(mapping or {}, dict):
        raise DomainError(_("The column mapping must be a JSON object."), field="mapping")
    with transaction.atomic(), acting_as(actor):
        # Lock the dataset row so that two imports at once get different numbers.
        Dataset.objects.select_for_update().filter(pk=dataset.pk).first()
        latest = dataset.versions.aggregate(n=Max("number"))["n"] or 0
        version = DatasetVersion(
            dataset=dataset,
            number=latest + 1,
            source_filename=os.path.basename(filename)[:200],
            mapping=mapping or {},
            imported_by=actor,
        )
        version.source_file.save(os.path.basename(filename), File(file), save=False)
        version.save()
    return version


def import_dataset_version(version: DatasetVersion) -> DatasetVersion:
    """Read, check and write one queued version. Called by the task (or the command)."""
    kind = KINDS[version.dataset.kind]
    relative = Path("datasets") / version.dataset.name / f"v{version.number}.parquet"
    target = Path(settings.DATA_DIR) / relative

    def progress(share: float) -> None:
        version.report_progress(int(99 * share))

    DatasetVersion.objects.filter(pk=version.pk).update(status=DatasetVersion.Status.RUNNING)
    # The problem report is read by whoever imported the file: write it in their language.
    language = getattr(version.imported_by, "preferred_language", "") or "en"
    with translation.override(language):
        _import(version, kind, target, relative, progress)
    return version


def _import(version, kind, target, relative, progress) -> None:
    try:
        outcome = import_file(
            Path(version.source_file.path), kind, version.mapping, target, progress
        )
    except ImportFileError as error:
        version.problems = [{"column": "", "message": str(error), "count": 0, "rows": []}]
        version.status = DatasetVersion.Status.FAILED
    else:
        version.source_sha256 = outcome.source_sha256
        version.rows = outcome.rows
        version.problems = [p.__dict__ for p in outcome.problems]
        if outcome.problems:
            version.status = DatasetVersion.Status.FAILED
        else:
            version.status = DatasetVersion.Status.SUCCEEDED
            version.parquet = str(relative)
    version.progress = 100
    version.finished_at = timezone.now()
    version.save()


def read_mapping(text: str) -> dict:
    """A mapping given as JSON text (the command line, the upload form)."""
    try:
        mapping = json.loads(text or "{}")
    except json.JSONDecodeError as error:
        raise DomainError(
            _("The column mapping is not valid JSON: %(error)s") % {"error": error.msg},
            field="mapping",
        ) from error
    if not isinstance(mapping, dict):
        raise DomainError(_("The column mapping must be a JSON object."), field="mapping")
    return mapping


def recompute_after(version: DatasetVersion, actor=None) -> ComputationRun | None:
    """Queue the computation of what a newly imported version affects (its own task, with
    its own progress). A version that failed, or a dataset without a year, gives none."""
    if version.status != DatasetVersion.Status.SUCCEEDED or not version.dataset.year:
        return None
    run = new_run(dataset_version=version, actor=actor)
    transaction.on_commit(lambda: run_computation_task.enqueue(run.pk))
    return run


def new_run(*, dataset_version: DatasetVersion, actor) -> ComputationRun:
    """A queued run (no permission check: see new_dataset)."""
    if dataset_version.status != DatasetVersion.Status.SUCCEEDED:
        raise DomainError(_("This version of the dataset holds no data to compute from."))
    with transaction.atomic(), acting_as(actor):
        return ComputationRun.objects.create(dataset_version=dataset_version, started_by=actor)


def import_official_series(*, content: bytes, filename: str, actor, country) -> OfficialImport:
    """Replace nothing, add a file of official figures for the deployment's country: the
    UIS bulk CSV or the SDG 4 benchmark tables workbook (checked by the caller's policy
    when it comes from the web; the command line passes actor None)."""
    name = filename.lower()
    if name.endswith(".csv"):
        figures, source = read_bulk_csv(content, country.iso3), _("UIS bulk data")
    elif name.endswith(".xlsx"):
        figures = read_benchmark_tables(io.BytesIO(content), country.name_en, country.iso3)
        source = _("UIS SDG 4 benchmark tables")
    else:
        raise DomainError(_("Import a UIS bulk .csv file or the benchmark tables .xlsx."))
    with transaction.atomic(), acting_as(actor):
        batch = OfficialImport.objects.create(
            filename=os.path.basename(filename)[:200],
            sha256=hashlib.sha256(content).hexdigest(),
            source=source,
            imported_by=actor,
            rows=len(figures),
        )
        OfficialValue.objects.bulk_create(
            [OfficialValue(source_file=batch, **figure.__dict__) for figure in figures],
            batch_size=2000,
        )
    return batch


TARGET_COLUMNS = ("indicator", "area", "kind", "year", "value")


def set_target(*, indicator: str, area: str, kind: str, year: int, value: float, actor,
               source: str = "") -> Target:  # fmt: skip
    """Enter or change one target (staff, in the workspace)."""
    target_policy.require(actor, "edit")
    return save_target(
        indicator=indicator, area=area, kind=kind, year=year, value=value, source=source,
        actor=actor,
    )  # fmt: skip


def save_target(*, indicator, area, kind, year, value, source="", actor=None) -> Target:
    """No permission check: see new_dataset."""
    if indicator not in catalogue():
        raise DomainError(_("Unknown indicator “%(code)s”.") % {"code": indicator})
    if kind not in Target.Kind.values:
        raise DomainError(_("A target's kind is “plan” or “benchmark”."))
    with transaction.atomic(), acting_as(actor):
        target, _created = Target.objects.update_or_create(
            indicator=indicator,
            area=area.upper(),
            kind=kind,
            year=year,
            defaults={"value": value, "source": source[:300], "entered_by": actor},
        )
    return target


def delete_target(*, target: Target, actor) -> None:
    target_policy.require(actor, "edit")
    with transaction.atomic(), acting_as(actor):
        target.delete()


def upload_targets(*, content: bytes, actor) -> int:
    """A targets CSV from the workspace: as import_targets, for the secretariat."""
    target_policy.require(actor, "edit")
    return import_targets(content=content, actor=actor)


def import_targets(*, content: bytes, actor) -> int:
    """Targets from a CSV with the columns indicator, area, kind, year, value (and an
    optional source): all rows or none, each problem named by its line."""
    try:
        rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    except UnicodeDecodeError as error:
        raise DomainError(_("The file is not UTF-8.")) from error
    if not rows or not set(TARGET_COLUMNS) <= set(rows[0]):
        raise DomainError(
            _("A targets file has the columns %(columns)s.")
            % {"columns": ", ".join(TARGET_COLUMNS)}
        )
    with transaction.atomic():
        for line, row in enumerate(rows, start=2):
            try:
                year, value = int(row["year"]), float(row["value"])
            except ValueError as error:
                raise DomainError(
                    _("Line %(line)s: the year or value is not a number.") % {"line": line}
                ) from error
            try:
                save_target(
                    indicator=row["indicator"].strip(), area=row["area"].strip(),
                    kind=row["kind"].strip(), year=year, value=value,
                    source=(row.get("source") or "").strip(), actor=actor,
                )  # fmt: skip
            except DomainError as error:
                raise DomainError(
                    _("Line %(line)s: %(problem)s") % {"line": line, "problem": error}
                ) from error
    return len(rows)


def connect_form(
    *, name: str, kind: str, title: str, form_dataset: str, actor, mapping=None, year=None,
    table: str = "data",
) -> Dataset:  # fmt: skip
    """A dataset fed by a form's approved submissions (collect writes them to the
    warehouse as `form_<form id>`), mapped onto a canonical kind like any file. It takes
    the form's current data now and every later refresh."""
    dataset_policy.require(actor, "import")
    return new_form_fed_dataset(
        name=name, kind=kind, title=title, form_dataset=form_dataset, actor=actor,
        mapping=mapping, year=year, table=table,
    )  # fmt: skip


def new_form_fed_dataset(
    *, name, kind, title, form_dataset, actor, mapping=None, year=None, table="data"
) -> Dataset:
    """connect_form without the permission check (see new_dataset)."""
    dataset = new_dataset(name=name, kind=kind, title=title, actor=actor, year=year)
    dataset.form_dataset, dataset.form_table = form_dataset, table
    dataset.mapping = mapping or {}
    dataset.save(update_fields=["form_dataset", "form_table", "mapping"])
    if (dataset_dir(form_dataset) / f"{table}.parquet").exists():
        recompute_after(import_from_form(dataset, actor=actor), actor=actor)
    return dataset


def import_from_form(dataset: Dataset, actor=None) -> DatasetVersion:
    """The form's current table as the dataset's next version (no permission check: the
    worker runs it after a refresh)."""
    path = dataset_dir(dataset.form_dataset) / f"{dataset.form_table}.parquet"
    if not path.exists():
        raise DomainError(_("The form has no data in the warehouse yet."))
    with open(path, "rb") as content:
        version = new_version(
            dataset=dataset, file=content, filename=path.name, actor=actor,
            mapping=dataset.mapping,
        )  # fmt: skip
    return import_dataset_version(version)
