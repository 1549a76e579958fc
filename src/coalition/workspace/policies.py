"""Who may see the staff dashboards.

The secretariat sees every form, province and organisation, and the computations.
A provincial reviewer sees collection and review for their provinces only, through the
same Submission.objects.visible_to as the review pages. Focal points, member editors and
partner viewers are refused: the dashboards compare organisations and provinces, and a
member must never see another organisation's figures."""

import rules

from coalition.accounts.models import Role
from coalition.accounts.roles import is_secretariat, scope_of
from coalition.core.policies import Policy


@rules.predicate
def is_provincial_reviewer(user) -> bool:
    return scope_of(user).holds(Role.PROVINCIAL_REVIEWER)


class MonitoringPolicy(Policy):
    resource = "staff dashboards"
    actions = {
        "view": is_secretariat | is_provincial_reviewer,
        "view_computations": is_secretariat,
    }


monitoring_policy = MonitoringPolicy()
