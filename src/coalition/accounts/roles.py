"""What a user is, read from their role assignments, as `rules` predicates.

The assignments are read once per user object and cached on it, so a page that asks many
questions costs one query.
"""

from dataclasses import dataclass, field

import rules
from django.db import connection

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
    return remember_assignments(user, _assignments_of(user.pk))


def remember_assignments(user, assignments) -> Scope:
    """Cache the scope made of these (id, role, organisation id) rows on the user: for
    callers that read them along with the user, in the same statement."""
    roles: set[str] = set()
    organisations: dict[str, set[int]] = {}
    provinces: set[int] = set()
    reviewer_assignments = []
    for pk, role, organisation_id in assignments:
        roles.add(role)
        if organisation_id:
            organisations.setdefault(role, set()).add(organisation_id)
        if role == Role.PROVINCIAL_REVIEWER:
            reviewer_assignments.append(pk)
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


def _assignments_of(user_id: int) -> list[tuple[int, str, int | None]]:
    # Nearly every request asks this once, so it is one plain statement: through the
    # queryset API it cost ten times as much (bench/ingest.py).
    table = connection.ops.quote_name(RoleAssignment._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, role, organisation_id FROM {table} WHERE user_id = %s",  # noqa: S608
            [user_id],
        )
        return cursor.fetchall()


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
