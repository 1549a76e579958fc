"""A form's public link: /<language>/f/<token>/ opens it for anyone holding the link."""

from django.urls import path

from coalition.collect import entry_views

app_name = "public_form"
urlpatterns = [
    path("<str:token>/", entry_views.public_fill, name="fill"),
    path("<str:token>/media/<str:name>", entry_views.public_media, name="media"),
    path("<str:token>/submission", entry_views.public_submission, name="submission"),
]
