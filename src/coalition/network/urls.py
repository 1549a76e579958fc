from django.urls import path

from coalition.network import views

app_name = "network"
urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("apply/thanks/", views.applied, name="applied"),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/new/", views.organisation_new, name="organisation_new"),
    path("organisations/export.<str:fmt>", views.export, name="export"),
    path("organisations/<slug:slug>/", views.organisation, name="organisation"),
    path("organisations/<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path(
        "organisations/<slug:slug>/status/", views.organisation_status, name="organisation_status"
    ),
    path("organisations/<slug:slug>/people/new/", views.person_form, name="person_new"),
    path("organisations/<slug:slug>/people/<int:pk>/", views.person_form, name="person_edit"),
    path(
        "organisations/<slug:slug>/people/<int:pk>/delete/",
        views.person_delete,
        name="person_delete",
    ),
    path("applications/", views.applications, name="applications"),
    path("applications/<int:pk>/", views.application, name="application"),
]
