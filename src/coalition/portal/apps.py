from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "coalition.portal"
    label = "portal"
    verbose_name = "Public portal"
