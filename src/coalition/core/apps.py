from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "coalition.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from auditlog.models import LogEntry
        from django.db.models.signals import pre_save

        from coalition.core.audit import fill_log_entry

        pre_save.connect(fill_log_entry, sender=LogEntry, dispatch_uid="coalition.audit")
