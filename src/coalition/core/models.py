"""Base models shared by every app."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


# The languages a name can be given in. English is required; the others fall back to it.
NAME_LANGUAGES = ("en", "fa", "ps", "km")


class MultilingualNameModel(models.Model):
    """A name in each of the platform's languages, shown in the reader's language.

    English is the required, canonical form; a missing translation falls back to it.
    """

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fa = models.CharField(_("name (Dari)"), max_length=200, blank=True)
    name_ps = models.CharField(_("name (Pashto)"), max_length=200, blank=True)
    name_km = models.CharField(_("name (Khmer)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def name_in(self, language: str | None) -> str:
        code = (language or "en").split("-")[0]
        if code in NAME_LANGUAGES:
            value = getattr(self, f"name_{code}", "")
            if value:
                return value
        return self.name_en

    @property
    def name(self) -> str:
        return self.name_in(get_language())


class WorkerJob(models.Model):
    """Long work done by the task worker, whose page shows how far it got."""

    progress = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    @property
    def under_way(self) -> bool:
        """Waiting or working: every job sets finished_at when it ends, however it ends."""
        return self.finished_at is None

    def report_progress(self, percent: int) -> None:
        """Record how far the job got, for its page, while the worker holds the object:
        one UPDATE of that column, nothing else of the row."""
        type(self).objects.filter(pk=self.pk).update(progress=percent)
