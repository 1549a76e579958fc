"""Writes to users and their roles."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.accounts.device_auth import ha1, new_token
from coalition.accounts.models import ORGANISATION_ROLES, AppToken, Role, RoleAssignment, User
from coalition.accounts.policies import user_policy
from coalition.accounts.roles import forget_scope
from coalition.core.audit import acting_as
from coalition.core.errors import DomainError


def ensure_role(
    *,
    email: str,
    full_name: str,
    role: str,
    actor,
    organisation_id=None,
    province_ids=(),
    language: str = "en",
) -> User:
    """Give the person with this e-mail address a role, creating their account if needed.

    A new account has no usable password: its owner sets one through the link they are
    e-mailed. Called by services that already checked their own permission (admitting a
    member makes its contact the focal point), so it checks none itself.
    """
    if role in ORGANISATION_ROLES and organisation_id is None:
        raise DomainError(_("This role needs an organisation."))
    if role == Role.PROVINCIAL_REVIEWER and not province_ids:
        raise DomainError(_("A provincial reviewer needs at least one province."))
    with transaction.atomic(), acting_as(actor):
        user, created = User.objects.get_or_create(
            email=User.objects.normalize_email(email).lower(),
            defaults={"full_name": full_name, "preferred_language": language},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        assignment, _created = RoleAssignment.objects.get_or_create(
            user=user, role=role, organisation_id=organisation_id
        )
        if province_ids:
            assignment.provinces.add(*province_ids)
    forget_scope(user)
    return user


def grant_role(*, actor, **details) -> User:
    """A secretariat administrator gives someone a role (details as for ensure_role)."""
    user_policy.require(actor, "manage_roles")
    return ensure_role(actor=actor, **details)


def revoke_role(*, assignment: RoleAssignment, actor) -> None:
    user_policy.require(actor, "manage_roles")
    if assignment.user_id == actor.pk and assignment.role == Role.SECRETARIAT_ADMIN:
        raise DomainError(_("You cannot remove your own administrator role."))
    with transaction.atomic(), acting_as(actor):
        assignment.delete()
    forget_scope(assignment.user)


def create_app_token(*, user: User, name: str, actor) -> tuple[AppToken, str]:
    """Make a device password for `user`; the plain text is returned once, never stored."""
    user_policy.require(actor, "manage_own_devices", user)
    token = new_token()
    with transaction.atomic(), acting_as(actor):
        app_token = AppToken.objects.create(
            user=user, name=name.strip()[:80] or "Device", digest_ha1=ha1(user.email, token)
        )
    return app_token, token


def revoke_app_token(*, app_token: AppToken, actor) -> None:
    user_policy.require(actor, "manage_own_devices", app_token.user)
    with transaction.atomic(), acting_as(actor):
        app_token.revoked_at = timezone.now()
        app_token.save(update_fields=["revoked_at"])
