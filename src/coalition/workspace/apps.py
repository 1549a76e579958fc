from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    """The logged-in home: what this user has to do across every app, and the
    administrator's users-and-roles page. Top layer: it reads from every app below."""

    name = "coalition.workspace"
    label = "workspace"
    verbose_name = "Workspace"
