from django import forms
from django.utils.translation import gettext_lazy as _

from coalition.collect.models import Form


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class UploadForm(forms.Form):
    field_order = ["file", "owner", "media"]
    media = MultipleFileField(
        label=_("Media files (images, audio, CSV choice lists)"),
        required=False,
        help_text=_(
            "The files the form refers to. Files not uploaded again are kept from "
            "the previous version."
        ),
    )
    file = forms.FileField(
        label=_("XLSForm (.xlsx, .xls or .csv)"),
        help_text=_("A new form, or a new version of a form with the same form_id."),
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=None,
        required=False,
        empty_label=_("The coalition (all members)"),
    )

    def __init__(self, *args, owners, coalition_wide_allowed: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda o: o.name
        if not coalition_wide_allowed:
            self.fields["owner"].required = True
            self.fields["owner"].empty_label = None


class FormSettingsForm(forms.ModelForm):
    class Meta:
        model = Form
        fields = ["audience", "allowed_organisations", "is_open", "analysis_requires_approval"]
        widgets = {"allowed_organisations": forms.CheckboxSelectMultiple}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["allowed_organisations"].queryset = organisations
        self.fields["allowed_organisations"].label_from_instance = lambda o: o.name


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Data file (.csv or .xlsx)"),
        help_text=_(
            "A KoboToolbox or ODK Central export, or your own table with one column "
            "per question. Excel files may hold one sheet per repeat group."
        ),
    )
