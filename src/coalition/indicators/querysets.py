"""Reading results: the current ones, for the cells asked for."""

from django.db import models
from django.db.models import Max


class ResultQuerySet(models.QuerySet):
    def current(self):
        """Results of the newest succeeded run of each dataset: older runs stay as
        history (reports published from them can still be traced)."""
        from coalition.indicators.models import ComputationRun

        latest = (
            ComputationRun.objects.filter(status=ComputationRun.Status.SUCCEEDED)
            .values("dataset_version__dataset")
            .annotate(last=Max("pk"))
            .values("last")
        )
        return self.filter(run__in=models.Subquery(latest))

    def by(self, columns: set[str]):
        """Cells disaggregated by exactly these columns; "province" means one result per
        province (the area), its absence the national figure."""
        wanted = sorted(c for c in columns if c != "province")
        results = self.filter(cell__regex=_cell_pattern(wanted)) if wanted else self.filter(cell="")
        return (
            results.filter(area__contains="-")
            if "province" in columns
            else results.exclude(area__contains="-")
        )

    def visible_to(self, user):
        """Indicator results are aggregates meant for publication: everyone sees them,
        and disclosure.protect decides what of each figure may be shown."""
        return self


def _cell_pattern(columns: list[str]) -> str:
    return "^" + r"\|".join(f"{c}=[^|]*" for c in columns) + "$"
