"""Workspace page for targets: the national plan's and the SDG 4 national benchmarks,
entered one at a time or as a CSV file, changed and removed. Secretariat only: they are
published beside the figures."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from coalition.core.errors import DomainError
from coalition.indicators import services
from coalition.indicators.catalogue import catalogue
from coalition.indicators.forms import TargetFileForm, TargetForm
from coalition.indicators.models import Target
from coalition.indicators.policies import target_policy


@login_required
def targets(request):
    target_policy.require(request.user, "view")
    language = get_language()
    entry = TargetForm(
        request.POST if "enter" in request.POST else None,
        language=language,
        initial=_initial(request),
    )
    upload = TargetFileForm(
        request.POST if "upload" in request.POST else None,
        request.FILES if "upload" in request.POST else None,
    )
    if request.method == "POST" and "enter" in request.POST and entry.is_valid():
        try:
            services.set_target(actor=request.user, **entry.cleaned_data)
        except DomainError as error:
            entry.add_error(None, error.message)
        else:
            messages.success(request, _("The target is saved."))
            return redirect("targets:list")
    if request.method == "POST" and "upload" in request.POST and upload.is_valid():
        try:
            count = services.upload_targets(
                content=upload.cleaned_data["file"].read(), actor=request.user
            )
        except DomainError as error:
            upload.add_error("file", error.message)
        else:
            imported = ngettext("%(count)s target imported.", "%(count)s targets imported.", count)
            messages.success(request, imported % {"count": count})
            return redirect("targets:list")
    listed = _described(_listed(), language, dict(entry.fields["area"].choices))
    return render(
        request,
        "indicators/targets.html",
        {"targets": listed, "entry": entry, "upload": upload},
    )


def _described(targets, language, places) -> list[tuple]:
    """(target, indicator's name, area's name) in the reader's language."""
    names = {code: indicator.label(language) for code, indicator in catalogue().items()}
    return [
        (
            target,
            names.get(target.indicator, target.indicator),
            places.get(target.area, target.area),
        )
        for target in targets
    ]


def _listed():
    return Target.objects.select_related("entered_by").order_by("indicator", "area", "kind", "year")


def _initial(request) -> dict:
    """?change=<id> fills the entry form with that target, to change its value."""
    try:
        target = Target.objects.get(pk=int(request.GET.get("change", "")))
    except (ValueError, Target.DoesNotExist):
        return {}
    fields = ("indicator", "area", "kind", "year", "value", "source")
    return {name: getattr(target, name) for name in fields}


@login_required
def delete(request, pk):
    """Asks first (a page, no script: the removal is published), removes on POST."""
    # Before the lookup: a refused role learns nothing, not even whether the target exists.
    target_policy.require(request.user, "edit")
    target = get_object_or_404(Target, pk=pk)
    if request.method == "POST":
        services.delete_target(target=target, actor=request.user)
        messages.success(request, _("The target is removed."))
        return redirect("targets:list")
    language = get_language()
    places = dict(TargetForm(language=language).fields["area"].choices)
    [(target, indicator, area)] = _described([target], language, places)
    return render(
        request,
        "indicators/target_delete.html",
        {"target": target, "indicator": indicator, "area": area},
    )
