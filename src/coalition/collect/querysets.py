from django.db import models

from coalition.accounts.models import SECRETARIAT_ROLES, Role
from coalition.accounts.roles import scope_of

MEMBER_ROLES = (Role.FOCAL_POINT, Role.MEMBER_EDITOR)


class FormQuerySet(models.QuerySet):
    def fillable_by(self, user):
        """Open forms this user may submit to from a device or the browser."""
        scope = scope_of(user)
        open_forms = self.filter(is_open=True)
        if scope.holds(*SECRETARIAT_ROLES):
            return open_forms
        own = scope.organisations_for(*MEMBER_ROLES)
        if not own:
            return self.none()
        return open_forms.filter(
            # A form open to anyone with its public link is open to every member too.
            models.Q(audience__in=["all_members", "public_link"])
            | models.Q(audience="listed", allowed_organisations__in=own)
            | models.Q(owner__in=own)
        ).distinct()

    def visible_to(self, user):
        scope = scope_of(user)
        if scope.holds(*SECRETARIAT_ROLES):
            return self.all()
        own = scope.organisations_for(*MEMBER_ROLES)
        visible = models.Q(pk__in=self.fillable_by(user).values("pk"))
        if own:
            visible |= models.Q(owner__in=own)
        if scope.province_ids:
            visible |= models.Q(owner__isnull=True)  # coalition-wide forms, whoever fills them
        return self.filter(visible).distinct()


class SubmissionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The secretariat sees all; a reviewer the submissions from their provinces; an
        organisation's people their organisation's; nobody else any."""
        scope = scope_of(user)
        if scope.holds(*SECRETARIAT_ROLES):
            return self.all()
        visible = models.Q(pk__in=[])
        own = scope.organisations_for(*MEMBER_ROLES)
        if own:
            visible |= models.Q(organisation__in=own)
        if scope.province_ids:
            visible |= models.Q(area__in=scope.province_ids) | models.Q(
                area__parent__in=scope.province_ids
            )
        return self.filter(visible)
