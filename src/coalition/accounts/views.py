from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from coalition.accounts import services
from coalition.accounts.forms import GrantRoleForm, LoginForm, ResetForm, TokenForm
from coalition.accounts.models import RoleAssignment, User
from coalition.accounts.policies import user_policy
from coalition.accounts.qr import qr_svg
from coalition.accounts.roles import needs_mfa, scope_of
from coalition.core.errors import DomainError
from coalition.geo.models import Area


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def _next_url(request, default="accounts:dashboard"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


@login_required
def mfa_setup(request):
    """Enrol a TOTP authenticator: show the secret as a QR code, confirm with one code."""
    if user_has_device(request.user):
        return redirect("accounts:mfa_verify")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name=_("Authenticator app"), confirmed=False
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Two-step login is set up."))
            return redirect(_next_url(request))
        form.add_error("token", _("That code is not right. Check the time on your phone."))
    import base64

    secret = base64.b32encode(device.bin_key).decode()
    return render(request, "accounts/mfa_setup.html", {
        "form": form, "qr": qr_svg(device.config_url), "secret": secret,
        "next": request.GET.get("next", ""),
    })


@login_required
def mfa_verify(request):
    if not user_has_device(request.user):
        return redirect("accounts:mfa_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(_next_url(request))
        form.add_error("token", _("That code is not right. Check the time on your phone."))
    return render(request, "accounts/mfa_verify.html", {
        "form": form, "next": request.GET.get("next", ""),
    })


@login_required
def dashboard(request):
    from coalition.network.models import MembershipApplication, Organisation

    scope = scope_of(request.user)
    own = Organisation.objects.filter(pk__in=scope.organisations_for(*scope.organisation_ids))
    pending = MembershipApplication.objects.visible_to(request.user).pending().count()
    return render(request, "accounts/dashboard.html", {
        "assignments": RoleAssignment.objects.of(request.user).select_related("organisation")
        .prefetch_related("provinces"),
        "own_organisations": own,
        "pending_applications": pending,
        "can_manage_roles": user_policy.can(request.user, "manage_roles"),
        "secretariat": needs_mfa(request.user),
    })


@login_required
def users(request):
    user_policy.require(request.user, "manage_roles")
    from coalition.network.models import Organisation

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
                email=data["email"], full_name=data["full_name"], role=data["role"],
                organisation_id=data["organisation"].pk if data["organisation"] else None,
                province_ids=[p.pk for p in data["provinces"]],
                language=request.LANGUAGE_CODE, actor=request.user,
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Role granted to %(email)s.") % {"email": data["email"]})
            return redirect("accounts:users")
    people = User.objects.prefetch_related(
        "role_assignments__organisation", "role_assignments__provinces"
    ).order_by("email")
    return render(request, "accounts/users.html", {"form": form, "people": people})


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
    return redirect("accounts:users")


password_reset = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset.html",
    form_class=ResetForm,
    email_template_name="accounts/email/password_reset_body.txt",
    subject_template_name="accounts/email/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
