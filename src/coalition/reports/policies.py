"""Who may read, write, review, approve and publish report editions.

The secretariat writes the reports; approving and publishing, which speak for the whole
coalition, are the administrators'. Everyone may read a published edition."""

import rules

from coalition.accounts.roles import is_secretariat, is_secretariat_admin
from coalition.core.policies import Policy


@rules.predicate
def is_published(user, edition) -> bool:
    return edition is not None and edition.status == "published"


@rules.predicate
def is_open_for_changes(user, edition) -> bool:
    """Figures and narrative change only before approval."""
    return edition is None or not edition.is_frozen


class EditionPolicy(Policy):
    resource = "report edition"
    actions = {
        "view": is_published | is_secretariat,
        "manage": is_secretariat,  # the workspace pages of an edition
        "add": is_secretariat,
        "change": is_secretariat & is_open_for_changes,
        "comment": is_secretariat,
        "submit": is_secretariat,
        "sign": is_secretariat,
        "approve": is_secretariat_admin,
        "publish": is_secretariat_admin,
        "reopen": is_secretariat_admin,
        "build": is_secretariat,
    }


edition_policy = EditionPolicy()
