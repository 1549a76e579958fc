"""Pages of the member network: the public application form and the secretariat's and
members' working pages. Each view reads through visible_to(user), asks the policy, and
makes one service call."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coalition.core.audit import history_of
from coalition.core.errors import DomainError
from coalition.network import services
from coalition.network.choices import MEMBER_KINDS, ApplicationStatus, MembershipStatus
from coalition.network.exports import directory_export
from coalition.network.forms import (
    ApplicationForm,
    DecisionForm,
    DirectoryFilterForm,
    OrganisationForm,
    PersonForm,
    StatusForm,
)
from coalition.network.models import MembershipApplication, Organisation, Person
from coalition.network.policies import (
    application_policy,
    organisation_policy,
    person_policy,
)


def _form_error(form, error: DomainError):
    form.add_error(error.field if error.field in form.fields else None, error.message)


def apply(request):
    form = ApplicationForm(request.POST or None, country_code=settings.COALITION_COUNTRY)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_application(
                organisation=form.organisation_data(),
                contact=form.contact_data(),
                motivation=form.cleaned_data["motivation"],
                language=request.LANGUAGE_CODE,
                actor=request.user,
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            return redirect("network:applied")
    return render(request, "network/apply.html", {"form": form})


def applied(request):
    return render(request, "network/applied.html")


def _visible_organisation(request, slug) -> Organisation:
    return get_object_or_404(Organisation.objects.visible_to(request.user), slug=slug)


@login_required
def organisations(request):
    queryset = Organisation.objects.visible_to(request.user)
    filters = DirectoryFilterForm(request.GET or None, country_code=settings.COALITION_COUNTRY)
    queryset = filters.filter(queryset)
    status = request.GET.get("status", "")
    if status in MembershipStatus.values:
        queryset = queryset.filter(membership_status=status)
    elif status == "partner":
        queryset = queryset.partners()
    page = Paginator(queryset.select_related("headquarters"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "network/organisations.html",
        {
            "page": page,
            "filters": filters,
            "status": status,
            "statuses": MembershipStatus.choices,
            "can_export": organisation_policy.can(request.user, "export"),
            "can_add": organisation_policy.can(request.user, "add"),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def organisation(request, slug):
    org = _visible_organisation(request, slug)
    if not organisation_policy.can(request.user, "view_internal", org):
        return redirect("portal:organisation", slug=slug)
    user = request.user
    context = {
        "org": org,
        "perms": organisation_policy.permissions_for(user, org),
        "people": Person.objects.visible_to(user).filter(organisation=org),
        "can_manage_people": person_policy.can(user, "manage", org),
        "events": org.membership_events.select_related("actor"),
        "history": history_of(org) if organisation_policy.can(user, "view_history", org) else None,
        "status_form": StatusForm(current=org.membership_status),
    }
    return render(request, "network/organisation.html", context)


@login_required
def organisation_new(request):
    organisation_policy.require(request.user, "add")
    form = OrganisationForm(request.POST or None, country_code=settings.COALITION_COUNTRY)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.create_organisation(data=form.changes(), actor=request.user)
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Organisation added."))
            return redirect("network:organisation", slug=org.slug)
    return render(request, "network/organisation_form.html", {"form": form, "org": None})


@login_required
def organisation_edit(request, slug):
    org = _visible_organisation(request, slug)
    organisation_policy.require(request.user, "change", org)
    # Members cannot turn themselves into a ministry: only the secretariat changes the kind.
    kinds = (
        None
        if organisation_policy.can(request.user, "add")
        else (MEMBER_KINDS if org.relationship == "member" else None)
    )
    form = OrganisationForm(
        request.POST or None, instance=org, country_code=settings.COALITION_COUNTRY, kinds=kinds
    )
    if not organisation_policy.can(request.user, "add"):
        form.fields["kind"].disabled = True
    if request.method == "POST" and form.is_valid():
        # The form wrote the cleaned values onto `org`; re-read it so the service sees the
        # stored state and records the difference itself.
        changes = form.changes()
        org = Organisation.objects.get(pk=org.pk)
        try:
            services.update_organisation(organisation=org, changes=changes, actor=request.user)
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("network:organisation", slug=org.slug)
    return render(request, "network/organisation_form.html", {"form": form, "org": org})


@login_required
@require_POST
def organisation_status(request, slug):
    org = _visible_organisation(request, slug)
    organisation_policy.require(request.user, "change_status", org)
    form = StatusForm(request.POST, current=org.membership_status)
    if form.is_valid():
        try:
            services.change_membership_status(
                organisation=org,
                to_status=form.cleaned_data["to_status"],
                reason=form.cleaned_data["reason"],
                effective_on=form.cleaned_data["effective_on"],
                actor=request.user,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Membership status changed."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("network:organisation", slug=org.slug)


@login_required
def person_form(request, slug, pk=None):
    org = _visible_organisation(request, slug)
    person_policy.require(request.user, "manage", org)
    person = (
        get_object_or_404(Person.objects.visible_to(request.user), pk=pk, organisation=org)
        if pk
        else None
    )
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        try:
            services.save_person(
                organisation=org,
                person=Person.objects.get(pk=pk) if pk else None,
                data=data,
                actor=request.user,
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Contact saved."))
            return redirect("network:organisation", slug=org.slug)
    return render(request, "network/person_form.html", {"form": form, "org": org, "person": person})


@login_required
@require_POST
def person_delete(request, slug, pk):
    org = _visible_organisation(request, slug)
    person_policy.require(request.user, "manage", org)
    person = get_object_or_404(Person.objects.visible_to(request.user), pk=pk, organisation=org)
    try:
        services.remove_person(person=person, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Contact removed."))
    return redirect("network:organisation", slug=org.slug)


@login_required
def applications(request):
    application_policy.require(request.user, "review")
    status = request.GET.get("status", ApplicationStatus.PENDING)
    if status not in ApplicationStatus.values:
        status = ApplicationStatus.PENDING
    queryset = MembershipApplication.objects.visible_to(request.user).filter(status=status)
    counts = dict(
        MembershipApplication.objects.visible_to(request.user)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return render(
        request,
        "network/applications.html",
        {
            "applications": queryset.select_related("organisation", "contact"),
            "status": status,
            "tabs": [
                (value, label, counts.get(value, 0)) for value, label in ApplicationStatus.choices
            ],
        },
    )


@login_required
def application(request, pk):
    application_policy.require(request.user, "review")
    app = get_object_or_404(
        MembershipApplication.objects.visible_to(request.user).select_related(
            "organisation", "contact", "decided_by"
        ),
        pk=pk,
    )
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            if form.cleaned_data["decision"] == "admit":
                services.admit_organisation(application=app, reason=reason, actor=request.user)
                messages.success(request, _("Admitted. The applicant has been told by e-mail."))
            else:
                services.reject_application(application=app, reason=reason, actor=request.user)
                messages.success(request, _("Rejected. The applicant has been told by e-mail."))
        except DomainError as error:
            _form_error(form, error)
        else:
            return redirect("network:applications")
    return render(
        request,
        "network/application.html",
        {
            "application": app,
            "org": app.organisation,
            "form": form,
        },
    )


@login_required
def export(request, fmt):
    organisation_policy.require(request.user, "export")
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    content, content_type = directory_export(Organisation.objects.visible_to(request.user), fmt=fmt)
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="directory-{stamp}.{fmt}"'
    return response
