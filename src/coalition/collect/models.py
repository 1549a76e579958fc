"""Forms (XLSForm → XForm, versioned) and the submissions devices send for them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coalition.collect.querysets import FormQuerySet, SubmissionQuerySet
from coalition.core.models import TimeStampedModel, WorkerJob


class Audience(models.TextChoices):
    ALL_MEMBERS = "all_members", _("All member organisations")
    LISTED = "listed", _("Listed organisations only")
    PUBLIC_LINK = "public_link", _("Anyone with the public link")


class Form(TimeStampedModel):
    """A form, identified by its XForm id; its content lives in versions."""

    form_id = models.CharField(_("form id"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forms",
        verbose_name=_("owner"),
        help_text=_("Empty for a coalition-wide form."),
    )
    audience = models.CharField(
        _("who may submit"),
        max_length=16,
        choices=Audience.choices,
        default=Audience.ALL_MEMBERS,
    )
    allowed_organisations = models.ManyToManyField(
        "network.Organisation",
        blank=True,
        related_name="forms_to_fill",
        verbose_name=_("organisations that may submit"),
    )
    public_token = models.CharField(max_length=64, null=True, blank=True, unique=True)
    is_open = models.BooleanField(_("open for submissions"), default=True)
    analysis_requires_approval = models.BooleanField(
        _("only approved submissions flow on to analysis"), default=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = FormQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def current_version(self):
        cached = getattr(self, "_prefetched_objects_cache", {}).get("versions")
        if cached is not None:  # formList prefetches: no query per form
            return max(cached, key=lambda v: (v.created_at, v.pk), default=None)
        return self.versions.order_by("-created_at", "-pk").first()


class FormVersion(models.Model):
    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="versions")
    version = models.CharField(_("version"), max_length=100)
    xform = models.TextField()
    xform_md5 = models.CharField(max_length=32)
    xlsform = models.FileField(upload_to="forms/%Y/%m/")
    xlsform_name = models.CharField(max_length=200)
    languages = models.CharField(max_length=200, blank=True)
    warnings = models.TextField(blank=True)
    schema = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["form", "version"], name="one_version_label_per_form")
        ]

    def __str__(self) -> str:
        return f"{self.form.form_id} {self.version}"


class SubmissionState(models.TextChoices):
    RECEIVED = "received", _("Received")
    HAS_ISSUES = "has_issues", _("Has issues")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Submission(TimeStampedModel):
    """One filled form. Edits made on a device (deprecatedID) add versions; the newest is
    current, the older ones stay as its history."""

    form = models.ForeignKey(Form, on_delete=models.PROTECT, related_name="submissions")
    form_version = models.ForeignKey(
        FormVersion, on_delete=models.PROTECT, related_name="submissions"
    )
    instance_id = models.CharField(_("instance id"), max_length=100)
    data = models.JSONField(default=dict)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
    )
    area = models.ForeignKey(
        "geo.Area", on_delete=models.SET_NULL, null=True, blank=True, related_name="submissions"
    )
    device_id = models.CharField(max_length=100, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(
        max_length=12, choices=SubmissionState.choices, default=SubmissionState.RECEIVED
    )
    is_complete = models.BooleanField(
        default=True, help_text="False while a split submission still expects parts"
    )
    # First review level: a provincial reviewer (or the secretariat) has checked it.
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    endorsed_at = models.DateTimeField(null=True, blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["form", "state"])]

    def __str__(self) -> str:
        return f"{self.form.form_id} {self.instance_id}"


class SubmissionVersion(models.Model):
    """Exactly what a device sent, byte for byte, once per instanceID."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="versions")
    form = models.ForeignKey(Form, on_delete=models.PROTECT, related_name="+")
    instance_id = models.CharField(max_length=100)
    deprecated_id = models.CharField(max_length=100, blank=True)
    xml = models.BinaryField()
    xml_sha256 = models.CharField(max_length=64)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        constraints = [
            # The same instanceID twice is the same submission: a database constraint, so
            # that two copies racing each other still make one record.
            models.UniqueConstraint(
                fields=["form", "instance_id"], name="one_record_per_instance_id"
            )
        ]

    def __str__(self) -> str:
        return self.instance_id


def attachment_path(instance, filename):
    return f"submissions/{instance.version.form.form_id}/{instance.version.instance_id}/{filename}"


class Attachment(models.Model):
    version = models.ForeignKey(
        SubmissionVersion, on_delete=models.CASCADE, related_name="attachments"
    )
    name = models.CharField(max_length=255)
    file = models.FileField(upload_to=attachment_path, max_length=400)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "name"], name="one_file_per_name")
        ]

    def __str__(self) -> str:
        return self.name


class SubmissionEvent(models.Model):
    """The review thread of a submission: comments, state changes, endorsements."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Comment")
        STATE = "state", _("State change")
        ENDORSE = "endorse", _("Provincial review")
        EDIT = "edit", _("Value corrected")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_state = models.CharField(max_length=12, blank=True)
    to_state = models.CharField(max_length=12, blank=True)
    body = models.TextField(max_length=4000, blank=True)
    # For value corrections: which value, and what it was and became.
    path = models.CharField(max_length=255, blank=True)
    old_value = models.JSONField(null=True, blank=True)
    new_value = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.submission} {self.kind}"


class ValidationRule(models.Model):
    """A cross-field check, as DHIS2 writes them: left side, operator, right side.

    Each side is a number, a question's path, or a sum of them ("female + male").
    Evaluated on every submission; a failure is shown as an issue to fix.
    """

    class Operator(models.TextChoices):
        LT = "<", "<"
        LE = "<=", "≤"
        EQ = "==", "="
        NE = "!=", "≠"
        GE = ">=", "≥"
        GT = ">", ">"

    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="rules")
    name = models.CharField(_("what it checks"), max_length=200)
    left = models.CharField(_("left side"), max_length=300)
    operator = models.CharField(_("operator"), max_length=2, choices=Operator.choices)
    right = models.CharField(_("right side"), max_length=300)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.left} {self.operator} {self.right}"


class QualitySettings(models.Model):
    """What the data-quality page checks for a form."""

    form = models.OneToOneField(Form, on_delete=models.CASCADE, related_name="quality")
    key_fields = models.CharField(
        _("fields that identify a record"),
        max_length=300,
        blank=True,
        help_text=_(
            "Comma-separated question paths; submissions equal on all of them are "
            "likely duplicates. Example: province, school_name"
        ),
    )
    period_field = models.CharField(
        _("reporting period question"),
        max_length=100,
        blank=True,
        help_text=_("The question holding the period (for example quarter)."),
    )
    expected_organisations = models.ManyToManyField(
        "network.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("organisations expected to report"),
    )

    def __str__(self) -> str:
        return f"quality of {self.form}"


def media_path(instance, filename):
    return f"forms/{instance.version.form.form_id}/{instance.version.version}/{filename}"


class FormMedia(models.Model):
    """A file a form version needs on the device: images, audio, CSV choice lists."""

    version = models.ForeignKey(FormVersion, on_delete=models.CASCADE, related_name="media")
    name = models.CharField(max_length=255)
    file = models.FileField(upload_to=media_path, max_length=400)
    md5 = models.CharField(max_length=32)
    size = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["version", "name"], name="one_media_file_per_name")
        ]

    def __str__(self) -> str:
        return self.name


class ImportJob(WorkerJob):
    """A bulk import of a CSV or XLSX file into a form, run by the task worker."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Checking the rows")
        # One transaction writes every row, so its progress cannot be seen from outside.
        WRITING = "writing", _("Writing the submissions (all or none)")
        SUCCEEDED = "succeeded", _("Imported")
        FAILED = "failed", _("Failed: nothing was imported")

    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="imports")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    file = models.FileField(upload_to="imports/%Y/%m/")
    filename = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)
    # The form's rules written in XPath the importer cannot evaluate: not checked.
    unchecked_rules = models.JSONField(default=list)

    class Meta(WorkerJob.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.form.form_id} import {self.pk}"


class ExportJob(WorkerJob):
    """A large Excel export, written by the task worker with visible progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready to download")
        FAILED = "failed", _("Failed")

    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="exports")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    state = models.CharField(max_length=12, blank=True)
    labels_language = models.CharField(max_length=8, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(upload_to="exports/%Y/%m/", blank=True)

    class Meta(WorkerJob.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.form.form_id} export {self.pk}"
