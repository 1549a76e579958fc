"""Audit: every change made through a service names its actor.

django-auditlog records each save/delete of a registered model with the field diff.
Services wrap their writes in `acting_as(actor)` so the entry carries the actor even when
no request is around (commands, tasks, the demo loader); during a request the middleware
supplies the request's user (for changes made outside services, such as the admin) and
address.

Who and where live in a context variable that one receiver, connected once, copies onto
each log entry. auditlog's own middleware and `set_actor` connect and disconnect a
receiver every time instead, which empties Django's signal caches on every request.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from auditlog.cid import set_cid
from auditlog.middleware import AuditlogMiddleware
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model

_context: ContextVar[dict | None] = ContextVar("coalition_audit", default=None)


@contextmanager
def acting_as(actor):
    """Changes made inside are logged as `actor`'s (None: nobody's), whoever is logged in."""
    who = actor if getattr(actor, "pk", None) else None
    token = _context.set({**(_context.get() or {}), "actor": who})
    try:
        yield
    finally:
        _context.reset(token)


class AuditMiddleware:
    """Makes the request's user and address available to the log entries it causes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        set_cid(request)
        token = _context.set({"request": request})
        try:
            return self.get_response(request)
        finally:
            _context.reset(token)


def fill_log_entry(sender, instance, **kwargs):
    """pre_save receiver for LogEntry, connected once in CoreConfig.ready."""
    context = _context.get() or {}
    request = context.get("request")
    # The request's user is read only when something is logged: most requests change
    # nothing audited, and reading it may cost a session lookup.
    actor = context["actor"] if "actor" in context else getattr(request, "user", None)
    if instance.actor is None and isinstance(actor, get_user_model()) and actor.is_authenticated:
        instance.actor = actor
        instance.actor_email = actor.email
    if request is not None:
        instance.remote_addr = AuditlogMiddleware._get_remote_addr(request)
        instance.remote_port = AuditlogMiddleware._get_remote_port(request)


def history_of(obj, limit: int = 50):
    """The newest audit entries for an object, newest first."""
    return LogEntry.objects.get_for_object(obj).select_related("actor")[:limit]
