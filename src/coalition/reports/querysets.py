from django.db import models

from coalition.accounts.roles import is_secretariat


class EditionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status="published")

    def visible_to(self, user):
        """The secretariat sees every edition, drafts included; everyone else, the public
        included, only published ones."""
        if is_secretariat(user):
            return self.all()
        return self.published()
