from django.urls import path

from coalition.collect import entry_views, review_views, views

app_name = "collect"
urlpatterns = [
    path("", views.form_list, name="forms"),
    path("new/", views.upload, name="upload"),
    path("<str:form_id>/", views.form_detail, name="form"),
    path("<str:form_id>/fill/", entry_views.fill, name="fill"),
    path("<str:form_id>/public-link/", views.replace_public_link, name="replace_public_link"),
    path("<str:form_id>/fill/media/<str:name>", entry_views.fill_media, name="fill_media"),
    path("<str:form_id>/fill/submission", entry_views.fill_submission, name="fill_submission"),
    path("<str:form_id>/submissions/", views.submissions, name="submissions"),
    path("<str:form_id>/quality/", views.quality, name="quality"),
    path("<str:form_id>/import/", views.import_data, name="import"),
    path("<str:form_id>/import/<int:pk>/", views.import_job, name="import_job"),
    path("<str:form_id>/export.csv", views.export_csv, name="export_csv"),
    path("<str:form_id>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("<str:form_id>/exports/<int:pk>/", views.export_job, name="export_job"),
    path("<str:form_id>/submissions/bulk/", review_views.bulk, name="bulk"),
    path("<str:form_id>/submissions/<int:pk>/", review_views.submission_detail, name="submission"),
    path(
        "<str:form_id>/submissions/<int:pk>/state/", review_views.change_state, name="change_state"
    ),
    path("<str:form_id>/submissions/<int:pk>/endorse/", review_views.endorse, name="endorse"),
    path("<str:form_id>/submissions/<int:pk>/comment/", review_views.comment, name="comment"),
    path("<str:form_id>/submissions/<int:pk>/correct/", review_views.correct, name="correct"),
    path(
        "<str:form_id>/submissions/<int:pk>/files/<str:name>",
        review_views.attachment,
        name="attachment",
    ),
    path("<str:form_id>/versions/<int:version_pk>/<str:kind>/", views.download, name="download"),
]
