"""The staff dashboards' figures: how data collection goes by form, province and
organisation, what waits at each review level, and the last computations. Every count
starts from Submission.objects.visible_to(user), so a reviewer's dashboard holds their
provinces' submissions and nothing else."""

from dataclasses import dataclass, field

from django.db.models import Case, Count, F, Max, Q, When

from coalition.collect.models import QualitySettings, Submission, SubmissionState
from coalition.geo.models import Area
from coalition.indicators.models import ComputationRun
from coalition.network.models import Organisation

STATES = [state for state, _label in SubmissionState.choices]


@dataclass
class Line:
    """Counts of one form, province or organisation."""

    key: object
    label: str
    by_state: dict[str, int] = field(default_factory=dict)
    total: int = 0
    last: object = None
    # Forms only: how many of the organisations expected to report have sent anything
    # (not rejected), of how many; None when the form expects no one in particular.
    reporting: tuple[int, int] | None = None

    @property
    def states(self) -> list[int]:
        return [self.by_state.get(state, 0) for state in STATES]


def _counted(submissions, key: str) -> dict:
    """{key value: Line without label} with counts by state and the last received."""
    lines: dict = {}
    rows = submissions.values(key, "state").annotate(count=Count("pk"), last=Max("created_at"))
    for row in rows:
        line = lines.setdefault(row[key], Line(row[key], ""))
        line.by_state[row["state"]] = row["count"]
        line.total += row["count"]
        line.last = max(filter(None, [line.last, row["last"]]), default=None)
    return lines


def by_form(submissions) -> list[Line]:
    lines = _counted(submissions, "form__form_id")
    titles = dict(submissions.values_list("form__form_id", "form__title").distinct())
    for form_id, line in lines.items():
        line.label = titles.get(form_id, form_id)
    for form_id, expected in expected_organisations(lines).items():
        reported = set(
            submissions.filter(form__form_id=form_id, organisation_id__in=expected)
            .exclude(state=SubmissionState.REJECTED)
            .values_list("organisation_id", flat=True)
        )
        lines[form_id].reporting = (len(reported), len(expected))
    return sorted(lines.values(), key=lambda line: line.label)


def expected_organisations(form_ids) -> dict[str, set[int]]:
    """{form id: ids of the organisations expected to report}, for the forms whose
    quality settings name any (the same list the form's quality page checks)."""
    expected: dict[str, set[int]] = {}
    rows = QualitySettings.objects.filter(form__form_id__in=list(form_ids)).values_list(
        "form__form_id", "expected_organisations"
    )
    for form_id, organisation_id in rows:
        if organisation_id is not None:
            expected.setdefault(form_id, set()).add(organisation_id)
    return expected


def by_province(submissions) -> list[Line]:
    """A submission from a district counts for its province."""
    province = Case(When(area__level="district", then=F("area__parent_id")), default=F("area_id"))
    lines = _counted(submissions.annotate(province=province), "province")
    names = {a.pk: a.name for a in Area.objects.filter(pk__in=[k for k in lines if k])}
    for pk, line in lines.items():
        line.label = names.get(pk, "")
    return sorted(lines.values(), key=lambda line: (line.key is None, line.label))


def by_organisation(submissions) -> list[Line]:
    lines = _counted(submissions, "organisation_id")
    names = {o.pk: o.name for o in Organisation.objects.filter(pk__in=[k for k in lines if k])}
    for pk, line in lines.items():
        line.label = names.get(pk, "")
    return sorted(lines.values(), key=lambda line: (line.key is None, line.label))


@dataclass
class Queue:
    """What waits for review, by level: the provincial reviewer endorses first, then the
    secretariat approves or rejects."""

    awaiting_reviewer: int
    awaiting_secretariat: int
    has_issues: int


QUEUE_COUNTS = {
    "awaiting_reviewer": Count(
        "pk", filter=Q(state=SubmissionState.RECEIVED, endorsed_by__isnull=True)
    ),
    "awaiting_secretariat": Count(
        "pk", filter=Q(state=SubmissionState.RECEIVED, endorsed_by__isnull=False)
    ),
    "has_issues": Count("pk", filter=Q(state=SubmissionState.HAS_ISSUES)),
}


def review_queue(submissions) -> Queue:
    return Queue(**submissions.aggregate(**QUEUE_COUNTS))


def queue_by_form(submissions) -> list[tuple[str, str, Queue]]:
    """(form id, title, queue) of each form with anything waiting."""
    waiting = submissions.filter(state__in=[SubmissionState.RECEIVED, SubmissionState.HAS_ISSUES])
    rows = (
        waiting.values("form__form_id", "form__title")
        .annotate(**QUEUE_COUNTS)
        .order_by("form__title")
    )
    return [
        (row["form__form_id"], row["form__title"], Queue(**{k: row[k] for k in QUEUE_COUNTS}))
        for row in rows
    ]


def overview(user) -> dict:
    submissions = Submission.objects.visible_to(user)
    return {
        "by_form": by_form(submissions),
        "by_province": by_province(submissions),
        "by_organisation": by_organisation(submissions),
        "queue": review_queue(submissions),
        "queue_by_form": queue_by_form(submissions),
    }


def last_computations(limit: int = 10) -> list[ComputationRun]:
    return list(
        ComputationRun.objects.select_related("dataset_version__dataset").order_by("-pk")[:limit]
    )
