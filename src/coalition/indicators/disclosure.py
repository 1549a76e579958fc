"""Disclosure control and reliability, in one place: every path that lets a figure out
(API, pages, reports, exports) passes it through `protect`.

- A survey cell with fewer than `min_survey_n` unweighted observations is suppressed: its
  estimate would be too imprecise and could single out households.
- A count cell (administrative data) below `min_count` is suppressed: it could identify a
  school or a child.
- A survey estimate whose coefficient of variation exceeds `max_cv` is flagged unreliable
  (shown, with the flag).

Thresholds come from settings.COALITION_DISCLOSURE, so a coalition can be stricter."""

from dataclasses import dataclass, replace

SUPPRESSED = "suppressed"
UNRELIABLE = "unreliable"
DEFAULTS = {"min_survey_n": 25, "min_count": 5, "max_cv": 0.30}


@dataclass(frozen=True)
class Thresholds:
    min_survey_n: int = DEFAULTS["min_survey_n"]
    min_count: int = DEFAULTS["min_count"]
    max_cv: float = DEFAULTS["max_cv"]

    @classmethod
    def from_settings(cls) -> "Thresholds":
        from django.conf import settings

        return cls(**{**DEFAULTS, **getattr(settings, "COALITION_DISCLOSURE", {})})


@dataclass(frozen=True)
class Figure:
    """One figure on its way out: a survey estimate (with n and SE) or a ratio of counts
    (with its numerator and denominator counts)."""

    value: float | None
    source: str  # "survey" or "count"
    n: int | None = None
    se: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    flags: frozenset[str] = frozenset()

    @property
    def cv(self) -> float | None:
        if self.se is None or not self.value:
            return None
        return self.se / abs(self.value)


def protect(figure: Figure, thresholds: Thresholds | None = None) -> Figure:
    """The figure as it may be shown: suppressed cells keep no value, SE, interval or
    counts (only the flag), unreliable ones keep everything and say so."""
    limits = thresholds or Thresholds.from_settings()
    if _too_few(figure, limits):
        return Figure(value=None, source=figure.source, flags=figure.flags | {SUPPRESSED})
    if figure.source == "survey" and figure.cv is not None and figure.cv > limits.max_cv:
        return replace(figure, flags=figure.flags | {UNRELIABLE})
    return figure


def _too_few(figure: Figure, limits: Thresholds) -> bool:
    if figure.source == "survey":
        return figure.n is None or figure.n < limits.min_survey_n
    counts = [c for c in (figure.numerator, figure.denominator) if c is not None]
    # A numerator of zero reveals nothing about anyone; small positive counts do.
    return any(0 < c < limits.min_count for c in counts) or not counts
