"""Rendered fragments of the indicator pages, cached per language and data version.

The data version changes whenever what the pages show can change: a computation run
succeeds, a target is added, changed or removed, official figures are imported. It is part
of every key, so recomputed results replace cached pages at once and nothing has to be
deleted; old entries expire. A fragment holds no per-visitor content (no CSRF token, no
name of who is logged in): the page frame around it is rendered for each request."""

from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils.cache import patch_cache_control
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from coalition.indicators.models import ComputationRun, OfficialImport, Target

TIMEOUT = 24 * 3600
PAGE_MAX_AGE = 60  # seconds a browser may reuse a public page before asking again


def data_version() -> str:
    runs = ComputationRun.objects.filter(status=ComputationRun.Status.SUCCEEDED).aggregate(
        last=Max("pk"), count=Count("pk")
    )
    targets = Target.objects.aggregate(changed=Max("updated_at"), count=Count("pk"))
    official = OfficialImport.objects.aggregate(last=Max("pk"))
    changed = targets["changed"].timestamp() if targets["changed"] else 0
    return f"{runs['last']}.{runs['count']}.{changed:.6f}.{targets['count']}.{official['last']}"


def fragment(
    name: str, *parts, render: Callable[[], str], version: str | None = None
) -> SafeString:
    """The fragment `name` for these parts in the reader's language, rendered once per
    data version."""
    key = ":".join(
        ["portal", name, get_language() or "en", version or data_version(), *map(str, parts)]
    )
    html = cache.get(key)
    if html is None:
        html = str(render())
        cache.set(key, html, TIMEOUT)
    return mark_safe(html)  # noqa: S308 - rendered by our own templates, escaped there


def revalidated(view):
    """Public pages may be kept by browsers for a minute and then asked for again with
    their ETag (ConditionalGetMiddleware answers 304 when nothing changed), so a repeat
    visit on a slow line costs headers only. Pages of logged-in visitors stay private."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, max_age=0, must_revalidate=True)
        else:
            patch_cache_control(response, public=True, max_age=PAGE_MAX_AGE)
        return response

    return wrapped
