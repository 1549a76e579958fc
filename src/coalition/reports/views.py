"""The secretariat's report pages: editions, their review and sign-off, each section's
narrative per language with comments and history, evidence, recommendations, builds.

Every page asks edition_policy; drafts are found only through Edition.objects.visible_to,
so a draft is a 404 to anyone outside the secretariat. Forms post back to the page they
are on and a refused or invalid post changes nothing and says why."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coalition.collect.models import Submission
from coalition.core.errors import DomainError
from coalition.reports import services
from coalition.reports.document import build_document, section_title
from coalition.reports.forms import (
    BuildForm,
    CommentForm,
    EditionForm,
    EvidenceForm,
    IndicatorsForm,
    NoteForm,
    RecommendationForm,
    SectionTextForm,
    SignOffForm,
)
from coalition.reports.models import Edition, Recommendation, SignOff
from coalition.reports.narrative import to_html
from coalition.reports.policies import edition_policy
from coalition.reports.public_views import file_response


def _edition(request, pk) -> Edition:
    edition = get_object_or_404(Edition.objects.visible_to(request.user), pk=pk)
    edition_policy.require(request.user, "manage", edition)
    return edition


def _failed(request, form, error: DomainError) -> None:
    if form is not None and error.field in form.fields:
        form.add_error(error.field, error.message)
    else:
        messages.error(request, error.message)


@login_required
def editions(request):
    edition_policy.require(request.user, "add")
    all_editions = Edition.objects.visible_to(request.user)
    form = EditionForm(request.POST or None, editions=all_editions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            edition = services.create_edition(
                kind=data["kind"],
                year=data["year"],
                languages=data["languages"],
                title={data["languages"][0]: data["title"]},
                previous=data["previous"],
                actor=request.user,
            )
        except DomainError as error:
            _failed(request, form, error)
        else:
            return redirect("reports:edition", pk=edition.pk)
    return render(request, "reports/editions.html", {"editions": all_editions, "form": form})


@login_required
def edition(request, pk):
    found = _edition(request, pk)
    language = _language(request, found)
    builds = list(found.builds.order_by("-pk")[:20])
    return render(
        request,
        "reports/edition.html",
        {
            "edition": found,
            "title": found.title_in(language),
            "sections": [
                (section, section_title(found, section)) for section in found.sections.all()
            ],
            "sign_offs": found.sign_offs.select_related("user"),
            "missing": [SignOff.Role(r).label for r in services.missing_sign_offs(found)],
            "signable": SignOffForm(),
            "note_form": NoteForm(),
            "build_form": _build_form(found),
            "builds": builds,
            "busy": any(b.under_way for b in builds),
            "recommendations": [(r, r.text_in(language)) for r in found.recommendations.all()],
            "events": found.events.select_related("actor")[:30],
            "perms": edition_policy.permissions_for(request.user, found),
            "language": language,
        },
    )


def _build_form(edition) -> BuildForm:
    form = BuildForm()
    names = dict(form.fields["language"].choices)
    form.fields["language"].choices = [(code, names[code]) for code in edition.languages]
    return form


def _language(request, edition) -> str:
    asked = request.GET.get("language") or request.POST.get("language") or get_language()
    return asked if asked in edition.languages else edition.languages[0]


TRANSITIONS = {
    "submit": lambda edition, user, note: services.submit_for_review(edition=edition, actor=user),
    "return": lambda edition, user, note: services.return_to_draft(
        edition=edition, actor=user, note=note
    ),
    "approve": lambda edition, user, note: services.approve_edition(edition=edition, actor=user),
    "publish": lambda edition, user, note: services.publish_edition(edition=edition, actor=user),
    "reopen": lambda edition, user, note: services.reopen_edition(
        edition=edition, actor=user, note=note
    ),
}


@login_required
@require_POST
def transition(request, pk, action):
    found = _edition(request, pk)
    if action not in TRANSITIONS:
        raise Http404
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        TRANSITIONS[action](found, request.user, note)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("reports:edition", pk=found.pk)


@login_required
@require_POST
def sign(request, pk):
    found = _edition(request, pk)
    form = SignOffForm(request.POST)
    if form.is_valid():
        try:
            services.sign_off(edition=found, role=form.cleaned_data["role"], actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
    return redirect("reports:edition", pk=found.pk)


@login_required
@require_POST
def build(request, pk):
    found = _edition(request, pk)
    form = BuildForm(request.POST)
    if form.is_valid():
        try:
            services.start_build(edition=found, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
    return redirect("reports:edition", pk=found.pk)


@login_required
def build_file(request, pk, build_pk):
    found = _edition(request, pk)
    done = get_object_or_404(found.builds, pk=build_pk, status="succeeded")
    return file_response(done)


@login_required
def section(request, pk, key):
    found = _edition(request, pk)
    part = get_object_or_404(found.sections, key=key)
    language = _language(request, found)
    text = part.texts.filter(language=language).first()
    forms = {
        "text": SectionTextForm(initial={"body": text.body if text else ""}),
        "comment": CommentForm(),
        "evidence": EvidenceForm(initial={"language": language}),
        "indicators": IndicatorsForm(
            initial={"indicators": part.indicators}, target=part.target, language=language
        ),
    }
    if request.method == "POST":
        which = request.POST.get("form", "")
        forms["text"] = SectionTextForm(request.POST) if which == "text" else forms["text"]
        handled = _section_post(request, part, language, which, forms)
        if handled:
            return redirect(f"{request.path}?language={language}")
    # The text is written in its own language and direction, whatever the page's.
    forms["text"].fields["body"].widget.attrs.update(
        {"lang": language, "dir": "rtl" if language in settings.LANGUAGES_BIDI else "ltr"}
    )
    preview = to_html(forms["text"]["body"].value() or "")
    return render(
        request,
        "reports/section.html",
        {
            "edition": found,
            "section": part,
            "title": section_title(found, part),
            "language": language,
            "forms": forms,
            "preview": preview,
            "revisions": part.revisions.filter(language=language).select_related("author")[:20],
            "comments": part.comments.select_related("author"),
            "evidence": part.evidence.all(),
            "perms": edition_policy.permissions_for(request.user, found),
        },
    )


def _section_post(request, part, language, which, forms) -> bool:
    """Carry out one form of the section page; True when it was saved."""
    user = request.user
    try:
        if which == "text":
            form = forms["text"]
            if form.is_valid():
                services.save_section_text(
                    section=part, language=language, actor=user, **form.cleaned_data
                )
                return True
        elif which == "comment":
            form = forms["comment"] = CommentForm(request.POST)
            if form.is_valid():
                services.add_comment(
                    section=part, body=form.cleaned_data["body"], actor=user, language=language
                )
                return True
        elif which == "resolve":
            comment = get_object_or_404(part.comments, pk=request.POST.get("comment") or 0)
            services.resolve_comment(comment=comment, actor=user)
            return True
        elif which == "indicators":
            form = forms["indicators"] = IndicatorsForm(
                request.POST, target=part.target, language=language
            )
            if form.is_valid():
                services.set_chapter_indicators(
                    section=part, codes=form.cleaned_data["indicators"], actor=user
                )
                return True
        elif which == "evidence":
            form = forms["evidence"] = EvidenceForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                submission = None
                if data["submission"]:
                    submission = (
                        Submission.objects.visible_to(user).filter(pk=data["submission"]).first()
                    )
                    if submission is None:
                        raise DomainError(_("No such submission."), field="submission")
                services.attach_evidence(
                    section=part, quote=data["quote"], language=data["language"],
                    attribution=data["attribution"], submission=submission, actor=user,
                )  # fmt: skip
                return True
        elif which == "remove_evidence":
            evidence = get_object_or_404(part.evidence, pk=request.POST.get("evidence") or 0)
            services.remove_evidence(evidence=evidence, actor=user)
            return True
    except DomainError as error:
        _failed(request, forms.get(which), error)
    return False


@login_required
def recommendation(request, pk, recommendation_pk=None):
    found = _edition(request, pk)
    existing = (
        get_object_or_404(found.recommendations, pk=recommendation_pk)
        if recommendation_pk
        else None
    )
    initial = {"status": Recommendation.Status.NEW}
    if existing:
        initial = {
            "duty_bearer": existing.duty_bearer,
            "target": existing.target,
            "status": existing.status,
            **{f"text_{k}": v for k, v in existing.text.items()},
            **{f"progress_{k}": v for k, v in existing.progress.items()},
        }
    form = RecommendationForm(request.POST or None, initial=initial, languages=found.languages)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_recommendation(
                edition=found,
                actor=request.user,
                recommendation=existing,
                duty_bearer=form.cleaned_data["duty_bearer"],
                target=form.cleaned_data["target"],
                status=form.cleaned_data["status"],
                text=form.by_language("text"),
                progress=form.by_language("progress"),
            )
        except DomainError as error:
            _failed(request, form, error)
        else:
            return redirect("reports:edition", pk=found.pk)
    return render(
        request,
        "reports/recommendation.html",
        {"edition": found, "form": form, "existing": existing},
    )


@login_required
def preview(request, pk):
    """The whole edition as readers will see it, in one of its languages; figures live
    until approval."""
    found = _edition(request, pk)
    language = _language(request, found)
    return render(
        request,
        "reports/preview.html",
        {"edition": found, "document": build_document(found, language), "language": language},
    )
