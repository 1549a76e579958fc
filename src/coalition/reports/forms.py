from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from coalition.indicators.catalogue import catalogue
from coalition.reports.models import Build, Edition, Recommendation, SignOff
from coalition.reports.outline import TARGET_TITLES, indicators_of_target

LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES]


class EditionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=Edition.Kind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(
        label=_("Title"), max_length=300, help_text=_("In the first language chosen below.")
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        initial=["en"],
    )
    previous = forms.ModelChoiceField(
        label=_("Start from"),
        queryset=Edition.objects.none(),
        required=False,
        help_text=_("Takes over its narrative, chapter indicators and open recommendations."),
    )

    def __init__(self, *args, editions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["previous"].queryset = editions if editions is not None else Edition.objects
        self.fields["previous"].empty_label = _("nothing: a blank edition")


class SectionTextForm(forms.Form):
    body = forms.CharField(
        label=_("Text (Markdown)"),
        required=False,
        max_length=60_000,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            "Paragraphs separated by a blank line; **bold**, *italic*, “- ” for a list "
            "item, “# ” for a heading."
        ),
    )
    note = forms.CharField(label=_("What changed (optional)"), max_length=300, required=False)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class IndicatorsForm(forms.Form):
    indicators = forms.MultipleChoiceField(
        label=_("Indicators of this chapter"),
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, target: str, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].choices = [
            (code, catalogue()[code].label(language)) for code in indicators_of_target(target)
        ]
        self.fields["indicators"].help_text = TARGET_TITLES.get(target, "")


class EvidenceForm(forms.Form):
    submission = forms.IntegerField(
        label=_("Submission number (optional)"),
        required=False,
        min_value=1,
        help_text=_("An approved submission: the quote is attributed to its organisation."),
    )
    quote = forms.CharField(
        label=_("Quote or excerpt"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    language = forms.ChoiceField(label=_("Language of the quote"), choices=LANGUAGE_CHOICES)
    attribution = forms.CharField(
        label=_("Attribution"),
        max_length=300,
        required=False,
        help_text=_("Without a submission: an organisation and place, never a person's name."),
    )


class RecommendationForm(forms.Form):
    duty_bearer = forms.CharField(label=_("Duty-bearer"), max_length=200)
    target = forms.ChoiceField(
        label=_("SDG 4 target"),
        required=False,
        choices=[("", "—"), *((code, code) for code in TARGET_TITLES)],
    )
    status = forms.ChoiceField(label=_("Status"), choices=Recommendation.Status.choices)

    def __init__(self, *args, languages: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(LANGUAGE_CHOICES)
        for code in languages:
            self.fields[f"text_{code}"] = forms.CharField(
                label=_("Recommendation (%(language)s)") % {"language": names[code]},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3, "lang": code}),
            )
            self.fields[f"progress_{code}"] = forms.CharField(
                label=_("What happened since (%(language)s)") % {"language": names[code]},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2, "lang": code}),
            )
        self.languages = languages

    def by_language(self, prefix: str) -> dict:
        return {code: self.cleaned_data.get(f"{prefix}_{code}", "") for code in self.languages}


class SignOffForm(forms.Form):
    role = forms.ChoiceField(label=_("Sign as"), choices=SignOff.Role.choices)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class BuildForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=Build.Format.choices)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
