from django.urls import path

from coalition.collect import openrosa_views

app_name = "openrosa"
urlpatterns = [
    path("formList", openrosa_views.form_list, name="form_list"),
    path("forms/<str:form_id>/form.xml", openrosa_views.form_xml, name="form_xml"),
    path("forms/<str:form_id>/manifest", openrosa_views.manifest, name="manifest"),
    path("forms/<str:form_id>/media/<str:name>", openrosa_views.media, name="media"),
    path("submission", openrosa_views.submission, name="submission"),
]
