"""Who may manage forms, submit to them, and see or review submissions."""

import rules

from coalition.accounts.models import Role
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
    from coalition.collect.models import Form

    return form is not None and Form.objects.fillable_by(user).filter(pk=form.pk).exists()


class FormPolicy(Policy):
    resource = "form"
    actions = {
        # A focal point may publish forms owned by their own organisation.
        "add": is_secretariat | is_focal_point,
        "change": is_secretariat | owns_form,
        "fill": may_fill,
    }


form_policy = FormPolicy()
