from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.utils.translation import gettext_lazy as _

from coalition.accounts.models import ORGANISATION_ROLES, Role, User


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


class GrantRoleForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None, required=False,
        help_text=_("For focal points, member editors and partner viewers."),
    )
    provinces = forms.ModelMultipleChoiceField(
        label=_("Provinces"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For provincial reviewers."),
    )

    def __init__(self, *args, organisations, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].label_from_instance = lambda o: o.name
        self.fields["provinces"].queryset = provinces
        self.fields["provinces"].label_from_instance = lambda a: a.name

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role in ORGANISATION_ROLES and not data.get("organisation"):
            self.add_error("organisation", _("This role needs an organisation."))
        if role == Role.PROVINCIAL_REVIEWER and not data.get("provinces"):
            self.add_error("provinces", _("A provincial reviewer needs at least one province."))
        return data



class ResetForm(DjangoPasswordResetForm):
    """Django's form, but it also mails accounts that never had a password: a focal point
    whose set-up link expired uses this page to get a new one."""

    def get_users(self, email):
        return User.objects.filter(email__iexact=email.strip(), is_active=True)
