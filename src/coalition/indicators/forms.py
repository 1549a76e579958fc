import json

from django import forms
from django.utils.translation import gettext_lazy as _

from coalition.warehouse.kinds import KINDS


class DatasetForm(forms.Form):
    name = forms.SlugField(
        label=_("Short name"), max_length=80, help_text=_("Letters, digits and hyphens: mics-2022")
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=[(k.code, k.label) for k in KINDS.values()])
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100, required=False)
    source = forms.CharField(
        label=_("Source"), max_length=300, required=False, help_text=_("Who produced the data")
    )


class DatasetFileForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (UTF-8), Excel (.xlsx), Parquet, Stata (.dta) or SPSS (.sav)"),
    )
    mapping = forms.CharField(
        label=_("Column mapping (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "ltr", "spellcheck": "false"}),
        help_text=_(
            'Where each column comes from, such as {"weight": "hhweight", "sex": {"column": '
            '"HL4", "values": {"1": "M", "2": "F"}}}. Columns already named as below need none.'
        ),
    )

    def clean_mapping(self):
        text = self.cleaned_data["mapping"].strip() or "{}"
        try:
            mapping = json.loads(text)
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                _("This is not valid JSON: %(error)s") % {"error": error.msg}
            ) from error
        if not isinstance(mapping, dict):
            raise forms.ValidationError(_("The column mapping must be a JSON object."))
        return mapping
