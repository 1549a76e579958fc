"""Data quality of a form's submissions: validation rules, robust outliers, likely
duplicates and completeness against the organisations expected to report.

Pure functions over submissions' typed data: no writes, so the page can run them on
demand and the same code can later run in a task for very large forms.
"""

import operator
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass

from coalition.collect.schema import value_at

OPERATORS = {
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
    ">=": operator.ge,
    ">": operator.gt,
}
TERM = re.compile(r"^[A-Za-z_][\w/]*$|^-?\d+(\.\d+)?$")
OUTLIER_THRESHOLD = 3.5  # Iglewicz and Hoaglin's cut-off for the modified z-score


class RuleError(ValueError):
    pass


def parse_side(text: str) -> list[str]:
    """'female + male' → ['female', 'male']; numbers and question paths only."""
    terms = [t.strip() for t in text.split("+")]
    if not terms or not all(TERM.match(t) for t in terms):
        raise RuleError(f"“{text}”: use numbers and question names joined by +")
    return terms


def side_value(terms: list[str], data: dict):
    total = 0.0
    for term in terms:
        if re.match(r"^-?\d+(\.\d+)?$", term):
            total += float(term)
            continue
        value = value_at(data, term)
        if not isinstance(value, int | float) or isinstance(value, bool):
            return None  # missing or not a number: the rule cannot be judged
        total += value
    return total


def rule_fails(rule, data: dict) -> bool:
    left = side_value(parse_side(rule.left), data)
    right = side_value(parse_side(rule.right), data)
    if left is None or right is None:
        return False
    return not OPERATORS[rule.operator](left, right)


def failed_rules(rules, submission) -> list:
    return [rule for rule in rules if rule_fails(rule, submission.data)]


@dataclass
class Outlier:
    submission: object
    field: str
    value: float
    score: float


def outliers(submissions, fields: list[str]) -> list[Outlier]:
    """Values whose modified z-score 0.6745·(x − median)/MAD exceeds 3.5: robust to the
    very outliers it looks for, unlike mean and standard deviation."""
    found = []
    for field in fields:
        values = [(s, value_at(s.data, field)) for s in submissions]
        numbers = [
            (s, float(v))
            for s, v in values
            if isinstance(v, int | float) and not isinstance(v, bool)
        ]
        if len(numbers) < 5:
            continue
        median = statistics.median(v for _s, v in numbers)
        mad = statistics.median(abs(v - median) for _s, v in numbers)
        if mad == 0:
            continue
        for submission, value in numbers:
            score = 0.6745 * (value - median) / mad
            if abs(score) > OUTLIER_THRESHOLD:
                found.append(Outlier(submission, field, value, round(score, 1)))
    return sorted(found, key=lambda o: -abs(o.score))


def duplicates(submissions, key_fields: list[str]) -> list[list]:
    """Groups of submissions equal on every key field (ignoring case and spaces)."""
    if not key_fields:
        return []
    groups = defaultdict(list)
    for submission in submissions:
        key = tuple(str(value_at(submission.data, f) or "").strip().casefold() for f in key_fields)
        if any(key):
            groups[key].append(submission)
    return [group for group in groups.values() if len(group) > 1]


def completeness(submissions, expected, period_field: str) -> tuple[list, list[dict]]:
    """Which expected organisation reported in which period: (periods, rows)."""
    reported = defaultdict(set)
    periods = set()
    for submission in submissions:
        period = str(value_at(submission.data, period_field) or "") if period_field else ""
        periods.add(period)
        if submission.organisation_id:
            reported[submission.organisation_id].add(period)
    ordered = sorted(periods)
    rows = [
        {
            "organisation": org,
            "periods": [p in reported[org.pk] for p in ordered],
            "share": (sum(p in reported[org.pk] for p in ordered) / len(ordered))
            if ordered
            else 0.0,
        }
        for org in expected
    ]
    return ordered, rows


def numeric_fields(schema: dict) -> list[str]:
    repeats = schema.get("repeats", [])
    return [
        path
        for path, kind in schema.get("types", {}).items()
        if kind in ("int", "decimal") and not any(path.startswith(r + "/") for r in repeats)
    ]
