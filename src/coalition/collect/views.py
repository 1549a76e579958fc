"""Staff and member pages of data collection: forms and what has arrived for them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coalition.accounts.models import SECRETARIAT_ROLES, Role
from coalition.accounts.roles import scope_of
from coalition.collect import exports, services
from coalition.collect import quality as quality_checks
from coalition.collect.forms import FormSettingsForm, ImportForm, UploadForm
from coalition.collect.models import (
    ExportJob,
    Form,
    QualitySettings,
    Submission,
    SubmissionState,
    ValidationRule,
)
from coalition.collect.policies import form_policy
from coalition.collect.xlsform import XLSFormError
from coalition.core.errors import DomainError
from coalition.network.models import Organisation


def _owners(user):
    scope = scope_of(user)
    if scope.holds(*SECRETARIAT_ROLES):
        return Organisation.objects.members().filter(membership_status="active"), True
    own = scope.organisations_for(Role.FOCAL_POINT)
    return Organisation.objects.filter(pk__in=own), False


@login_required
def form_list(request):
    forms = (
        Form.objects.visible_to(request.user)
        .annotate(submission_count=Count("submissions"))
        .select_related("owner")
    )
    return render(
        request,
        "collect/form_list.html",
        {
            "forms": forms,
            "fillable": set(Form.objects.fillable_by(request.user).values_list("pk", flat=True)),
            "can_add": form_policy.can(request.user, "add"),
            "server_url": request.build_absolute_uri("/collect"),
        },
    )


@login_required
def upload(request):
    form_policy.require(request.user, "add")
    owners, coalition_wide = _owners(request.user)
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        owners=owners,
        coalition_wide_allowed=coalition_wide,
    )
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            version = services.publish_form(
                content=upload_file.read(),
                filename=upload_file.name,
                actor=request.user,
                owner=form.cleaned_data["owner"],
                media={f.name: f.read() for f in form.cleaned_data["media"]},
            )
        except XLSFormError as error:
            form.add_error("file", str(error))
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else "file", error.message)
        else:
            messages.success(
                request,
                _("Version %(version)s of “%(title)s” is published.")
                % {"version": version.version, "title": version.form.title},
            )
            return redirect("collect:form", form_id=version.form.form_id)
    return render(request, "collect/upload.html", {"form": form})


@login_required
def form_detail(request, form_id):
    form = get_object_or_404(Form.objects.visible_to(request.user), form_id=form_id)
    can_change = form_policy.can(request.user, "change", form)
    settings_form = FormSettingsForm(
        request.POST or None,
        instance=form,
        organisations=Organisation.objects.members().filter(membership_status="active"),
    )
    if request.method == "POST":
        form_policy.require(request.user, "change", form)
        if settings_form.is_valid():
            services.update_form_settings(
                form=form, changes=settings_form.cleaned_data, actor=request.user
            )
            messages.success(request, _("Settings saved."))
            return redirect("collect:form", form_id=form.form_id)
    counts = dict(
        Submission.objects.visible_to(request.user)
        .filter(form=form)
        .values_list("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    return render(
        request,
        "collect/form_detail.html",
        {
            "form": form,
            "versions": form.versions.all(),
            "counts": [(s.value, s.label, counts.get(s.value, 0)) for s in SubmissionState],
            "can_change": can_change,
            "settings_form": settings_form,
            "server_url": request.build_absolute_uri("/collect"),
            "can_fill": form.is_open and form_policy.can(request.user, "fill", form),
            "public_url": (
                request.build_absolute_uri(reverse("public_form:fill", args=[form.public_token]))
                if form.public_token
                else None
            ),
        },
    )


@login_required
@require_POST
def replace_public_link(request, form_id):
    form = get_object_or_404(Form.objects.visible_to(request.user), form_id=form_id)
    try:
        services.replace_public_link(form=form, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The old link no longer works; share the new one."))
    return redirect("collect:form", form_id=form.form_id)


@login_required
def download(request, form_id, version_pk, kind):
    form = get_object_or_404(Form.objects.visible_to(request.user), form_id=form_id)
    version = get_object_or_404(form.versions, pk=version_pk)
    if kind not in {"xml", "xlsform"}:
        raise Http404
    if kind == "xml":
        response = HttpResponse(version.xform, content_type="text/xml; charset=utf-8")
        name = f"{form.form_id}-{version.version}.xml"
    else:
        response = HttpResponse(version.xlsform.read(), content_type="application/octet-stream")
        name = version.xlsform_name
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def submissions(request, form_id):
    form = get_object_or_404(Form.objects.visible_to(request.user), form_id=form_id)
    queryset = (
        Submission.objects.visible_to(request.user)
        .filter(form=form)
        .select_related("organisation", "area", "submitted_by")
    )
    state = request.GET.get("state", "")
    if state in SubmissionState.values:
        queryset = queryset.filter(state=state)
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "collect/submissions.html",
        {
            "form": form,
            "page": page,
            "state": state,
            "states": SubmissionState.choices,
            "query": f"state={state}" if state else "",
            "form_url": reverse("collect:form", args=[form.form_id]),
        },
    )


XLSX_LIMIT = 20_000  # beyond this the Excel file is written by the task worker


def _export_scope(request, form_id):
    form = get_object_or_404(Form.objects.visible_to(request.user), form_id=form_id)
    submissions = services.export_queryset(form, request.user, request.GET.get("state", ""))
    version = form.current_version
    labels = None
    if request.GET.get("labels") == "1" and version is not None:
        labels = exports.labels_of(version.xform, _label_language(request))
    tables = exports.tables_of(version.schema if version else {})
    return form, submissions, labels, tables


def _label_language(request) -> str:
    return request.GET.get("lang") or request.LANGUAGE_CODE


@login_required
def export_csv(request, form_id):
    form, submissions, labels, tables = _export_scope(request, form_id)
    wanted = request.GET.get("table", "data")
    table = next((t for t in tables if t.name == wanted), None)
    if table is None:
        raise Http404
    response = StreamingHttpResponse(
        exports.stream_csv(table, submissions.iterator(chunk_size=2000), labels),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{form.form_id}-{table.name}.csv"'
    return response


@login_required
def export_xlsx(request, form_id):
    form, submissions, labels, tables = _export_scope(request, form_id)
    if submissions.count() > XLSX_LIMIT:
        # Too long for one request: the worker writes it, the page shows progress.
        job = services.start_export(
            form=form,
            actor=request.user,
            state=request.GET.get("state", ""),
            labels_language=_label_language(request) if labels else "",
        )
        return redirect("collect:export_job", form_id=form.form_id, pk=job.pk)
    response = HttpResponse(
        exports.xlsx(tables, submissions, labels),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{form.form_id}.xlsx"'
    return response


@login_required
def quality(request, form_id):
    form = get_object_or_404(Form.objects.visible_to(request.user), form_id=form_id)
    can_change = form_policy.can(request.user, "change", form)
    settings = QualitySettings.objects.filter(form=form).first()
    if request.method == "POST":
        form_policy.require(request.user, "change", form)
        try:
            if "remove_rule" in request.POST:
                rule = get_object_or_404(form.rules, pk=request.POST["remove_rule"])
                services.remove_validation_rule(rule=rule, actor=request.user)
            elif "left" in request.POST:
                services.add_validation_rule(
                    form=form,
                    name=request.POST.get("name", ""),
                    left=request.POST.get("left", ""),
                    operator=request.POST.get("operator", ""),
                    right=request.POST.get("right", ""),
                    actor=request.user,
                )
            else:
                services.save_quality_settings(
                    form=form,
                    key_fields=request.POST.get("key_fields", ""),
                    period_field=request.POST.get("period_field", ""),
                    expected_organisations=Organisation.objects.filter(
                        pk__in=[i for i in request.POST.getlist("expected") if i.isdigit()]
                    ),
                    actor=request.user,
                )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Saved."))
        return redirect("collect:quality", form_id=form.form_id)
    submissions = list(
        Submission.objects.visible_to(request.user)
        .filter(form=form)
        .exclude(state="rejected")
        .select_related("organisation")
    )
    rules = list(form.rules.all())
    schema = form.current_version.schema if form.current_version else {}
    key_fields = [
        k.strip() for k in (settings.key_fields if settings else "").split(",") if k.strip()
    ]
    expected = list(settings.expected_organisations.all()) if settings else []
    failures = [
        (s, failed) for s in submissions if (failed := quality_checks.failed_rules(rules, s))
    ]
    periods, completeness_rows = quality_checks.completeness(
        submissions, expected, settings.period_field if settings else ""
    )
    return render(
        request,
        "collect/quality.html",
        {
            "form": form,
            "can_change": can_change,
            "settings": settings,
            "rules": rules,
            "rule_failures": failures[:200],  # the first 200; the count says how many
            "rule_failure_count": len(failures),
            "outliers": quality_checks.outliers(submissions, quality_checks.numeric_fields(schema)),
            "duplicates": quality_checks.duplicates(submissions, key_fields),
            "periods": periods,
            "completeness": completeness_rows,
            "operators": ValidationRule.Operator.choices,
            "members": Organisation.objects.members().filter(membership_status="active"),
            "expected_ids": {o.pk for o in expected},
            "numeric_fields": quality_checks.numeric_fields(schema),
            "submission_count": len(submissions),
        },
    )


@login_required
def import_data(request, form_id):
    form = get_object_or_404(Form.objects.visible_to(request.user), form_id=form_id)
    form_policy.require(request.user, "change", form)
    upload = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and upload.is_valid():
        data_file = upload.cleaned_data["file"]
        try:
            job = services.start_import(
                form=form, content=data_file.read(), filename=data_file.name, actor=request.user
            )
        except DomainError as error:
            upload.add_error("file", error.message)
        else:
            return redirect("collect:import_job", form_id=form.form_id, pk=job.pk)
    return render(
        request,
        "collect/import.html",
        {
            "form": form,
            "upload": upload,
            "jobs": form.imports.all()[:20],
        },
    )


@login_required
def import_job(request, form_id, pk):
    form = get_object_or_404(Form.objects.visible_to(request.user), form_id=form_id)
    form_policy.require(request.user, "change", form)
    job = get_object_or_404(form.imports, pk=pk)
    return render(request, "collect/import_job.html", {"form": form, "job": job})


@login_required
def export_job(request, form_id, pk):
    job = get_object_or_404(ExportJob, pk=pk, form__form_id=form_id, requested_by=request.user)
    if request.GET.get("download") and job.status == ExportJob.Status.DONE:
        return FileResponse(
            job.file.open("rb"), as_attachment=True, filename=f"{job.form.form_id}.xlsx"
        )
    return render(request, "collect/export_job.html", {"job": job, "form": job.form})
