"""The permission-policy base: one policy object per resource.

A policy maps each action (view, add, change, review, approve, publish, ...) to a `rules`
predicate over (user, object). Views, services, API endpoints and templates all ask the
same policy, so a rule is written once.
"""

from collections.abc import Mapping

import rules

from coalition.core.errors import NotAllowed


class Policy:
    resource: str = ""
    actions: Mapping[str, rules.Predicate] = {}

    def can(self, user, action: str, obj=None) -> bool:
        try:
            predicate = self.actions[action]
        except KeyError:
            raise ValueError(f"{self.resource} has no action {action!r}") from None
        return bool(predicate.test(user, obj))

    def require(self, user, action: str, obj=None) -> None:
        if not self.can(user, action, obj):
            raise NotAllowed(f"not allowed to {action} {self.resource}")

    def permissions_for(self, user, obj=None) -> dict[str, bool]:
        """Every action's answer, for templates: {% if perms.change %}."""
        return {action: self.can(user, action, obj) for action in self.actions}
