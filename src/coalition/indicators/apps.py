from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    """SDG 4 indicators computed from warehouse datasets: catalogue, survey estimation with
    standard errors, disaggregation, disclosure control and stored results."""

    name = "coalition.indicators"
    label = "indicators"
    verbose_name = "Indicators"
