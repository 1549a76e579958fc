from django.conf import settings
from django.db import models


class AreaQuerySet(models.QuerySet):
    """Areas are public reference data: everybody may read them."""

    def visible_to(self, user):
        return self

    def of_deployment(self):
        return self.filter(country__code=settings.COALITION_COUNTRY)

    def provinces(self):
        return self.filter(level="province")
