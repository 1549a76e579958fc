from django import forms
from django.utils.translation import gettext_lazy as _

from coalition.accounts.models import ORGANISATION_ROLES, Role


class GrantRoleForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        required=False,
        help_text=_("For focal points, member editors and partner viewers."),
    )
    provinces = forms.ModelMultipleChoiceField(
        label=_("Provinces"),
        queryset=None,
        required=False,
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
