"""Audit: every change made through a service names its actor.

django-auditlog records each save/delete of a registered model with the field diff.
Services wrap their writes in `acting_as(actor)` so the entry carries the actor even when
no request is around (commands, tasks, the demo loader).
"""

from contextlib import contextmanager

from auditlog.context import set_actor
from auditlog.models import LogEntry


@contextmanager
def acting_as(actor):
    with set_actor(actor if getattr(actor, "pk", None) else None):
        yield


def history_of(obj, limit: int = 50):
    """The newest audit entries for an object, newest first."""
    return LogEntry.objects.get_for_object(obj).select_related("actor")[:limit]
