"""Secretariat roles must pass a second factor before they see anything else."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from coalition.accounts.roles import needs_mfa

# Pages a user who still owes a second factor may reach.
MFA_EXEMPT_URL_NAMES = {"mfa_setup", "mfa_verify", "logout"}


class RequireMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if not settings.COALITION_REQUIRE_MFA or user is None or not user.is_authenticated:
            return None
        if not (needs_mfa(user) or user.is_staff) or user.is_verified():
            return None
        match = request.resolver_match
        if match and match.url_name in MFA_EXEMPT_URL_NAMES and match.namespace == "accounts":
            return None
        if request.path.startswith(("/api/", "/static/")):
            return JsonResponse(
                {"detail": _("A second factor is required: log in through the website.")},
                status=403,
            )
        from django_otp import user_has_device

        target = "accounts:mfa_verify" if user_has_device(user) else "accounts:mfa_setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
