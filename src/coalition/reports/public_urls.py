from django.urls import path

from coalition.reports import public_views

app_name = "publications"
urlpatterns = [
    path("", public_views.publications, name="list"),
    path("<int:pk>/", public_views.publication, name="edition"),
    path("<int:pk>/files/<int:build_pk>/", public_views.publication_file, name="file"),
    path("<int:pk>/<str:key>/", public_views.publication_part, name="part"),
]
