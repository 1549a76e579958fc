"""The indicator catalogue, read from data files shipped with the code:

- catalogue/indicators.json: each indicator's names and descriptions (en, fa, ps, km),
  direction, unit, source dataset kind, allowed disaggregations and recipe;
- catalogue/identifiers.csv: the lookup from our stable codes to SDG and UIS numbers,
  which change between UIS releases and are kept apart for that reason.

Recipes are SQL expressions over a canonical dataset's columns with placeholders for the
school system's official ages ({primary_start}, {primary_completion_end}, ...)."""

import csv
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from coalition.indicators.estimation import Ratio
from coalition.indicators.school_system import SchoolSystem

FOLDER = Path(__file__).parent / "catalogue"
DISAGGREGATIONS = ("sex", "location", "wealth", "disability", "province")


@dataclass(frozen=True)
class Indicator:
    code: str
    name: dict[str, str]
    description: dict[str, str]
    direction: str  # "higher" or "lower" is better
    unit: str  # "percent", "ratio", "index"
    source: str  # the dataset kind it is computed from
    disaggregations: tuple[str, ...]
    recipe: dict = field(hash=False)
    sdg_indicator: str = ""
    uis_indicator_id: str = ""

    @property
    def scale(self) -> float:
        """Proportions are published as percentages."""
        return 100.0 if self.unit == "percent" else 1.0

    def label(self, language: str) -> str:
        return self.name.get(language) or self.name["en"]

    def ratio(self, system: SchoolSystem) -> Ratio:
        """The survey ratio of this indicator for a country's school system."""
        values = system.placeholders()
        recipe = self.recipe
        return Ratio(
            code=self.code,
            numerator=recipe["numerator"].format(**values),
            denominator=recipe.get("denominator", "1").format(**values),
            universe=recipe.get("universe", "TRUE").format(**values),
        )


@cache
def catalogue() -> dict[str, Indicator]:
    with open(FOLDER / "identifiers.csv", encoding="utf-8") as source:
        numbers = {row["code"]: row for row in csv.DictReader(source)}
    with open(FOLDER / "indicators.json", encoding="utf-8") as source:
        entries = json.load(source)["indicators"]
    indicators = {}
    for entry in entries:
        number = numbers.get(entry["code"], {})
        indicators[entry["code"]] = Indicator(
            code=entry["code"],
            name=entry["name"],
            description=entry["description"],
            direction=entry["direction"],
            unit=entry["unit"],
            source=entry["source"],
            disaggregations=tuple(entry["disaggregations"]),
            recipe=entry["recipe"],
            sdg_indicator=number.get("sdg_indicator", ""),
            uis_indicator_id=number.get("uis_indicator_id", ""),
        )
    return indicators
