"""The site's URLs plus /null/submission: the same OpenRosa exchange as /collect/submission
(HEAD, then a multipart POST read in full, through every middleware), answered without
authenticating, parsing or storing anything."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from coalition.collect.openrosa import openrosa_headers, openrosa_response
from coalition.config.urls import *  # noqa: F403
from coalition.config.urls import urlpatterns as site_urlpatterns


@csrf_exempt
def null_submission(request):
    if request.method == "HEAD":
        return openrosa_headers(HttpResponse(status=204))
    request.FILES.get("xml_submission_file")  # the body is read and split, as for real
    return openrosa_response("Thank you.", 201, nature="submit_success")


urlpatterns = [*site_urlpatterns, path("null/submission", null_submission)]
