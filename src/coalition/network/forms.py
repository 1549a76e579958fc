from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coalition.geo.models import Area
from coalition.network.choices import MEMBER_KINDS, TRANSITIONS, MembershipStatus, OrganisationKind
from coalition.network.models import PROFILE_FIELDS, Organisation, Person, Theme

LOCAL_NAME_FIELDS = {"AF": ["name_fa", "name_ps"], "KH": ["name_km"]}


def use_provinces(field, country_code: str) -> None:
    """A province field of this deployment, labelled in the reader's language."""
    field.queryset = Area.objects.filter(country__code=country_code, level="province")
    field.label_from_instance = lambda area: area.name


def use_themes(field) -> None:
    field.queryset = Theme.objects.all()
    field.label_from_instance = lambda theme: theme.label


def district_choices(country_code: str) -> list:
    """Districts grouped under their province, for a plain <select multiple> with optgroups:
    210 checkboxes would be too long a page on a phone."""
    groups: dict[str, list] = {}
    districts = Area.objects.filter(country__code=country_code, level="district")
    for district in districts.select_related("parent").order_by("parent__name_en", "name_en"):
        groups.setdefault(district.parent.name, []).append((str(district.pk), district.name))
    return list(groups.items())


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(
        label=_("Website"), max_length=200, required=False, assume_scheme="https"
    )

    class Meta:
        model = Organisation
        fields = PROFILE_FIELDS
        widgets = {
            "areas": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "name_en": _("Name in English"),
            "name_fa": _("Name in Dari"),
            "name_ps": _("Name in Pashto"),
            "name_km": _("Name in Khmer"),
        }

    def __init__(self, *args, country_code: str, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        use_provinces(self.fields["headquarters"], country_code)
        use_provinces(self.fields["areas"], country_code)
        use_themes(self.fields["themes"])
        # Only the local languages of the deployment's country are asked for.
        for code in ("name_fa", "name_ps", "name_km"):
            if code not in LOCAL_NAME_FIELDS[country_code]:
                del self.fields[code]
        if kinds is not None:
            self.fields["kind"].choices = [(k.value, k.label) for k in kinds]
        self.fields["areas"].label = _("Provinces where you work")
        districts = district_choices(country_code)
        if districts:
            self.fields["districts"] = forms.TypedMultipleChoiceField(
                label=_("Districts where you work (optional)"),
                choices=districts,
                coerce=int,
                required=False,
                widget=forms.SelectMultiple(attrs={"size": 8}),
                help_text=_("Hold Ctrl (or Cmd) to choose several."),
            )
            if self.instance.pk:
                self.initial["districts"] = [
                    str(a.pk) for a in self.instance.areas.all() if a.level == "district"
                ]
            order = list(self.fields)
            order.remove("districts")
            order.insert(order.index("areas") + 1, "districts")
            self.order_fields(order)

    def changes(self) -> dict:
        """The profile as the services take it: districts join the provinces in `areas`."""
        changes = {name: self.cleaned_data[name] for name in PROFILE_FIELDS if name in self.fields}
        if "districts" in self.fields:
            districts = Area.objects.filter(pk__in=self.cleaned_data["districts"])
            changes["areas"] = [*changes["areas"], *districts]
        return changes


class ApplicationForm(OrganisationForm):
    """The public application to join. Contact details are kept for the secretariat only."""

    contact_name = forms.CharField(label=_("Your full name"), max_length=150)
    contact_position = forms.CharField(label=_("Your position"), max_length=120, required=False)
    contact_email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send the decision here, and your login if you are admitted."),
    )
    contact_phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    motivation = forms.CharField(
        label=_("Why does your organisation want to join?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    consent = forms.BooleanField(
        label=_(
            "We agree that the secretariat keeps these contact details to handle our "
            "application. They are never published."
        )
    )

    def __init__(self, *args, country_code: str, **kwargs):
        super().__init__(*args, country_code=country_code, kinds=MEMBER_KINDS, **kwargs)
        self.fields["listed_publicly"].label = _("List us in the public member directory")
        self.fields["listed_publicly"].initial = True

    def organisation_data(self) -> dict:
        return self.changes()

    def contact_data(self) -> dict:
        data = self.cleaned_data
        return {
            "full_name": data["contact_name"],
            "position": data["contact_position"],
            "email": data["contact_email"],
            "phone": data["contact_phone"],
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("admit", _("Admit")), ("reject", _("Reject"))], widget=forms.HiddenInput
    )
    reason = forms.CharField(
        label=_("Reason (sent to the applicant)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("reason", "").strip():
            self.add_error("reason", _("Give the applicant a reason for the rejection."))
        return data


class StatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    effective_on = forms.DateField(
        label=_("Effective on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [
            (s.value, s.label) for s in MembershipStatus if s in TRANSITIONS.get(current, set())
        ]


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["full_name", "position", "email", "phone", "is_focal_point"]


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=None, required=False, empty_label=_("All provinces")
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=None, required=False, empty_label=_("All themes")
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, *args, country_code: str, **kwargs):
        super().__init__(*args, **kwargs)
        use_provinces(self.fields["province"], country_code)
        use_themes(self.fields["theme"])
        self.fields["kind"].choices = [("", _("All kinds")), *OrganisationKind.choices]

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            q = data["q"]
            queryset = queryset.filter(
                Q(name_en__icontains=q)
                | Q(name_fa__icontains=q)
                | Q(name_ps__icontains=q)
                | Q(name_km__icontains=q)
                | Q(acronym__icontains=q)
            )
        if data["province"]:
            queryset = queryset.filter(
                Q(areas=data["province"]) | Q(areas__parent=data["province"])
            )
        if data["theme"]:
            queryset = queryset.filter(themes=data["theme"])
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        return queryset.distinct()
