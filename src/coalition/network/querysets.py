"""Reads that know who asks. Every view and endpoint starts from one of these."""

from django.db import models

from coalition.accounts.models import Role
from coalition.accounts.roles import scope_of

OWN_ORGANISATION_ROLES = (Role.FOCAL_POINT, Role.MEMBER_EDITOR, Role.PARTNER_VIEWER)


class OrganisationQuerySet(models.QuerySet):
    def public(self):
        """What the public may see: listed partners and listed active members."""
        return self.filter(listed_publicly=True).filter(
            models.Q(relationship="partner")
            | models.Q(relationship="member", membership_status="active")
        )

    def visible_to(self, user):
        scope = scope_of(user)
        if scope.holds(Role.SECRETARIAT_ADMIN, Role.SECRETARIAT_STAFF):
            return self.all()
        visible = models.Q(pk__in=self.public().values("pk"))
        own = scope.organisations_for(*OWN_ORGANISATION_ROLES)
        if own:
            visible |= models.Q(pk__in=own)
        if scope.province_ids:
            # Reviewers see the organisations working in their provinces, hidden ones
            # included: they review those organisations' submissions.
            visible |= models.Q(areas__in=scope.province_ids) | models.Q(
                areas__parent__in=scope.province_ids
            )
        return self.filter(visible).distinct()

    def members(self):
        return self.filter(relationship="member")

    def partners(self):
        return self.filter(relationship="partner")


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Contacts: the secretariat sees all; an organisation's focal point and editors
        see their own organisation's; nobody else sees any."""
        scope = scope_of(user)
        if scope.holds(Role.SECRETARIAT_ADMIN, Role.SECRETARIAT_STAFF):
            return self.all()
        own = scope.organisations_for(Role.FOCAL_POINT, Role.MEMBER_EDITOR)
        return self.filter(organisation_id__in=own)


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        if scope_of(user).holds(Role.SECRETARIAT_ADMIN, Role.SECRETARIAT_STAFF):
            return self.all()
        return self.none()

    def pending(self):
        return self.filter(status="pending")
