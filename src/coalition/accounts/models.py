"""Users log in with their e-mail address; what they may do comes from role assignments."""

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition.accounts.querysets import RoleAssignmentQuerySet


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("an e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=8, default="en")
    is_active = models.BooleanField(_("active"), default=True)
    # Django admin access; the platform's own roles live in RoleAssignment.
    is_staff = models.BooleanField(_("can use the Django admin"), default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Role(models.TextChoices):
    SECRETARIAT_ADMIN = "secretariat_admin", _("Secretariat administrator")
    SECRETARIAT_STAFF = "secretariat_staff", _("Secretariat staff")
    PROVINCIAL_REVIEWER = "provincial_reviewer", _("Provincial reviewer")
    FOCAL_POINT = "focal_point", _("Member focal point")
    MEMBER_EDITOR = "member_editor", _("Member editor")
    PARTNER_VIEWER = "partner_viewer", _("Partner viewer")


SECRETARIAT_ROLES = {Role.SECRETARIAT_ADMIN, Role.SECRETARIAT_STAFF}
ORGANISATION_ROLES = {Role.FOCAL_POINT, Role.MEMBER_EDITOR, Role.PARTNER_VIEWER}


class RoleAssignment(models.Model):
    """One role held by one user, with its scope.

    Organisation roles (focal point, member editor, partner viewer) are scoped to one
    organisation; a provincial reviewer to one or more provinces; secretariat roles to the
    whole deployment.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("organisation"),
    )
    provinces = models.ManyToManyField(
        "geo.Area", blank=True, related_name="reviewer_assignments", verbose_name=_("provinces")
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organisation"], name="unique_role_per_scope"
            ),
            models.CheckConstraint(
                name="organisation_roles_have_an_organisation",
                condition=~models.Q(role__in=sorted(r.value for r in ORGANISATION_ROLES))
                | models.Q(organisation__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        scope = f" · {self.organisation}" if self.organisation_id else ""
        return f"{self.get_role_display()}{scope}"


class AppToken(models.Model):
    """A separate password for a data-collection device (ODK Collect, KoboCollect).

    The phone stores it, so it is never the person's login password: it can be revoked
    alone when a phone is lost. Only the Digest HA1 (md5 of "email:realm:token") is kept;
    it verifies both HTTP Digest (what Collect uses over plain HTTP) and Basic over HTTPS.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="app_tokens")
    name = models.CharField(_("device name"), max_length=80)
    digest_ha1 = models.CharField(max_length=32, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("device password")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"
