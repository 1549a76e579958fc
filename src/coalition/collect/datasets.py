"""Submissions flow on to analysis as Parquet datasets: the seam the indicator engine
reads. One dataset per form (`form_<form_id>`): a `data` table and one table per repeat
group, joined by `_submission_id`. Only approved submissions go in, unless the form says
analysis need not wait for approval."""

from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from coalition.collect.exports import tables_of
from coalition.collect.models import Form, SubmissionState
from coalition.collect.schema import value_at
from coalition.warehouse.datasets import Manifest, TableSpec, read_manifest, write_dataset

# Columns about the submission start with "_" so they never clash with a question's name
# (a form may well ask for "province").
KEYS = [
    ("_submission_id", "integer"),
    ("_instance_id", "text"),
    ("_form_version", "text"),
    ("_state", "text"),
    ("_organisation", "text"),
    ("_area", "text"),
    ("_province", "text"),
    ("_received_at", "timestamp"),
]
KIND = {"int": "integer", "decimal": "decimal", "select": "list"}


def _coerce(value, kind: str):
    """Values exactly as declared; anything that does not fit becomes NULL (the data
    quality checks report such values; one bad cell must not stop a whole dataset)."""
    if value is None:
        return None
    if kind == "integer":
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if kind == "decimal":
        return float(value) if isinstance(value, int | float) else None
    if kind == "list":
        return [str(v) for v in value] if isinstance(value, list) else None
    return str(value)


def dataset_name(form: Form) -> str:
    return f"form_{form.form_id}"


def dataset_is_current(form: Form) -> bool:
    """True when nothing that feeds the dataset changed since it was written: no
    submission arrived, was corrected or moved state, and the form's settings stayed."""
    manifest = read_manifest(dataset_name(form))
    if manifest is None:
        return False
    latest = form.submissions.aggregate(latest=Max("updated_at"))["latest"]
    changed = max(form.updated_at, latest) if latest else form.updated_at
    return changed <= datetime.fromisoformat(manifest["written_at"])


# Submissions can arrive by the hundred; one refresh per form within this window covers
# them all, because it runs after the window closes.
REFRESH_WINDOW = timedelta(seconds=30)


def refresh_soon(form_pk: int) -> None:
    """Rewrite the form's dataset once the current transaction commits (with a queue
    that can defer: once per window, at its end)."""
    transaction.on_commit(lambda: _enqueue_refresh(form_pk))


def _enqueue_refresh(form_pk: int) -> None:
    from coalition.collect.tasks import refresh_form_dataset

    task = refresh_form_dataset
    if task.get_backend().supports_defer:
        if not cache.add(f"coalition:dataset-refresh:{form_pk}", True, REFRESH_WINDOW.seconds):
            return  # a refresh is already waiting for the end of this window
        task = task.using(run_after=timezone.now() + REFRESH_WINDOW)
    task.enqueue(form_pk)


def write_form_dataset(form: Form) -> Manifest:
    version = form.current_version
    schema = version.schema if version else {}
    types = schema.get("types", {})
    submissions = form.submissions.select_related(
        "form_version", "organisation", "area", "area__parent"
    ).order_by("pk")
    if form.analysis_requires_approval:
        submissions = submissions.filter(state=SubmissionState.APPROVED)
    else:
        submissions = submissions.exclude(state=SubmissionState.REJECTED)
    specs = []
    tables = tables_of(schema)
    for table in tables:
        prefix = f"{table.path}/" if table.path else ""
        fields = [(f, KIND.get(types.get(prefix + f, ""), "text")) for f in table.fields]
        keys = KEYS if not table.path else [("_submission_id", "integer"), ("_row", "integer")]
        specs.append(TableSpec(name=table.name, columns=[*keys, *fields]))
    ids = []
    for submission in submissions.iterator(chunk_size=2000):
        ids.append(submission.pk)
        area = submission.area
        province = area.parent if area is not None and area.level == "district" else area
        for table, spec in zip(tables, specs, strict=True):
            kinds = dict(spec.columns)
            if not table.path:
                row = {
                    "_submission_id": submission.pk,
                    "_instance_id": submission.instance_id,
                    "_form_version": submission.form_version.version,
                    "_state": submission.state,
                    "_organisation": submission.organisation.slug
                    if submission.organisation_id
                    else None,
                    "_area": area.code if area else None,
                    "_province": province.code if province else None,
                    "_received_at": submission.created_at.isoformat(),
                }
                row |= {f: _coerce(value_at(submission.data, f), kinds[f]) for f in table.fields}
                spec.rows.append(row)
                continue
            repeated = value_at(submission.data, table.path)
            for index, item in enumerate(repeated if isinstance(repeated, list) else [], start=1):
                spec.rows.append(
                    {"_submission_id": submission.pk, "_row": index}
                    | {f: _coerce(value_at(item, f), kinds[f]) for f in table.fields}
                )
    return write_dataset(
        dataset_name(form),
        specs,
        source={
            "form_id": form.form_id,
            "form_versions": sorted(form.versions.values_list("version", flat=True)),
            "only_approved": form.analysis_requires_approval,
            "submission_ids": ids,
        },
    )
