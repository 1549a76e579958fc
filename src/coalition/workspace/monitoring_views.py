"""The staff dashboards page (see workspace.policies for who sees what)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from coalition.collect.models import SubmissionState
from coalition.workspace import monitoring
from coalition.workspace.policies import monitoring_policy


@login_required
def dashboards(request):
    monitoring_policy.require(request.user, "view")
    context = {
        **monitoring.overview(request.user),
        "states": SubmissionState.choices,
        "computations": (
            monitoring.last_computations()
            if monitoring_policy.can(request.user, "view_computations")
            else None
        ),
    }
    return render(request, "workspace/dashboards.html", context)
