"""The logged-in home and the users-and-roles page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coalition.accounts import services
from coalition.accounts.models import RoleAssignment, User
from coalition.accounts.policies import user_policy
from coalition.accounts.roles import needs_mfa, scope_of
from coalition.core.errors import DomainError
from coalition.geo.models import Area
from coalition.network.models import MembershipApplication, Organisation
from coalition.workspace.forms import GrantRoleForm
from coalition.workspace.policies import monitoring_policy


@login_required
def dashboard(request):
    scope = scope_of(request.user)
    own = Organisation.objects.filter(pk__in=scope.organisations_for(*scope.organisation_ids))
    pending = MembershipApplication.objects.visible_to(request.user).pending().count()
    return render(
        request,
        "workspace/dashboard.html",
        {
            "assignments": RoleAssignment.objects.of(request.user)
            .select_related("organisation")
            .prefetch_related("provinces"),
            "own_organisations": own,
            "pending_applications": pending,
            "can_manage_roles": user_policy.can(request.user, "manage_roles"),
            "secretariat": needs_mfa(request.user),
            "can_see_dashboards": monitoring_policy.can(request.user, "view"),
        },
    )


@login_required
def users(request):
    user_policy.require(request.user, "manage_roles")
    form = GrantRoleForm(
        request.POST or None,
        organisations=Organisation.objects.visible_to(request.user).exclude(
            membership_status__in=["applicant", "rejected"]
        ),
        provinces=Area.objects.of_deployment().provinces(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.grant_role(
                email=data["email"],
                full_name=data["full_name"],
                role=data["role"],
                organisation_id=data["organisation"].pk if data["organisation"] else None,
                province_ids=[p.pk for p in data["provinces"]],
                language=request.LANGUAGE_CODE,
                actor=request.user,
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Role granted to %(email)s.") % {"email": data["email"]})
            return redirect("workspace:users")
    people = User.objects.prefetch_related(
        "role_assignments__organisation", "role_assignments__provinces"
    ).order_by("email")
    return render(request, "workspace/users.html", {"form": form, "people": people})


@login_required
@require_POST
def revoke(request, pk):
    user_policy.require(request.user, "manage_roles")
    assignment = get_object_or_404(RoleAssignment, pk=pk)
    try:
        services.revoke_role(assignment=assignment, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Role removed."))
    return redirect("workspace:users")
