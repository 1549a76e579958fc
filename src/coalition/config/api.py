"""The REST API's routes, versioned under /api/v1/."""

from rest_framework.routers import DefaultRouter

from coalition.collect.api.views import FormViewSet, SubmissionViewSet
from coalition.geo.api.views import AreaViewSet
from coalition.indicators.api.views import IndicatorViewSet
from coalition.network.api.views import OrganisationViewSet

router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("areas", AreaViewSet, basename="area")
router.register("forms", FormViewSet, basename="form")
router.register("submissions", SubmissionViewSet, basename="submission")
router.register("indicators", IndicatorViewSet, basename="indicator")

api_urlpatterns = router.urls
