from django.db import models


class RoleAssignmentQuerySet(models.QuerySet):
    def of(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user_id=user.pk)
