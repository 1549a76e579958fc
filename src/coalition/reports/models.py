"""Report editions, their sections and narrative per language, the figures frozen on
approval, sign-offs, comments, grassroots evidence, recommendations and built files."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coalition.core.models import WorkerJob
from coalition.reports.querysets import EditionQuerySet


class Edition(models.Model):
    """One edition of a report: the Spotlight Report of a year, or a year's input to the
    Joint Sector Review. Its `revision` counts every change of content, so a sign-off
    names exactly what was signed."""

    class Kind(models.TextChoices):
        SPOTLIGHT = "spotlight", _("Spotlight Report on SDG 4")
        JSR = "jsr", _("Joint Sector Review input")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    kind = models.CharField(_("report"), max_length=10, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.JSONField(_("title"), default=dict, help_text="language → title")
    languages = models.JSONField(_("languages"), default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    revision = models.PositiveIntegerField(default=1)
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followers",
        verbose_name=_("started from"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "kind", "-pk"]

    def __str__(self) -> str:
        return self.title_in("en")

    def title_in(self, language: str) -> str:
        return self.title.get(language) or self.title.get("en") or f"{self.kind} {self.year}"

    @property
    def is_frozen(self) -> bool:
        return self.status in (self.Status.APPROVED, self.Status.PUBLISHED)


class Section(models.Model):
    """One part of an edition, in the order of its template. A chapter shows the
    indicators listed in `indicators`; its narrative is written per language."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=40)  # "summary", "target-4.1", "jsr-annex", ...
    kind = models.CharField(max_length=20)  # see reports.templates_of
    position = models.PositiveSmallIntegerField()
    target = models.CharField(max_length=8, blank=True)  # the SDG 4 target of a chapter
    indicators = models.JSONField(default=list)

    class Meta:
        ordering = ["edition", "position"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "key"], name="one_section_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.edition} · {self.key}"


class SectionText(models.Model):
    """The narrative of one section in one language (Markdown), as it stands now."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=5)
    body = models.TextField(blank=True)
    number = models.PositiveIntegerField(default=0)  # how many times it was saved
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["section", "language"], name="one_text_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.section} [{self.language}]"


class SectionRevision(models.Model):
    """Every saved state of a section's narrative: its change history."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="revisions")
    language = models.CharField(max_length=5)
    number = models.PositiveIntegerField()
    body = models.TextField(blank=True)
    note = models.CharField(max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["section", "language", "-number"]

    def __str__(self) -> str:
        return f"{self.section} [{self.language}] #{self.number}"


class Comment(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="comments")
    language = models.CharField(max_length=5, blank=True)
    body = models.TextField(max_length=4000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"comment on {self.section}"


class Event(models.Model):
    """The edition's version history: created, submitted, returned, signed, approved,
    published, reopened."""

    LABELS = {
        "created": _("created"),
        "submitted": _("submitted for review"),
        "returned": _("returned to the editors"),
        "signed": _("signed"),
        "approved": _("approved: figures frozen"),
        "published": _("published"),
        "reopened": _("reopened as a draft"),
    }

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    revision = models.PositiveIntegerField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.edition}: {self.action}"

    @property
    def label(self) -> str:
        return str(self.LABELS.get(self.action, self.action))


class SignOff(models.Model):
    """A named person's sign-off in a named role, on one revision of the edition."""

    class Role(models.TextChoices):
        EDITOR = "editor", _("Editorial lead: the narrative is complete and checked")
        DATA = "data", _("Data lead: the figures and their sources are checked")
        COORDINATOR = "coordinator", _("Coordinator: approved on behalf of the coalition")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="sign_offs")
    role = models.CharField(max_length=12, choices=Role.choices)
    revision = models.PositiveIntegerField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["signed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.edition}: {self.role} by {self.user_id}"


class Snapshot(models.Model):
    """Every figure of an approved edition, frozen with its provenance: the edition shows
    these from approval on, whatever is recomputed later."""

    edition = models.OneToOneField(Edition, on_delete=models.CASCADE, related_name="snapshot")
    data = models.JSONField()
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    taken_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"figures of {self.edition}"


class Evidence(models.Model):
    """A quote or excerpt from an approved submission that the editors attach to a
    chapter, attributed to the organisation and province, never to a person."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="evidence")
    submission = models.ForeignKey(
        "collect.Submission", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    quote = models.TextField(_("quote or excerpt"), max_length=2000)
    language = models.CharField(_("language of the quote"), max_length=5)
    attribution = models.CharField(_("attribution"), max_length=300)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["section", "created_at", "pk"]

    def __str__(self) -> str:
        return f"evidence in {self.section}"


class Recommendation(models.Model):
    """A recommendation to a named duty-bearer. In a JSR input the previous review's
    recommendations are carried over (`carried_from`) and followed up with a status."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        IMPLEMENTED = "implemented", _("Implemented")
        DROPPED = "dropped", _("Dropped")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="recommendations")
    position = models.PositiveSmallIntegerField(default=0)
    duty_bearer = models.CharField(_("duty-bearer"), max_length=200)
    target = models.CharField(_("SDG 4 target"), max_length=8, blank=True)
    text = models.JSONField(default=dict, help_text="language → recommendation")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW)
    progress = models.JSONField(default=dict, help_text="language → what happened since")
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["edition", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.duty_bearer}: {self.text_in('en')[:40]}"

    def text_in(self, language: str) -> str:
        return self.text.get(language) or self.text.get("en") or ""

    def progress_in(self, language: str) -> str:
        return self.progress.get(language) or self.progress.get("en") or ""


class Build(WorkerJob):
    """One document built from an edition, in one format and language, by the worker."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX (Word)"
        HTML = "html", "HTML"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Building")
        SUCCEEDED = "succeeded", _("Built")
        FAILED = "failed", _("Failed")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="builds")
    format = models.CharField(max_length=4, choices=Format.choices)
    language = models.CharField(max_length=5)
    revision = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(upload_to="reports/", blank=True)
    size = models.PositiveIntegerField(default=0)
    pages = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.edition} {self.language} {self.format}"
