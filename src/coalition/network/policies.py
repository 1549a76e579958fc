"""Who may do what with organisations, people and applications."""

import rules
from django.db.models import Q

from coalition.accounts.models import Role
from coalition.accounts.roles import is_secretariat, is_secretariat_admin, scope_of
from coalition.core.policies import Policy


@rules.predicate
def edits_own_organisation(user, organisation) -> bool:
    if organisation is None:
        return False
    own = scope_of(user).organisations_for(Role.FOCAL_POINT, Role.MEMBER_EDITOR)
    return organisation.pk in own


@rules.predicate
def is_focal_point_of(user, organisation) -> bool:
    if organisation is None:
        return False
    return organisation.pk in scope_of(user).organisations_for(Role.FOCAL_POINT)


@rules.predicate
def belongs_to(user, organisation) -> bool:
    if organisation is None:
        return False
    own = scope_of(user).organisations_for(
        Role.FOCAL_POINT, Role.MEMBER_EDITOR, Role.PARTNER_VIEWER
    )
    return organisation.pk in own


@rules.predicate
def reviews_its_provinces(user, organisation) -> bool:
    provinces = scope_of(user).province_ids
    if organisation is None or not provinces:
        return False
    return organisation.areas.filter(Q(pk__in=provinces) | Q(parent__in=provinces)).exists()


@rules.predicate
def is_public(user, organisation) -> bool:
    return organisation is not None and organisation.is_public


class OrganisationPolicy(Policy):
    resource = "organisation"
    actions = {
        "view": is_public | is_secretariat | belongs_to | reviews_its_provinces,
        # Internal page: membership history, contacts of one's own organisation.
        "view_internal": is_secretariat | belongs_to | reviews_its_provinces,
        "view_history": is_secretariat_admin,
        "add": is_secretariat,
        "change": is_secretariat | edits_own_organisation,
        "change_status": is_secretariat_admin,
        "export": is_secretariat,
    }


class PersonPolicy(Policy):
    """Actions on an organisation's contacts; the object asked about is the organisation."""

    resource = "person"
    actions = {
        "view": is_secretariat | edits_own_organisation,
        "manage": is_secretariat | is_focal_point_of,
    }


class ApplicationPolicy(Policy):
    resource = "membership application"
    actions = {
        "review": is_secretariat,
    }


organisation_policy = OrganisationPolicy()
person_policy = PersonPolicy()
application_policy = ApplicationPolicy()
