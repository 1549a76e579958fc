from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The synthetic demo coalition. Top layer: it may use every other app."""

    name = "coalition.demo"
    label = "demo"
    verbose_name = "Demo data"
