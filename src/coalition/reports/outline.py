"""The outline of each kind of report: its sections in order, what each shows besides its
narrative, and the indicators a chapter starts with (the editors change the list).

Kinds of section:
- narrative: text only (summary, the coalition's position);
- methods: text, then the sources with their sample sizes and weights, and the
  suppression rules;
- facts: the country facts box;
- chapter: one SDG 4 target: an indicator table, then per indicator a chart, a province
  map and its disaggregation with parity, then the grassroots evidence;
- financing: the 4%-of-GDP and 15%-of-public-expenditure benchmarks, where data exists;
- participation: the network behind the report (members, provinces, submissions);
- recommendations: recommendations to named duty-bearers;
- followup: the previous review's recommendations with their status (JSR);
- plan_annex: every indicator with a national plan target against it (JSR);
- annex: every indicator's latest figure, and where each came from.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from coalition.indicators.catalogue import catalogue


@dataclass(frozen=True)
class SectionSpec:
    key: str
    kind: str
    title: str
    target: str = ""
    indicators: tuple[str, ...] = ()


TARGET_TITLES = {
    "4.1": _("Target 4.1: Primary and secondary education"),
    "4.2": _("Target 4.2: Early childhood and pre-primary education"),
    "4.3": _("Target 4.3: Technical, vocational, tertiary and adult education"),
    "4.6": _("Target 4.6: Youth and adult literacy"),
    "4.a": _("Target 4.a: Education facilities and learning environments"),
    "4.c": _("Target 4.c: Teachers"),
}

CHAPTERS = {
    "4.1": (
        "completion_primary",
        "completion_lower_secondary",
        "completion_upper_secondary",
        "out_of_school_primary_survey",
        "out_of_school_lower_secondary_survey",
        "over_age_primary_survey",
        "ger_primary",
        "intake_last_grade_primary",
    ),
    "4.2": ("participation_before_primary_survey", "ger_preprimary"),
    "4.3": ("participation_education_training",),
    "4.6": ("literacy_youth", "literacy_adult"),
    "4.a": (
        "schools_electricity_primary",
        "schools_drinking_water_primary",
        "schools_single_sex_toilets_primary",
        "schools_internet_lower_secondary",
    ),
    "4.c": (
        "trained_teachers_primary",
        "qualified_teachers_primary",
        "pupil_trained_teacher_ratio_primary",
    ),
}

SPOTLIGHT = (
    SectionSpec("summary", "narrative", _("Summary")),
    SectionSpec("methods", "methods", _("Methods and data")),
    SectionSpec("facts", "facts", _("Country facts")),
    *(
        SectionSpec(f"target-{target}", "chapter", title, target, CHAPTERS[target])
        for target, title in TARGET_TITLES.items()
    ),
    SectionSpec("financing", "financing", _("Financing education")),
    SectionSpec("participation", "participation", _("Civil-society participation")),
    SectionSpec("recommendations", "recommendations", _("Recommendations")),
    SectionSpec("annex", "annex", _("Annex: tables and provenance")),
)

JSR = (
    SectionSpec("position", "narrative", _("The coalition's position")),
    SectionSpec("plan-annex", "plan_annex", _("Indicator annex against the national plan")),
    SectionSpec("followup", "followup", _("Follow-up of the previous review's recommendations")),
    SectionSpec("recommendations", "recommendations", _("Recommendations to this review")),
    SectionSpec("annex", "annex", _("Annex: sources and provenance")),
)

OUTLINES = {"spotlight": SPOTLIGHT, "jsr": JSR}


def spec_of(kind: str, key: str) -> SectionSpec | None:
    return next((spec for spec in OUTLINES.get(kind, ()) if spec.key == key), None)


def indicators_of_target(target: str) -> list[str]:
    """Every catalogue indicator of an SDG 4 target, for the chapter's choice."""
    return [
        code
        for code, indicator in catalogue().items()
        if indicator.sdg_indicator == target or indicator.sdg_indicator.startswith(target + ".")
    ]
