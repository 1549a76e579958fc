import json

from django import forms
from django.utils.translation import gettext_lazy as _

from coalition.geo.models import Area, deployment_country
from coalition.indicators.catalogue import catalogue
from coalition.indicators.models import Target
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


class TargetForm(forms.Form):
    """One target. Indicators and areas are offered as lists in the reader's language,
    so a target can only name what exists."""

    indicator = forms.ChoiceField(label=_("Indicator"))
    area = forms.ChoiceField(label=_("Area"))
    kind = forms.ChoiceField(label=_("Kind"), choices=Target.Kind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    value = forms.FloatField(
        label=_("Value"), help_text=_("In the indicator's unit: 70 for 70%, 1.0 for parity")
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        required=False,
        help_text=_("Where the target comes from, such as the plan's title and page"),
    )

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        indicators = sorted(catalogue().values(), key=lambda i: i.label(language).casefold())
        self.fields["indicator"].choices = [(i.code, i.label(language)) for i in indicators]
        country = deployment_country()
        provinces = Area.objects.of_deployment().provinces()
        self.fields["area"].choices = [
            (country.code, country.name_in(language)),
            *sorted(((a.code, a.name_in(language)) for a in provinces), key=lambda c: c[1]),
        ]


class TargetFileForm(forms.Form):
    file = forms.FileField(
        label=_("Targets file (CSV)"),
        help_text=_(
            "UTF-8, with the columns indicator, area, kind, year, value and, if you wish, "
            "source: one target per line."
        ),
    )
