from django.urls import path

from coalition.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.editions, name="editions"),
    path("<int:pk>/", views.edition, name="edition"),
    path("<int:pk>/preview/", views.preview, name="preview"),
    path("<int:pk>/sign/", views.sign, name="sign"),
    path("<int:pk>/build/", views.build, name="build"),
    path("<int:pk>/builds/<int:build_pk>/", views.build_file, name="build_file"),
    path("<int:pk>/recommendations/new/", views.recommendation, name="recommendation_new"),
    path(
        "<int:pk>/recommendations/<int:recommendation_pk>/",
        views.recommendation,
        name="recommendation",
    ),
    path("<int:pk>/sections/<str:key>/", views.section, name="section"),
    path("<int:pk>/<slug:action>/", views.transition, name="transition"),
]
