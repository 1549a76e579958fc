"""Countries and their areas: country › province › district."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coalition.core.models import MultilingualNameModel
from coalition.geo.querysets import AreaQuerySet


class Calendar(models.TextChoices):
    GREGORIAN = "gregorian", _("Gregorian")
    SOLAR_HIJRI = "solar_hijri", _("Solar Hijri")


class Country(MultilingualNameModel):
    """A country a deployment can serve, with the structure of its school system.

    Entry ages and durations are the official ones UIS uses to compute age-based
    indicators (out-of-school rates, completion): change them here if the system changes.
    """

    code = models.CharField(_("ISO 3166-1 alpha-2 code"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO 3166-1 alpha-3 code"), max_length=3, unique=True)
    languages = models.CharField(
        _("languages"), max_length=50, help_text=_("Language codes, comma-separated")
    )
    calendar = models.CharField(_("calendar"), max_length=16, choices=Calendar.choices)
    preprimary_entry_age = models.PositiveSmallIntegerField(_("pre-primary entry age"))
    preprimary_duration = models.PositiveSmallIntegerField(_("pre-primary duration (years)"))
    primary_entry_age = models.PositiveSmallIntegerField(_("primary entry age"))
    primary_duration = models.PositiveSmallIntegerField(_("primary duration (years)"))
    lower_secondary_duration = models.PositiveSmallIntegerField(
        _("lower secondary duration (years)")
    )
    upper_secondary_duration = models.PositiveSmallIntegerField(
        _("upper secondary duration (years)")
    )

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["code"]

    @property
    def language_codes(self) -> list[str]:
        return [c.strip() for c in self.languages.split(",") if c.strip()]

    def official_ages(self) -> dict[str, range]:
        """The official age range of each level, end exclusive."""
        pre = self.preprimary_entry_age
        primary = self.primary_entry_age
        lower = primary + self.primary_duration
        upper = lower + self.lower_secondary_duration
        return {
            "preprimary": range(pre, pre + self.preprimary_duration),
            "primary": range(primary, lower),
            "lower_secondary": range(lower, upper),
            "upper_secondary": range(upper, upper + self.upper_secondary_duration),
        }


class AreaLevel(models.TextChoices):
    COUNTRY = "country", _("Country")
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")


class Area(MultilingualNameModel):
    """A place: the country itself, a province (ISO 3166-2 code) or a district."""

    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="areas")
    code = models.CharField(_("code"), max_length=16, unique=True)
    level = models.CharField(_("level"), max_length=10, choices=AreaLevel.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["country__code", "level", "name_en"]
        indexes = [models.Index(fields=["country", "level"])]

    @property
    def province(self):
        """The province this area is in (itself for a province)."""
        if self.level == AreaLevel.PROVINCE:
            return self
        if self.level == AreaLevel.DISTRICT:
            return self.parent
        return None


def deployment_country() -> Country:
    return Country.objects.get(code=settings.COALITION_COUNTRY)
