from django.urls import path

from coalition.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.datasets, name="datasets"),
    path("<slug:name>/", views.dataset, name="dataset"),
    path("<slug:name>/v<int:number>/", views.version, name="version"),
]
