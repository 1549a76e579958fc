from django.urls import path

from coalition.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("members/", views.directory, name="directory"),
    path("members/<slug:slug>/", views.organisation, name="organisation"),
    path("sources/", views.sources, name="sources"),
]
