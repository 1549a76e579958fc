from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "coalition.network"
    label = "network"
    verbose_name = "Member network"

    def ready(self):
        from auditlog.registry import auditlog

        from coalition.network import models

        auditlog.register(models.Organisation, m2m_fields={"areas", "themes"})
        auditlog.register(models.Person)
        auditlog.register(models.MembershipApplication)
        auditlog.register(models.MembershipEvent)
