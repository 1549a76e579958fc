"""Who may manage users and roles."""

import rules

from coalition.accounts.roles import is_authenticated, is_secretariat_admin
from coalition.core.policies import Policy


@rules.predicate
def is_self(user, other) -> bool:
    return other is not None and getattr(user, "pk", None) == other.pk


class UserPolicy(Policy):
    resource = "user"
    actions = {
        "manage_roles": is_secretariat_admin,
        # Device passwords: people manage their own; an administrator can revoke anyone's.
        "manage_own_devices": (is_authenticated & is_self) | is_secretariat_admin,
    }


user_policy = UserPolicy()
