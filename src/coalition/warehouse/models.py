"""Datasets and their versions, with the provenance every figure is traced back to."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coalition.core.models import WorkerJob
from coalition.warehouse.kinds import KINDS


class Dataset(models.Model):
    """A named series of versions of one canonical kind ("MICS 2022 persons")."""

    name = models.SlugField(_("name"), max_length=80, unique=True)
    kind = models.CharField(
        _("kind"), max_length=30, choices=[(k.code, k.label) for k in KINDS.values()]
    )
    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("Who produced the data")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # A dataset fed by a form: each time the form's approved submissions are written to
    # the warehouse (collect's "form_<id>" dataset), its table becomes a new version,
    # mapped with `mapping` as an imported file would be.
    form_dataset = models.CharField(max_length=120, blank=True)
    form_table = models.CharField(max_length=120, default="data")
    mapping = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def current_version(self) -> "DatasetVersion | None":
        return self.versions.filter(status=DatasetVersion.Status.SUCCEEDED).first()


class DatasetVersion(WorkerJob):
    """One import of a file into a dataset. Succeeded versions are immutable; the newest
    one is current. Failed ones keep their problem report and no data."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Reading and checking")
        SUCCEEDED = "succeeded", _("Imported")
        FAILED = "failed", _("Failed: nothing was imported")

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    source_file = models.FileField(upload_to="dataset-sources/%Y/%m/")
    source_filename = models.CharField(max_length=200)
    source_sha256 = models.CharField(max_length=64, blank=True)
    mapping = models.JSONField(default=dict)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    rows = models.PositiveIntegerField(default=0)
    parquet = models.CharField(max_length=300, blank=True)  # relative to the data directory
    problems = models.JSONField(default=list)

    class Meta(WorkerJob.Meta):
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.dataset.name} v{self.number}"
