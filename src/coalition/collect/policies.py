"""Who may manage forms, submit to them, and see or review submissions."""

import rules

from coalition.accounts.models import SECRETARIAT_ROLES, Role
from coalition.accounts.roles import is_secretariat, scope_of
from coalition.core.policies import Policy


@rules.predicate
def is_focal_point(user) -> bool:
    return bool(scope_of(user).organisations_for(Role.FOCAL_POINT))


@rules.predicate
def owns_form(user, form) -> bool:
    if form is None or form.owner_id is None:
        return False
    return form.owner_id in scope_of(user).organisations_for(Role.FOCAL_POINT)


@rules.predicate
def may_fill(user, form) -> bool:
    """The same rule as Form.objects.fillable_by, decided without a query where it can:
    this runs for every submission."""
    if form is None or not form.is_open:
        return False
    scope = scope_of(user)
    if scope.holds(*SECRETARIAT_ROLES):
        return True
    own = scope.organisations_for(Role.FOCAL_POINT, Role.MEMBER_EDITOR)
    if not own:
        return False
    if form.audience in ("all_members", "public_link") or form.owner_id in own:
        return True
    if form.audience == "listed":
        return form.allowed_organisations.filter(pk__in=own).exists()
    return False


class FormPolicy(Policy):
    resource = "form"
    actions = {
        # A focal point may publish forms owned by their own organisation.
        "add": is_secretariat | is_focal_point,
        "change": is_secretariat | owns_form,
        "fill": may_fill,
    }


form_policy = FormPolicy()


@rules.predicate
def reviews_submission(user, submission) -> bool:
    provinces = scope_of(user).province_ids
    if submission is None or not provinces or submission.area_id is None:
        return False
    area = submission.area
    return area.pk in provinces or area.parent_id in provinces


@rules.predicate
def from_own_organisation(user, submission) -> bool:
    if submission is None or submission.organisation_id is None:
        return False
    own = scope_of(user).organisations_for(Role.FOCAL_POINT, Role.MEMBER_EDITOR)
    return submission.organisation_id in own


@rules.predicate
def is_unlocked(user, submission) -> bool:
    return submission is not None and submission.state in ("received", "has_issues")


class SubmissionPolicy(Policy):
    """Review levels: provincial reviewers check and flag the submissions from their
    provinces; the secretariat approves or rejects finally; approved data is locked."""

    resource = "submission"
    actions = {
        "view": is_secretariat | reviews_submission | from_own_organisation,
        "comment": is_secretariat | reviews_submission | from_own_organisation,
        "endorse": is_secretariat | reviews_submission,
        "flag": is_secretariat | reviews_submission,
        "resubmit": is_secretariat | reviews_submission | from_own_organisation,
        "approve": is_secretariat,
        "reject": is_secretariat,
        "reopen": is_secretariat,
        "correct": is_unlocked & (is_secretariat | reviews_submission | from_own_organisation),
    }


submission_policy = SubmissionPolicy()
