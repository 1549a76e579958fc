"""The device-facing OpenRosa endpoints. Point ODK Collect at <server>/collect.

Devices authenticate with a device password (HTTP Digest, or Basic over HTTPS); browser
sessions are deliberately not accepted here, so these views need no CSRF token and a
logged-in browser cannot be tricked into submitting.
"""

from django.core.exceptions import RequestDataTooBig
from django.http import FileResponse, Http404, HttpResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from coalition.accounts import device_auth
from coalition.collect import openrosa
from coalition.collect.models import Form
from coalition.collect.openrosa import SubmissionError, openrosa_response
from coalition.collect.services import receive_submission


def _challenge(request, stale=False) -> HttpResponse:
    response = openrosa_response(_("Authentication required."), 401)
    # One challenge: Digest, which every OpenRosa client speaks (Basic is still accepted
    # over HTTPS from clients that send it unasked).
    response["WWW-Authenticate"] = device_auth.digest_challenge(stale=stale)
    if request.method == "HEAD":  # Collect's pre-flight: a HEAD answer carries no body
        response.content = b""
    return response


def _device_user(request):
    result = device_auth.authenticate(request)
    return result.user, result.stale


def _authenticated(view):
    def wrapper(request, *args, **kwargs):
        user, stale = _device_user(request)
        if user is None:
            return _challenge(request, stale=stale)
        request.device_user = user
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@require_http_methods(["GET", "HEAD"])
@_authenticated
def form_list(request):
    forms = Form.objects.fillable_by(request.device_user).prefetch_related("versions__media")
    if request.GET.get("formID"):
        forms = forms.filter(form_id=request.GET["formID"])
    pairs = [(f, f.current_version) for f in forms if f.current_version is not None]
    return openrosa.form_list(
        pairs,
        download_url=lambda form: request.build_absolute_uri(
            reverse("openrosa:form_xml", args=[form.form_id])
        ),
        manifest_url=lambda form, version: (
            request.build_absolute_uri(reverse("openrosa:manifest", args=[form.form_id]))
            if version.media.all()  # prefetched with the versions
            else None
        ),
    )


def _fillable_version(request, form_id):
    form = Form.objects.fillable_by(request.device_user).filter(form_id=form_id).first()
    if form is None or form.current_version is None:
        raise Http404
    return form, form.current_version


@require_http_methods(["GET"])
@_authenticated
def manifest(request, form_id):
    form, version = _fillable_version(request, form_id)
    return openrosa.manifest(
        version.media.all(),
        download_url=lambda item: request.build_absolute_uri(
            reverse("openrosa:media", args=[form.form_id, item.name])
        ),
    )


@require_http_methods(["GET"])
@_authenticated
def media(request, form_id, name):
    _form, version = _fillable_version(request, form_id)
    item = version.media.filter(name=name).first()
    if item is None:
        raise Http404
    return openrosa.openrosa_headers(FileResponse(item.file.open("rb"), filename=item.name))


@require_http_methods(["GET"])
@_authenticated
def form_xml(request, form_id):
    _form, version = _fillable_version(request, form_id)
    return openrosa.openrosa_headers(
        HttpResponse(version.xform, content_type="text/xml; charset=utf-8")
    )


@csrf_exempt
@require_http_methods(["HEAD", "POST"])
@_authenticated
def submission(request):
    if request.method == "HEAD":
        return openrosa.openrosa_headers(HttpResponse(status=204))
    return accept_submission(request, actor=request.device_user)


def accept_submission(request, *, actor, public_token: str | None = None) -> HttpResponse:
    """Read an OpenRosa multipart POST and store it. ODK Collect's requests and the
    browser's (web entry) both come through here, so they are held to the same rules."""
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if length > openrosa.MAX_SUBMISSION_BYTES:
        return openrosa_response(_("The submission is larger than this server accepts."), 413)
    try:
        xml_file = request.FILES.get("xml_submission_file")
        if xml_file is None:
            return openrosa_response(_("No xml_submission_file in the request."), 400)
        xml = xml_file.read()
        attachments = [f for key, f in request.FILES.items() if key != "xml_submission_file"]
        complete = "*isIncomplete*" not in request.POST
        received = receive_submission(
            xml=xml,
            files=attachments,
            actor=actor,
            complete=complete,
            public_token=public_token,
        )
    except SubmissionError as error:
        return openrosa_response(error.message, error.status, nature="error")
    except (MultiPartParserError, UnreadablePostError, RequestDataTooBig):
        return openrosa_response(_("The request body is incomplete or malformed."), 400)
    if received.outcome == "duplicate":
        return openrosa_response(_("This submission was already received."), 202)
    return openrosa_response(
        _("Thank you: the submission was received."), 201, nature="submit_success"
    )
