"""The fixed vocabularies of the member network."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    NATIONAL_NGO = "national_ngo", _("National NGO / CSO")
    INGO = "ingo", _("International NGO")
    TEACHERS_UNION = "teachers_union", _("Teachers' union")
    WOMENS_GROUP = "womens_group", _("Women's group")
    YOUTH_GROUP = "youth_group", _("Youth group")
    OPD = "opd", _("Organisation of persons with disabilities")
    NETWORK = "network", _("Network")
    MINISTRY = "ministry", _("Ministry body")
    PROVINCIAL_DIRECTORATE = "provincial_directorate", _("Provincial education directorate")
    DEVELOPMENT_PARTNER = "development_partner", _("Development partner")
    UN_AGENCY = "un_agency", _("UN agency")


# Kinds that work with the coalition as partners, never as members.
PARTNER_KINDS = {
    OrganisationKind.MINISTRY,
    OrganisationKind.PROVINCIAL_DIRECTORATE,
    OrganisationKind.DEVELOPMENT_PARTNER,
    OrganisationKind.UN_AGENCY,
}
MEMBER_KINDS = [k for k in OrganisationKind if k not in PARTNER_KINDS]


class Relationship(models.TextChoices):
    MEMBER = "member", _("Member")
    PARTNER = "partner", _("Partner")


class MembershipStatus(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    LAPSED = "lapsed", _("Lapsed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REJECTED = "rejected", _("Application rejected")


# The membership lifecycle: which status may follow which.
TRANSITIONS = {
    MembershipStatus.APPLICANT: {MembershipStatus.ACTIVE, MembershipStatus.REJECTED},
    MembershipStatus.ACTIVE: {
        MembershipStatus.SUSPENDED,
        MembershipStatus.LAPSED,
        MembershipStatus.WITHDRAWN,
    },
    MembershipStatus.SUSPENDED: {MembershipStatus.ACTIVE, MembershipStatus.WITHDRAWN},
    MembershipStatus.LAPSED: {MembershipStatus.ACTIVE, MembershipStatus.WITHDRAWN},
    MembershipStatus.WITHDRAWN: {MembershipStatus.ACTIVE},
    MembershipStatus.REJECTED: set(),
}


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Pending review")
    ADMITTED = "admitted", _("Admitted")
    REJECTED = "rejected", _("Rejected")


# Thematic focus: SDG 4 targets and education sub-sectors.
THEMES = {
    "sdg4.1": _("SDG 4.1 Primary and secondary education"),
    "sdg4.2": _("SDG 4.2 Early childhood development and pre-primary"),
    "sdg4.3": _("SDG 4.3 TVET, tertiary and adult education"),
    "sdg4.4": _("SDG 4.4 Skills for work"),
    "sdg4.5": _("SDG 4.5 Equity and inclusion"),
    "sdg4.6": _("SDG 4.6 Youth and adult literacy"),
    "sdg4.7": _("SDG 4.7 Education for sustainable development and citizenship"),
    "sdg4.a": _("SDG 4.a Safe and inclusive learning environments"),
    "sdg4.b": _("SDG 4.b Scholarships"),
    "sdg4.c": _("SDG 4.c Teachers"),
    "early_childhood": _("Early childhood"),
    "primary": _("Primary education"),
    "secondary": _("Secondary education"),
    "tvet": _("Technical and vocational education (TVET)"),
    "higher": _("Higher education"),
    "adult_literacy": _("Adult literacy and non-formal education"),
    "inclusive": _("Inclusive education"),
    "girls": _("Girls' education"),
    "teachers": _("Teachers"),
    "wash": _("WASH in schools"),
    "emergencies": _("Education in emergencies"),
}
