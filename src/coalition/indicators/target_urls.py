from django.urls import path

from coalition.indicators import target_views

app_name = "targets"
urlpatterns = [
    path("", target_views.targets, name="list"),
    path("<int:pk>/delete/", target_views.delete, name="delete"),
]
