"""Reading results: the current ones, for the cells asked for."""

from django.db import models


class ResultQuerySet(models.QuerySet):
    def current(self):
        """For each indicator and year, the results of the newest succeeded run that
        computed it: older runs stay as history (a report published from them can still
        be traced), and a new import replaces only what it affects."""
        from coalition.indicators.models import ComputationRun

        newest = (
            self.model.objects.filter(
                indicator=models.OuterRef("indicator"),
                year=models.OuterRef("year"),
                run__status=ComputationRun.Status.SUCCEEDED,
            )
            .order_by("-run")
            .values("run")[:1]
        )
        return self.filter(run=models.Subquery(newest))

    def by(self, columns: set[str]):
        """Cells disaggregated by exactly these columns; "province" means one result per
        province (the area), its absence the national figure."""
        wanted = sorted(c for c in columns if c != "province")
        results = self.filter(cell__regex=_cell_pattern(wanted)) if wanted else self.filter(cell="")
        # is_province, in SQL
        return (
            results.filter(area__contains="-")
            if "province" in columns
            else results.exclude(area__contains="-")
        )

    def visible_to(self, user):
        """Indicator results are aggregates meant for publication: everyone sees them,
        and disclosure.protect decides what of each figure may be shown."""
        return self


def is_province(area_code: str) -> bool:
    """Province codes are ISO 3166-2 ("AF-KAB"); the country's own code has no dash."""
    return "-" in area_code


def _cell_pattern(columns: list[str]) -> str:
    return "^" + r"\|".join(f"{c}=[^|]*" for c in columns) + "$"
