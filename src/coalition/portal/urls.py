from django.urls import path

from coalition.portal import indicator_views, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("members/", views.directory, name="directory"),
    path("members/<slug:slug>/", views.organisation, name="organisation"),
    path("sources/", views.sources, name="sources"),
    path("indicators/", indicator_views.catalogue_page, name="indicators"),
    path("indicators/<slug:code>/", indicator_views.indicator_page, name="indicator"),
    path(
        "indicators/<slug:code>/provinces/",
        indicator_views.comparison_page,
        name="comparison",
    ),
    path("provinces/", indicator_views.provinces_page, name="provinces"),
    path("provinces/<slug:code>/", indicator_views.province_page, name="province"),
    path("data/", indicator_views.open_data, name="open_data"),
]
