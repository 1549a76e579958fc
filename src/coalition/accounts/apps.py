from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "coalition.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from auditlog.registry import auditlog

        from coalition.accounts.models import RoleAssignment, User

        auditlog.register(User, exclude_fields=["password", "last_login"])
        auditlog.register(RoleAssignment, m2m_fields={"provinces"})
