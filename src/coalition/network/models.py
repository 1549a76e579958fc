"""Organisations (members and partners), the people who speak for them, and applications."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coalition.core.models import MultilingualNameModel, TimeStampedModel
from coalition.network.choices import (
    PARTNER_KINDS,
    THEMES,
    ApplicationStatus,
    MembershipStatus,
    OrganisationKind,
    Relationship,
)
from coalition.network.querysets import (
    ApplicationQuerySet,
    OrganisationQuerySet,
    PersonQuerySet,
)


class Theme(models.Model):
    """An SDG 4 target or education sub-sector an organisation works on."""

    code = models.CharField(max_length=32, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return str(THEMES.get(self.code, self.code))


class Organisation(MultilingualNameModel, TimeStampedModel):
    slug = models.SlugField(max_length=80, unique=True)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    relationship = models.CharField(_("relationship"), max_length=10, choices=Relationship.choices)
    # Only members have a membership status; partners leave it blank.
    membership_status = models.CharField(
        _("membership status"), max_length=16, choices=MembershipStatus.choices, blank=True
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    website = models.URLField(_("website"), max_length=200, blank=True)
    email = models.EmailField(
        _("organisation e-mail"), blank=True, help_text=_("A general address, not a person's.")
    )
    headquarters = models.ForeignKey(
        "geo.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="headquartered",
        verbose_name=_("head office province"),
    )
    areas = models.ManyToManyField(
        "geo.Area", blank=True, related_name="organisations", verbose_name=_("areas of operation")
    )
    themes = models.ManyToManyField(Theme, blank=True, verbose_name=_("thematic focus"))
    listed_publicly = models.BooleanField(
        _("list publicly"),
        default=True,
        help_text=_(
            "Untick for members at risk: the organisation then appears on no public page, "
            "map, export or API."
        ),
    )
    is_synthetic = models.BooleanField(default=False, editable=False)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_en"]
        indexes = [models.Index(fields=["relationship", "membership_status", "listed_publicly"])]

    @property
    def is_partner(self) -> bool:
        return self.relationship == Relationship.PARTNER

    @property
    def is_public(self) -> bool:
        if not self.listed_publicly:
            return False
        return self.is_partner or self.membership_status == MembershipStatus.ACTIVE

    @staticmethod
    def relationship_for(kind: str) -> str:
        return Relationship.PARTNER if kind in PARTNER_KINDS else Relationship.MEMBER


# The profile: what the secretariat and an organisation's own people may edit. Membership
# status and dates change only through the lifecycle services.
PROFILE_FIELDS = (
    "name_en", "name_fa", "name_ps", "name_km", "acronym", "kind", "description", "website",
    "email", "headquarters", "areas", "themes", "listed_publicly",
)  # fmt: skip
PROFILE_M2M_FIELDS = frozenset({"areas", "themes"})


class MembershipEvent(models.Model):
    """One dated step of an organisation's membership, with the reason given."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="membership_events"
    )
    from_status = models.CharField(max_length=16, choices=MembershipStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=MembershipStatus.choices)
    effective_on = models.DateField(_("effective on"))
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_on", "-recorded_at"]

    def __str__(self) -> str:
        return f"{self.organisation} {self.from_status or '-'} → {self.to_status}"


class Person(TimeStampedModel):
    """A contact at an organisation. Personal data: never shown publicly, kept minimal."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="people")
    full_name = models.CharField(_("full name"), max_length=150)
    position = models.CharField(_("position"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_focal_point = models.BooleanField(_("focal point"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["-is_focal_point", "full_name"]

    def __str__(self) -> str:
        return self.full_name


class MembershipApplication(TimeStampedModel):
    """An organisation's request to join, and the secretariat's decision on it."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="application"
    )
    contact = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="applications")
    motivation = models.TextField(_("why do you want to join?"), max_length=3000)
    language = models.CharField(max_length=8, default="en")
    status = models.CharField(
        max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING
    )
    decision_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
