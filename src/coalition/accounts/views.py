import base64

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from coalition.accounts import services
from coalition.accounts.forms import DeviceForm, LoginForm, ResetForm, TokenForm
from coalition.accounts.models import AppToken
from coalition.accounts.qr import qr_svg


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def _next_url(request, default="workspace:dashboard"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
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
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "qr": qr_svg(device.config_url),
            "secret": secret,
            "next": request.GET.get("next", ""),
        },
    )


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
    return render(
        request,
        "accounts/mfa_verify.html",
        {
            "form": form,
            "next": request.GET.get("next", ""),
        },
    )


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


@never_cache  # the new password is in this page: no cache may keep it
@login_required
def devices(request):
    """Device passwords for ODK Collect: made here, shown once, revocable one by one."""
    created = None
    if request.method == "POST":
        form = DeviceForm(request.POST)
        if form.is_valid():
            token, secret = services.create_app_token(
                user=request.user, name=form.cleaned_data["name"], actor=request.user
            )
            created = {"token": token, "secret": secret}
            form = DeviceForm()
    else:
        form = DeviceForm()
    return render(
        request,
        "accounts/devices.html",
        {
            "form": form,
            "created": created,
            "tokens": AppToken.objects.filter(user=request.user, revoked_at__isnull=True),
            "server_url": request.build_absolute_uri("/collect"),
        },
    )


@login_required
@require_POST
def revoke_device(request, pk):
    token = get_object_or_404(AppToken, pk=pk, user=request.user, revoked_at__isnull=True)
    services.revoke_app_token(app_token=token, actor=request.user)
    messages.success(request, _("The device password no longer works."))
    return redirect("accounts:devices")
