"""The official ages of a school system, from which UIS derives every age-based indicator.

Built from a country's entry ages and durations (geo.Country) by the caller: the engine
itself reads no database."""

from dataclasses import dataclass

# ISCED 2011 levels as the canonical datasets code them.
PREPRIMARY, PRIMARY, LOWER_SECONDARY, UPPER_SECONDARY = 0, 1, 2, 3
LEVELS = {"preprimary": 0, "primary": 1, "lower_secondary": 2, "upper_secondary": 3}


@dataclass(frozen=True)
class SchoolSystem:
    preprimary_entry_age: int
    preprimary_duration: int
    primary_entry_age: int
    primary_duration: int
    lower_secondary_duration: int
    upper_secondary_duration: int

    @classmethod
    def of(cls, country) -> "SchoolSystem":
        return cls(
            country.preprimary_entry_age,
            country.preprimary_duration,
            country.primary_entry_age,
            country.primary_duration,
            country.lower_secondary_duration,
            country.upper_secondary_duration,
        )

    def ages(self, level: str) -> tuple[int, int]:
        """First and last official age of a level, both included."""
        primary = self.primary_entry_age
        lower = primary + self.primary_duration
        upper = lower + self.lower_secondary_duration
        start, duration = {
            "preprimary": (self.preprimary_entry_age, self.preprimary_duration),
            "primary": (primary, self.primary_duration),
            "lower_secondary": (lower, self.lower_secondary_duration),
            "upper_secondary": (upper, self.upper_secondary_duration),
        }[level]
        return start, start + duration - 1

    def duration(self, level: str) -> int:
        first, last = self.ages(level)
        return last - first + 1

    def completion_cohort(self, level: str) -> tuple[int, int]:
        """UIS completion rate: people 3 to 5 years older than the intended age for the
        last grade of the level."""
        _first, last_grade_age = self.ages(level)
        return last_grade_age + 3, last_grade_age + 5

    def placeholders(self) -> dict[str, int]:
        """The values catalogue recipes may name, such as {primary_start}."""
        values = {}
        for level in LEVELS:
            first, last = self.ages(level)
            values[f"{level}_start"], values[f"{level}_end"] = first, last
            values[f"{level}_duration"] = last - first + 1
            if level != "preprimary":
                low, high = self.completion_cohort(level)
                values[f"{level}_completion_start"] = low
                values[f"{level}_completion_end"] = high
        return values
