"""Domain errors raised by services. Views turn them into messages or 4xx responses."""

from django.core.exceptions import PermissionDenied


class DomainError(Exception):
    """A rule of the domain was broken; the message is safe to show to the user."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidTransition(DomainError):
    """An object was asked to move to a state it cannot reach from where it is."""


class NotAllowed(PermissionDenied):
    """The actor may not do this. Subclasses PermissionDenied so Django answers 403."""
