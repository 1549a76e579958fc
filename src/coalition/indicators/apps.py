from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    """SDG 4 indicators computed from warehouse datasets: catalogue, survey estimation with
    standard errors, disaggregation, disclosure control and stored results."""

    name = "coalition.indicators"
    label = "indicators"
    verbose_name = "Indicators"

    def ready(self):
        from coalition.warehouse.signals import dataset_written

        dataset_written.connect(_queue_form_fed_refresh, dispatch_uid="form-fed-datasets")


def _queue_form_fed_refresh(sender, name: str, **kwargs) -> None:
    """Only queues work: the import itself is a task, through the services."""
    from django.db import transaction

    from coalition.indicators.tasks import refresh_form_fed_datasets
    from coalition.warehouse.models import Dataset

    if Dataset.objects.filter(form_dataset=name).exists():
        transaction.on_commit(lambda: refresh_form_fed_datasets.enqueue(name))
