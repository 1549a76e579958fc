"""Workspace pages for datasets: list and create, upload a file as a new version, follow
its import and read its problem report. Secretariat only (datasets hold microdata)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from coalition.core.errors import DomainError
from coalition.indicators import services
from coalition.indicators.forms import DatasetFileForm, DatasetForm
from coalition.indicators.policies import dataset_policy
from coalition.warehouse.kinds import KINDS
from coalition.warehouse.models import Dataset


@login_required
def datasets(request):
    dataset_policy.require(request.user, "view")
    form = DatasetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dataset = services.create_dataset(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field or None, error.message)
        else:
            return redirect("indicators:dataset", name=dataset.name)
    listed = Dataset.objects.prefetch_related("versions").order_by("-year", "name")
    return render(request, "indicators/datasets.html", {"datasets": listed, "form": form})


@login_required
def dataset(request, name):
    dataset_policy.require(request.user, "view")
    dataset = get_object_or_404(Dataset, name=name)
    upload = DatasetFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and upload.is_valid():
        data_file = upload.cleaned_data["file"]
        try:
            version = services.start_dataset_import(
                dataset=dataset,
                file=data_file,
                filename=data_file.name,
                mapping=upload.cleaned_data["mapping"],
                actor=request.user,
            )
        except DomainError as error:
            upload.add_error(error.field or None, error.message)
        else:
            return redirect("indicators:version", name=dataset.name, number=version.number)
    return render(
        request,
        "indicators/dataset.html",
        {
            "dataset": dataset,
            "kind": KINDS[dataset.kind],
            "versions": dataset.versions.select_related("imported_by"),
            "upload": upload,
        },
    )


@login_required
def version(request, name, number):
    dataset_policy.require(request.user, "view")
    dataset = get_object_or_404(Dataset, name=name)
    found = get_object_or_404(dataset.versions.select_related("imported_by"), number=number)
    runs = list(found.runs.order_by("-pk")[:5])
    # The page reloads itself while the import or a computation from it is under way.
    busy = found.under_way or any(run.under_way for run in runs)
    return render(
        request,
        "indicators/version.html",
        {"dataset": dataset, "version": found, "runs": runs, "busy": busy},
    )
