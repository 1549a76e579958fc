from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.utils.translation import gettext_lazy as _

from coalition.accounts.models import User


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Six-digit code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        error_messages={"invalid": _("Enter the six digits shown in your app.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )

    def clean_token(self):
        return self.cleaned_data["token"].strip()


class ResetForm(DjangoPasswordResetForm):
    """Django's form, but it also mails accounts that never had a password: a focal point
    whose set-up link expired uses this page to get a new one."""

    def get_users(self, email):
        return User.objects.filter(email__iexact=email.strip(), is_active=True)


class DeviceForm(forms.Form):
    name = forms.CharField(
        label=_("Which device is it?"),
        max_length=80,
        help_text=_("For example: Fatima's phone, Herat office tablet."),
    )
