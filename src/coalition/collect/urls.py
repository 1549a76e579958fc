from django.urls import path

from coalition.collect import views

app_name = "collect"
urlpatterns = [
    path("", views.form_list, name="forms"),
    path("new/", views.upload, name="upload"),
    path("<str:form_id>/", views.form_detail, name="form"),
    path("<str:form_id>/submissions/", views.submissions, name="submissions"),
    path("<str:form_id>/versions/<int:version_pk>/<str:kind>/", views.download, name="download"),
]
