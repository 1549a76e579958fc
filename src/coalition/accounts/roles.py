"""What a user is, read from their role assignments, as `rules` predicates.

The assignments are read once per user object and cached on it, so a page that asks many
questions costs one query.
"""

from dataclasses import dataclass, field

import rules

from coalition.accounts.models import SECRETARIAT_ROLES, Role, RoleAssignment


@dataclass(frozen=True)
class Scope:
    roles: frozenset[str] = frozenset()
    organisation_ids: dict[str, frozenset[int]] = field(default_factory=dict)
    province_ids: frozenset[int] = frozenset()

    def holds(self, *roles: str) -> bool:
        return any(r in self.roles for r in roles)

    def organisations_for(self, *roles: str) -> frozenset[int]:
        ids: set[int] = set()
        for role in roles:
            ids |= self.organisation_ids.get(role, frozenset())
        return frozenset(ids)


EMPTY_SCOPE = Scope()


def scope_of(user) -> Scope:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return EMPTY_SCOPE
    cached = getattr(user, "_coalition_scope", None)
    if cached is not None:
        return cached
    roles: set[str] = set()
    organisations: dict[str, set[int]] = {}
    provinces: set[int] = set()
    reviewer_assignments = []
    for assignment in RoleAssignment.objects.of(user):
        roles.add(assignment.role)
        if assignment.organisation_id:
            organisations.setdefault(assignment.role, set()).add(assignment.organisation_id)
        if assignment.role == Role.PROVINCIAL_REVIEWER:
            reviewer_assignments.append(assignment.pk)
    if reviewer_assignments:  # a second query only for reviewers
        provinces = set(
            RoleAssignment.provinces.through.objects.filter(
                roleassignment_id__in=reviewer_assignments
            ).values_list("area_id", flat=True)
        )
    scope = Scope(
        roles=frozenset(roles),
        organisation_ids={k: frozenset(v) for k, v in organisations.items()},
        province_ids=frozenset(provinces),
    )
    user._coalition_scope = scope
    return scope


def forget_scope(user) -> None:
    """Call after changing a user's roles in the same request."""
    if hasattr(user, "_coalition_scope"):
        del user._coalition_scope


@rules.predicate
def is_secretariat_admin(user) -> bool:
    return scope_of(user).holds(Role.SECRETARIAT_ADMIN)


@rules.predicate
def is_secretariat(user) -> bool:
    return scope_of(user).holds(*SECRETARIAT_ROLES)


@rules.predicate
def is_authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def needs_mfa(user) -> bool:
    """Secretariat roles see personal data of the whole network: they must use a second factor."""
    return scope_of(user).holds(*SECRETARIAT_ROLES)
