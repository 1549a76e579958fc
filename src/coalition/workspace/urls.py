from django.urls import path

from coalition.workspace import monitoring_views, views

app_name = "workspace"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("users/", views.users, name="users"),
    path("dashboards/", monitoring_views.dashboards, name="dashboards"),
    path("roles/<int:pk>/revoke/", views.revoke, name="revoke_role"),
]
