"""Computation runs and the results they stored, with their provenance."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coalition.core.models import WorkerJob
from coalition.indicators.querysets import ResultQuerySet


class ComputationRun(WorkerJob):
    """One computation of the catalogue from one dataset version."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Computing")
        SUCCEEDED = "succeeded", _("Computed")
        FAILED = "failed", _("Failed")

    # The version whose import asked for this run, and every version it read (a school
    # census figure reads schools, enrolment and population).
    dataset_version = models.ForeignKey(
        "warehouse.DatasetVersion", on_delete=models.PROTECT, related_name="runs"
    )
    inputs = models.ManyToManyField("warehouse.DatasetVersion", related_name="used_by")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    results_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"run {self.pk} of {self.dataset_version}"


class Result(models.Model):
    """One figure: an indicator's value (or a parity index of it) for one year, place and
    disaggregation cell, with its precision and where it came from. Stored as computed;
    disclosure control is applied where figures leave (disclosure.protect)."""

    run = models.ForeignKey(ComputationRun, on_delete=models.CASCADE, related_name="results")
    indicator = models.CharField(max_length=60, db_index=True)
    measure = models.CharField(
        max_length=8, default="value", help_text="value, or a parity index: GPIA, LPIA, ..."
    )
    year = models.PositiveSmallIntegerField(null=True)
    area = models.CharField(max_length=16, help_text="country or province code")
    # The cell, e.g. {"sex": "F", "location": "RUR"}, and the same as text for grouping.
    disaggregation = models.JSONField(default=dict)
    cell = models.CharField(max_length=120, blank=True)
    source = models.CharField(max_length=8, default="survey")  # survey or count
    value = models.FloatField(null=True)
    se = models.FloatField(null=True)
    ci_low = models.FloatField(null=True)
    ci_high = models.FloatField(null=True)
    n = models.PositiveIntegerField(null=True)
    numerator = models.FloatField(null=True)
    denominator = models.FloatField(null=True)
    deff = models.FloatField(null=True)

    objects = ResultQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["indicator", "run"])]

    def __str__(self) -> str:
        return f"{self.indicator} {self.measure} {self.area} {self.cell}"


class OfficialImport(models.Model):
    """One file of official figures (UIS bulk data or the SDG 4 benchmark tables)."""

    filename = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    source = models.CharField(max_length=200)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    rows = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.source} ({self.filename})"


class OfficialValue(models.Model):
    """An official figure for the deployment's country, as UIS publishes it, shown next to
    the coalition's own. MAGNITUDE and QUALIFIER keep UIS's notes (NIL, LOWREL, UIS_EST...)."""

    source_file = models.ForeignKey(OfficialImport, on_delete=models.CASCADE, related_name="values")
    uis_indicator_id = models.CharField(max_length=60, db_index=True)
    country = models.CharField(max_length=3)  # ISO 3166-1 alpha-3, as UIS gives it
    year = models.PositiveSmallIntegerField()
    value = models.FloatField(null=True)
    magnitude = models.CharField(max_length=10, blank=True)
    qualifier = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["uis_indicator_id", "year"]

    def __str__(self) -> str:
        return f"{self.uis_indicator_id} {self.country} {self.year}"


class Target(models.Model):
    """A value to reach by a year: the national education plan's, or the country's SDG 4
    national benchmark."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("National plan target")
        BENCHMARK = "benchmark", _("SDG 4 national benchmark")

    indicator = models.CharField(_("indicator"), max_length=60)
    area = models.CharField(_("area"), max_length=16, help_text=_("country or province code"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "area", "kind", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "kind", "year"], name="one_target_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.area} {self.kind} {self.year}: {self.value}"
