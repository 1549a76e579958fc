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
        # Submissions are not in the audit log: each keeps its own trail, the device's
        # byte-exact versions (who sent what, when) and the review thread (who changed
        # which state or value).
