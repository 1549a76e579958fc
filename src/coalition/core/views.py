"""Error pages that keep the site's look and language."""

from django.http import HttpResponse
from django.shortcuts import render


def permission_denied(request, exception=None):
    return render(request, "core/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "core/404.html", status=404)


def healthz(request):
    """For load balancers and monitoring: answers without touching the database. Also the
    "null endpoint" benchmarks compare real endpoints with."""
    return HttpResponse("ok", content_type="text/plain")
