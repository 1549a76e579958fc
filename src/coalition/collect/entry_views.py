"""Web entry: filling a form in the browser with ODK Web Forms.

Two doors lead to the same page: a signed-in person opens a form they may fill, or anyone
opens a form's public link. Either way the filled form is sent as ODK Collect sends it and
stored by the same code (openrosa_views.accept_submission).
"""

from csp.decorators import csp_update
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coalition.collect.models import Audience, Form
from coalition.collect.openrosa_views import accept_submission
from coalition.collect.xlsform import with_default_language

# What the Web Forms bundle needs beyond the site's policy: its form engine parses XPath
# with WebAssembly shipped inside the bundle, and its widget library sets styles at run
# time and embeds its fonts, all as data: addresses. Scripts still come only from this
# site, and never from eval.
WEB_FORMS_CSP = {
    "script-src": ["'wasm-unsafe-eval'"],
    "style-src": ["'unsafe-inline'"],
    "connect-src": ["data:"],
    "font-src": ["data:"],
}


def _media_prefix(viewname: str, *args) -> str:
    """The address of the form's media files without a file name; the page adds the name."""
    return reverse(viewname, args=[*args, "-"])[:-1]


def _version_or_404(form: Form):
    version = form.current_version
    if version is None or not form.is_open:
        raise Http404
    return version


def _page(request, form: Form, *, media_url: str, submit_url: str, public: bool):
    version = _version_or_404(form)
    config = {
        "formXml": with_default_language(version.xform, get_language()),
        "mediaUrl": media_url,
        "submitUrl": submit_url,
        "csrfToken": get_token(request),
        "messages": {
            "sending": _("Sending…"),
            "invalid": _("Some answers need attention before the form can be sent."),
            "offline": _(
                "The form could not be sent: there is no connection to the server. "
                "Your answers are still here; try again when you are connected."
            ),
            "failed": _("The server could not accept the form."),
        },
    }
    return render(
        request,
        "collect/fill.html",
        {
            "form": form,
            "version": version,
            "config": config,
            "bundle": static("collect/webform/webform.js"),
            "public": public,
        },
    )


def _media(form: Form, name: str):
    item = _version_or_404(form).media.filter(name=name).first()
    if item is None:
        raise Http404
    return FileResponse(item.file.open("rb"), filename=item.name)


# --- signed in -------------------------------------------------------------------------


def _fillable(request, form_id: str) -> Form:
    return get_object_or_404(Form.objects.fillable_by(request.user), form_id=form_id)


@login_required
@require_GET
@csp_update(WEB_FORMS_CSP)
def fill(request, form_id):
    form = _fillable(request, form_id)
    return _page(
        request,
        form,
        media_url=_media_prefix("collect:fill_media", form.form_id),
        submit_url=reverse("collect:fill_submission", args=[form.form_id]),
        public=False,
    )


@login_required
@require_GET
def fill_media(request, form_id, name):
    return _media(_fillable(request, form_id), name)


@login_required
@require_POST
def fill_submission(request, form_id):
    _fillable(request, form_id)
    return accept_submission(request, actor=request.user)


# --- public link -----------------------------------------------------------------------


def _by_token(token: str) -> Form:
    return get_object_or_404(Form, audience=Audience.PUBLIC_LINK, public_token=token)


@require_GET
@csp_update(WEB_FORMS_CSP)
def public_fill(request, token):
    form = _by_token(token)
    return _page(
        request,
        form,
        media_url=_media_prefix("public_form:media", token),
        submit_url=reverse("public_form:submission", args=[token]),
        public=True,
    )


@require_GET
def public_media(request, token, name):
    return _media(_by_token(token), name)


@require_POST
def public_submission(request, token):
    _by_token(token)
    return accept_submission(request, actor=request.user, public_token=token)
