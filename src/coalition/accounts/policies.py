"""Who may manage users and roles."""

from coalition.accounts.roles import is_authenticated, is_secretariat_admin
from coalition.core.policies import Policy


class UserPolicy(Policy):
    resource = "user"
    actions = {
        "manage_roles": is_secretariat_admin,
        "view_own_account": is_authenticated,
    }


user_policy = UserPolicy()
