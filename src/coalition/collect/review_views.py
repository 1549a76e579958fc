"""Pages for reviewing one submission, and bulk review from the list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from coalition.collect import review
from coalition.collect.models import Form, Submission
from coalition.collect.policies import submission_policy
from coalition.collect.quality import failed_rules
from coalition.core.errors import DomainError

# Buttons say what they do, not the state they lead to.
MOVE_LABELS = {
    "approved": gettext_lazy("Approve"),
    "rejected": gettext_lazy("Reject"),
    "has_issues": gettext_lazy("Flag issues"),
    "received": gettext_lazy("Back to review"),
}


def _submission(request, form_id, pk) -> Submission:
    form = get_object_or_404(Form.objects.visible_to(request.user), form_id=form_id)
    return get_object_or_404(
        Submission.objects.visible_to(request.user).select_related(
            "form", "form_version", "organisation", "area", "submitted_by", "endorsed_by"
        ),
        form=form,
        pk=pk,
    )


def flatten(data: dict, prefix: str = "") -> list[tuple[str, object]]:
    """(path, value) rows for display; repeats stay lists of rows."""
    rows = []
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            rows.extend(flatten(value, f"{path}/"))
        else:
            rows.append((path, value))
    return rows


@login_required
def submission_detail(request, form_id, pk):
    submission = _submission(request, form_id, pk)
    user = request.user
    schema = submission.form_version.schema
    correctable = [
        path
        for path, _value in flatten(submission.data)
        if path in schema.get("types", {}) and not path.startswith("meta/")
    ]
    return render(
        request,
        "collect/submission.html",
        {
            "submission": submission,
            "rows": flatten(submission.data),
            "moves": [
                (state, MOVE_LABELS[state]) for state in review.allowed_moves(submission, user)
            ],
            "can": submission_policy.permissions_for(user, submission),
            "correctable": correctable,
            "events": submission.events.select_related("actor"),
            "attachments": [a for v in submission.versions.all() for a in v.attachments.all()],
            "versions": submission.versions.all(),
            "failed_rules": failed_rules(submission.form.rules.all(), submission),
        },
    )


def _act(request, form_id, pk, action):
    submission = _submission(request, form_id, pk)
    try:
        action(submission)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("collect:submission", form_id=form_id, pk=pk)


@login_required
@require_POST
def change_state(request, form_id, pk):
    def act(submission):
        review.change_state(
            submission=submission,
            to_state=request.POST.get("to_state", ""),
            comment=request.POST.get("comment", ""),
            actor=request.user,
        )
        messages.success(request, _("Saved."))

    return _act(request, form_id, pk, act)


@login_required
@require_POST
def endorse(request, form_id, pk):
    return _act(
        request,
        form_id,
        pk,
        lambda s: review.endorse(
            submission=s, comment=request.POST.get("comment", ""), actor=request.user
        ),
    )


@login_required
@require_POST
def comment(request, form_id, pk):
    return _act(
        request,
        form_id,
        pk,
        lambda s: review.comment(
            submission=s, body=request.POST.get("body", "")[:4000], actor=request.user
        ),
    )


@login_required
@require_POST
def correct(request, form_id, pk):
    return _act(
        request,
        form_id,
        pk,
        lambda s: review.correct_value(
            submission=s,
            path=request.POST.get("path", ""),
            value=request.POST.get("value", "")[:2000],
            actor=request.user,
        ),
    )


@login_required
def attachment(request, form_id, pk, name):
    submission = _submission(request, form_id, pk)
    for version in submission.versions.all():
        found = version.attachments.filter(name=name).first()
        if found:
            return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)
    raise Http404


@login_required
@require_POST
def bulk(request, form_id):
    form = get_object_or_404(Form.objects.visible_to(request.user), form_id=form_id)
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()][:500]
    chosen = Submission.objects.visible_to(request.user).filter(form=form, pk__in=ids)
    changed, skipped = review.bulk_change_state(
        submissions=list(chosen),
        to_state=request.POST.get("to_state", ""),
        comment=request.POST.get("comment", ""),
        actor=request.user,
    )
    skipped += len(ids) - len(chosen)
    messages.success(
        request,
        _("%(changed)s changed, %(skipped)s left as they were.")
        % {"changed": changed, "skipped": skipped},
    )
    return redirect("collect:submissions", form_id=form_id)
