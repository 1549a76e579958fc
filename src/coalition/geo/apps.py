from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "coalition.geo"
    label = "geo"
    verbose_name = "Geography"
