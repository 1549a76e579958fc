"""The canonical dataset kinds: what each column means, its type and the values it may
take. Imports map a file's columns onto these; the indicator engine reads only these.
docs/warehouse.md presents the same tables for people preparing files."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a warehouse.adapter.TYPES key
    description: str
    required: bool = False
    codes: tuple[str, ...] = ()  # the only values allowed, for text columns
    low: float | None = None  # inclusive range, for numbers
    high: float | None = None


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


YES_NO = {"low": 0, "high": 1}
SEX = ("F", "M")
WASHINGTON_GROUP = ("seeing", "hearing", "walking", "cognition", "selfcare", "communication")

HOUSEHOLD_PERSONS = Kind(
    "household_persons",
    _("Household survey: persons"),
    (
        Column("weight", "decimal", "survey weight of the person", required=True, low=0),
        Column("stratum", "text", "sampling stratum"),
        Column("psu", "text", "primary sampling unit (cluster), unique within its stratum"),
        Column("household", "text", "household identifier"),
        Column("age", "integer", "age in completed years", required=True, low=0, high=120),
        Column("sex", "text", "F or M", required=True, codes=SEX),
        Column("province", "text", "province code (ISO 3166-2, such as AF-KAB)"),
        Column("location", "text", "URB (urban) or RUR (rural)", codes=("URB", "RUR")),
        Column(
            "wealth",
            "text",
            "wealth quintile, Q1 poorest to Q5 richest",
            codes=("Q1", "Q2", "Q3", "Q4", "Q5"),
        ),
        Column(
            "disability",
            "text",
            "DIS or ABL; derived from the Washington Group columns when left out",
            codes=("DIS", "ABL"),
        ),
        *(
            Column(
                f"wg_{domain}",
                "integer",
                f"Washington Group short set, {domain}: 1 no difficulty, 2 some, "
                "3 a lot, 4 cannot do at all",
                low=1,
                high=4,
            )
            for domain in WASHINGTON_GROUP
        ),
        Column("attending", "integer", "attends education now: 1 yes, 0 no", **YES_NO),
        Column(
            "attending_level",
            "integer",
            "ISCED level attended now (0 pre-primary, 1 primary, 2 lower secondary, "
            "3 upper secondary, 4 post-secondary, 5-8 tertiary)",
            low=0,
            high=8,
        ),
        Column(
            "attending_grade", "integer", "grade attended now, within the level", low=1, high=20
        ),
        Column("attended_last_year", "integer", "attended education last school year", **YES_NO),
        Column(
            "completed_level",
            "integer",
            "highest ISCED level completed (0 none; 1 primary; 2 lower secondary; ...)",
            low=0,
            high=8,
        ),
        Column(
            "completed_grade",
            "integer",
            "highest grade completed within that level",
            low=0,
            high=20,
        ),
        Column(
            "literate", "integer", "can read and write a simple sentence: 1 yes, 0 no", **YES_NO
        ),
        Column(
            "education_training_12m",
            "integer",
            "took part in formal or non-formal education or training in the last 12 "
            "months: 1 yes, 0 no",
            **YES_NO,
        ),
    ),
)

SERVICES = (
    "electricity",
    "internet",
    "computers",
    "adapted_infrastructure",
    "drinking_water",
    "single_sex_toilets",
    "handwashing",
)

SCHOOLS = Kind(
    "schools",
    _("School census: schools"),
    (
        Column("school", "text", "school identifier", required=True),
        Column(
            "level",
            "integer",
            "ISCED level taught (one row per school and level)",
            required=True,
            low=0,
            high=3,
        ),
        Column("province", "text", "province code"),
        Column("district", "text", "district code"),
        Column("location", "text", "URB or RUR", codes=("URB", "RUR")),
        *(
            Column(
                service,
                "integer",
                f"SDG 4.a.1: {service.replace('_', ' ')} (1 yes, 0 no)",
                **YES_NO,
            )
            for service in SERVICES
        ),
        Column("teachers", "integer", "teachers at this level", low=0),
        Column("teachers_female", "integer", "of whom women", low=0),
        Column("teachers_trained", "integer", "of whom trained", low=0),
        Column("teachers_qualified", "integer", "of whom with the minimum qualifications", low=0),
    ),
)

ENROLMENT = Kind(
    "enrolment",
    _("School census: enrolment"),
    (
        Column("school", "text", "school identifier", required=True),
        Column("level", "integer", "ISCED level", required=True, low=0, high=3),
        Column("grade", "integer", "grade within the level", required=True, low=1, high=20),
        Column("sex", "text", "F or M", required=True, codes=SEX),
        Column(
            "age",
            "integer",
            "age of the pupils (empty for repeaters' rows without age)",
            low=0,
            high=120,
        ),
        Column("pupils", "integer", "pupils enrolled", required=True, low=0),
        Column("repeaters", "integer", "of whom repeating the grade", low=0),
    ),
)

POPULATION = Kind(
    "population",
    _("Population estimates"),
    (
        Column("area", "text", "country or province code", required=True),
        Column("year", "integer", "year", required=True, low=1900, high=2100),
        Column("age", "integer", "single year of age", required=True, low=0, high=120),
        Column("sex", "text", "F or M", required=True, codes=SEX),
        Column("population", "decimal", "people", required=True, low=0),
    ),
)

KINDS = {kind.code: kind for kind in (HOUSEHOLD_PERSONS, SCHOOLS, ENROLMENT, POPULATION)}
