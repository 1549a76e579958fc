"""The canonical dataset kinds: what each column means, its type and the values it may
take. Imports map a file's columns onto these; the indicator engine reads only these.
docs/warehouse.md presents the same tables for people preparing files."""

from dataclasses import dataclass

from django.utils.text import format_lazy
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
# The Washington Group short set's six domains, as the column names end.
WASHINGTON_GROUP = {
    "seeing": _("seeing"),
    "hearing": _("hearing"),
    "walking": _("walking"),
    "cognition": _("remembering or concentrating"),
    "selfcare": _("self-care"),
    "communication": _("communicating"),
}

HOUSEHOLD_PERSONS = Kind(
    "household_persons",
    _("Household survey: persons"),
    (
        Column("weight", "decimal", _("survey weight of the person"), required=True, low=0),
        Column("stratum", "text", _("sampling stratum")),
        Column("psu", "text", _("primary sampling unit (cluster), unique within its stratum")),
        Column("household", "text", _("household identifier")),
        Column("age", "integer", _("age in completed years"), required=True, low=0, high=120),
        Column("sex", "text", _("F or M"), required=True, codes=SEX),
        Column("province", "text", _("province code (ISO 3166-2, such as AF-KAB)")),
        Column("location", "text", _("URB (urban) or RUR (rural)"), codes=("URB", "RUR")),
        Column(
            "wealth",
            "text",
            _("wealth quintile, Q1 poorest to Q5 richest"),
            codes=("Q1", "Q2", "Q3", "Q4", "Q5"),
        ),
        Column(
            "disability",
            "text",
            _("DIS or ABL; derived from the Washington Group columns when left out"),
            codes=("DIS", "ABL"),
        ),
        *(
            Column(
                f"wg_{domain}",
                "integer",
                format_lazy(
                    _(
                        "Washington Group short set, {domain}: 1 no difficulty, 2 some, "
                        "3 a lot, 4 cannot do at all"
                    ),
                    domain=label,
                ),
                low=1,
                high=4,
            )
            for domain, label in WASHINGTON_GROUP.items()
        ),
        Column("attending", "integer", _("attends education now: 1 yes, 0 no"), **YES_NO),
        Column(
            "attending_level",
            "integer",
            _(
                "ISCED level attended now (0 pre-primary, 1 primary, 2 lower secondary, "
                "3 upper secondary, 4 post-secondary, 5-8 tertiary)"
            ),
            low=0,
            high=8,
        ),
        Column(
            "attending_grade", "integer", _("grade attended now, within the level"), low=1, high=20
        ),
        Column("attended_last_year", "integer", _("attended education last school year"), **YES_NO),
        Column(
            "completed_level",
            "integer",
            _("highest ISCED level completed (0 none; 1 primary; 2 lower secondary; ...)"),
            low=0,
            high=8,
        ),
        Column(
            "completed_grade",
            "integer",
            _("highest grade completed within that level"),
            low=0,
            high=20,
        ),
        Column(
            "literate", "integer", _("can read and write a simple sentence: 1 yes, 0 no"), **YES_NO
        ),
        Column(
            "education_training_12m",
            "integer",
            _(
                "took part in formal or non-formal education or training in the last 12 "
                "months: 1 yes, 0 no"
            ),
            **YES_NO,
        ),
    ),
)

# The seven services of SDG 4.a.1.
SERVICE_LABELS = {
    "electricity": _("electricity"),
    "internet": _("Internet for teaching"),
    "computers": _("computers for teaching"),
    "adapted_infrastructure": _("infrastructure adapted to students with disabilities"),
    "drinking_water": _("basic drinking water"),
    "single_sex_toilets": _("single-sex basic sanitation"),
    "handwashing": _("basic handwashing facilities"),
}
SERVICES = tuple(SERVICE_LABELS)

SCHOOLS = Kind(
    "schools",
    _("School census: schools"),
    (
        Column("school", "text", _("school identifier"), required=True),
        Column(
            "level",
            "integer",
            _("ISCED level taught (one row per school and level)"),
            required=True,
            low=0,
            high=3,
        ),
        Column("province", "text", _("province code")),
        Column("district", "text", _("district code")),
        Column("location", "text", _("URB or RUR"), codes=("URB", "RUR")),
        *(
            Column(
                service,
                "integer",
                format_lazy(_("SDG 4.a.1: {service} (1 yes, 0 no)"), service=label),
                **YES_NO,
            )
            for service, label in SERVICE_LABELS.items()
        ),
        Column("teachers", "integer", _("teachers at this level"), low=0),
        Column("teachers_female", "integer", _("of whom women"), low=0),
        Column("teachers_trained", "integer", _("of whom trained"), low=0),
        Column(
            "teachers_qualified", "integer", _("of whom qualified to national standards"), low=0
        ),
    ),
)

ENROLMENT = Kind(
    "enrolment",
    _("School census: enrolment"),
    (
        Column("school", "text", _("school identifier"), required=True),
        Column("level", "integer", _("ISCED level"), required=True, low=0, high=3),
        Column("grade", "integer", _("grade within the level"), required=True, low=1, high=20),
        Column("sex", "text", _("F or M"), required=True, codes=SEX),
        Column(
            "age",
            "integer",
            _("age of the pupils (empty for repeaters' rows without age)"),
            low=0,
            high=120,
        ),
        Column("pupils", "integer", _("pupils enrolled"), required=True, low=0),
        Column("repeaters", "integer", _("of whom repeating the grade"), low=0),
    ),
)

POPULATION = Kind(
    "population",
    _("Population estimates"),
    (
        Column("area", "text", _("country or province code"), required=True),
        Column("year", "integer", _("year"), required=True, low=1900, high=2100),
        Column("age", "integer", _("single year of age"), required=True, low=0, high=120),
        Column("sex", "text", _("F or M"), required=True, codes=SEX),
        Column("population", "decimal", _("people"), required=True, low=0),
    ),
)

KINDS = {kind.code: kind for kind in (HOUSEHOLD_PERSONS, SCHOOLS, ENROLMENT, POPULATION)}
