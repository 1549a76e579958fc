"""Review and approval of submissions: the state machine and its writes.

received ──flag──▶ has issues ──resubmit──▶ received ──approve──▶ approved (locked)
    │                   │                                  ▲            │
    └──────reject───────┴──────────▶ rejected ──reopen─────┘◀──reopen───┘
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.collect.datasets import refresh_soon
from coalition.collect.models import Submission, SubmissionEvent, SubmissionState
from coalition.collect.policies import submission_policy
from coalition.collect.schema import typed_value, value_at
from coalition.core.audit import acting_as
from coalition.core.errors import DomainError, InvalidTransition

# (from, to) → the policy action it needs, and whether a reason is required.
TRANSITIONS = {
    ("received", "has_issues"): ("flag", True),
    ("has_issues", "received"): ("resubmit", False),
    ("received", "approved"): ("approve", False),
    ("received", "rejected"): ("reject", True),
    ("has_issues", "rejected"): ("reject", True),
    ("approved", "received"): ("reopen", True),
    ("rejected", "received"): ("reopen", True),
}


def allowed_moves(submission: Submission, user) -> list[str]:
    """The states this user may move this submission to, for the page's buttons."""
    return [
        to
        for (frm, to), (action, _reason) in TRANSITIONS.items()
        if frm == submission.state and submission_policy.can(user, action, submission)
    ]


# Moves that change what flows on to analysis (datasets hold approved submissions).
ANALYSIS_STATES = {"approved", "rejected"}


def change_state(
    *, submission: Submission, to_state: str, actor, comment: str = "", refresh: bool = True
):
    key = (submission.state, to_state)
    if key not in TRANSITIONS:
        raise InvalidTransition(
            _("A submission cannot go from “%(from)s” to “%(to)s”.")
            % {
                "from": SubmissionState(submission.state).label,
                "to": SubmissionState(to_state).label
                if to_state in SubmissionState.values
                else to_state,
            }
        )
    action, needs_reason = TRANSITIONS[key]
    submission_policy.require(actor, action, submission)
    if needs_reason and not comment.strip():
        raise DomainError(_("Say why: the reason is kept with the submission."), field="comment")
    if not submission.is_complete and to_state == "approved":
        raise DomainError(_("Parts of this submission have not arrived yet."))
    with transaction.atomic(), acting_as(actor):
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.state != submission.state:
            raise InvalidTransition(_("Someone else changed this submission meanwhile."))
        locked.state = to_state
        locked.save(update_fields=["state", "updated_at"])
        SubmissionEvent.objects.create(
            submission=locked,
            kind=SubmissionEvent.Kind.STATE,
            actor=actor,
            from_state=key[0],
            to_state=to_state,
            body=comment.strip(),
        )
        if refresh and ANALYSIS_STATES & set(key):
            refresh_soon(locked.form_id)
    submission.state = to_state
    return submission


def bulk_change_state(*, submissions, to_state: str, actor, comment: str = "") -> tuple[int, int]:
    """Apply one move to many submissions; those it does not apply to are skipped.
    Returns (changed, skipped)."""
    changed = skipped = 0
    forms = set()
    for submission in submissions:
        try:
            change_state(
                submission=submission,
                to_state=to_state,
                actor=actor,
                comment=comment,
                refresh=False,
            )
        except (DomainError, PermissionDenied):
            skipped += 1
        else:
            changed += 1
            forms.add(submission.form_id)
    if forms and to_state in ANALYSIS_STATES:
        with transaction.atomic():  # one refresh per form, not one per submission
            for form_pk in forms:
                refresh_soon(form_pk)
    return changed, skipped


def endorse(*, submission: Submission, actor, comment: str = "") -> Submission:
    """First review level: the provincial reviewer has checked it."""
    submission_policy.require(actor, "endorse", submission)
    if submission.state not in ("received", "has_issues"):
        raise InvalidTransition(_("Only submissions under review can be endorsed."))
    with transaction.atomic(), acting_as(actor):
        submission.endorsed_by = actor
        submission.endorsed_at = timezone.now()
        submission.save(update_fields=["endorsed_by", "endorsed_at", "updated_at"])
        SubmissionEvent.objects.create(
            submission=submission,
            kind=SubmissionEvent.Kind.ENDORSE,
            actor=actor,
            body=comment.strip(),
        )
    return submission


def comment(*, submission: Submission, body: str, actor) -> SubmissionEvent:
    submission_policy.require(actor, "comment", submission)
    if not body.strip():
        raise DomainError(_("Write a comment first."), field="body")
    with transaction.atomic(), acting_as(actor):
        return SubmissionEvent.objects.create(
            submission=submission,
            kind=SubmissionEvent.Kind.COMMENT,
            actor=actor,
            body=body.strip(),
        )


def _typed(value: str, kind: str | None):
    result = typed_value(value, kind)
    if kind in ("int", "decimal") and isinstance(result, str):
        raise DomainError(_("“%(value)s” is not a number.") % {"value": value}, field="value")
    return result


def correct_value(*, submission: Submission, path: str, value: str, actor) -> SubmissionEvent:
    """Change one value (not inside a repeat), keeping who changed what from what."""
    submission_policy.require(actor, "correct", submission)
    schema = submission.form_version.schema
    types = schema.get("types", {})
    if (
        path not in types
        or any(path.startswith(r + "/") for r in schema.get("repeats", []))
        or path.startswith("meta/")
    ):
        raise DomainError(_("This value cannot be corrected here."), field="path")
    new = _typed(value.strip(), types[path])
    with transaction.atomic(), acting_as(actor):
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        old = value_at(locked.data, path)
        node = locked.data
        *parents, leaf = path.split("/")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = new
        locked.save(update_fields=["data", "updated_at"])
        event = SubmissionEvent.objects.create(
            submission=locked,
            kind=SubmissionEvent.Kind.EDIT,
            actor=actor,
            path=path,
            old_value=old,
            new_value=new,
        )
        if not submission.form.analysis_requires_approval:
            refresh_soon(locked.form_id)  # the corrected value is already in analysis
    submission.data = locked.data
    return event
