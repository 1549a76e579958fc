from django.apps import AppConfig


class CollectConfig(AppConfig):
    name = "coalition.collect"
    label = "collect"
    verbose_name = "Data collection"

    def ready(self):
        from auditlog.registry import auditlog

        from coalition.collect import models

        auditlog.register(models.Form, m2m_fields={"allowed_organisations"})
        auditlog.register(models.FormVersion, exclude_fields=["xform", "xlsform"])
        auditlog.register(models.Submission, exclude_fields=["xml"])
