"""Progress towards a target (a national plan target or an SDG 4 national benchmark).

Method (docs/indicators.md): with a first observation v₀ in year t₀, the latest v₁ in year
t₁ and a target V for year T, the observed annual change (v₁ − v₀)/(t₁ − t₀) is compared
with the change needed from the first observation, (V − v₀)/(T − t₀). For indicators where
lower is better, both are taken as decreases. Their ratio q gives the class:

- fast: the target is reached already, or q ≥ `fast` (1: at least the pace needed);
- average: q ≥ `average` (0.5: at least half that pace);
- slow: q > 0;
- no progress or regress: q ≤ 0;
- insufficient data: a single year observed; no data: nothing observed.

Thresholds come from settings.COALITION_PROGRESS."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

FAST, AVERAGE, SLOW, NO_PROGRESS = "fast", "average", "slow", "no_progress"
INSUFFICIENT, NO_DATA = "insufficient_data", "no_data"
LABELS = {
    FAST: _("Fast progress"),
    AVERAGE: _("Average progress"),
    SLOW: _("Slow progress"),
    NO_PROGRESS: _("No progress or regress"),
    INSUFFICIENT: _("Insufficient data"),
    NO_DATA: _("No data"),
}
DEFAULTS = {"fast": 1.0, "average": 0.5}


@dataclass(frozen=True)
class Progress:
    status: str
    observed_per_year: float | None = None
    needed_per_year: float | None = None
    first: tuple[int, float] | None = None
    latest: tuple[int, float] | None = None

    @property
    def label(self) -> str:
        return str(LABELS[self.status])


def thresholds_from_settings() -> dict:
    from django.conf import settings

    return {**DEFAULTS, **getattr(settings, "COALITION_PROGRESS", {})}


def classify(
    observations: dict[int, float],
    target_year: int,
    target_value: float,
    lower_is_better: bool = False,
    thresholds: dict | None = None,
) -> Progress:
    """`observations` maps years to values (missing values left out)."""
    limits = {**DEFAULTS, **(thresholds or {})}
    years = sorted(y for y, v in observations.items() if v is not None)
    if not years:
        return Progress(NO_DATA)
    first = (years[0], observations[years[0]])
    latest = (years[-1], observations[years[-1]])
    sign = -1.0 if lower_is_better else 1.0
    if sign * (latest[1] - target_value) >= 0:
        return Progress(FAST, first=first, latest=latest)  # reached already
    if len(years) < 2:
        return Progress(INSUFFICIENT, first=first, latest=latest)
    observed = sign * (latest[1] - first[1]) / (latest[0] - first[0])
    if target_year <= first[0]:
        # A target dated before the first observation: only the direction can be judged.
        needed = None
        ratio = 1.0 if observed > 0 else 0.0
    else:
        needed = sign * (target_value - first[1]) / (target_year - first[0])
        ratio = observed / needed if needed > 0 else 0.0
    if ratio >= limits["fast"]:
        status = FAST
    elif ratio >= limits["average"]:
        status = AVERAGE
    elif ratio > 0:
        status = SLOW
    else:
        status = NO_PROGRESS
    return Progress(
        status,
        observed_per_year=sign * observed,
        needed_per_year=None if needed is None else sign * needed,
        first=first,
        latest=latest,
    )
