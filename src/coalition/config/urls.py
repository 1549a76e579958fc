from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from coalition.config.api import api_urlpatterns
from coalition.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include((api_urlpatterns, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("django-admin/", admin.site.urls),
    # OpenRosa for ODK Collect / KoboCollect: the server URL to type is <site>/collect
    path("collect/", include("coalition.collect.openrosa_urls")),
]
urlpatterns += i18n_patterns(
    path("", include("coalition.portal.urls")),
    path("network/", include("coalition.network.urls")),
    path("accounts/", include("coalition.accounts.urls")),
    path("workspace/", include("coalition.workspace.urls")),
    path("forms/", include("coalition.collect.urls")),
    path("datasets/", include("coalition.indicators.urls")),
    path("targets/", include("coalition.indicators.target_urls")),
    path("f/", include("coalition.collect.public_urls")),
    path("reports/", include("coalition.reports.urls")),
    path("publications/", include("coalition.reports.public_urls")),
    prefix_default_language=True,
)

handler403 = "coalition.core.views.permission_denied"
handler404 = "coalition.core.views.page_not_found"
