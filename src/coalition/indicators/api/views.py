from django.conf import settings
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from coalition.geo.models import Country
from coalition.indicators.api.renderers import (
    ResultsCSVRenderer,
    ResultsSDMXRenderer,
    ResultsXLSXRenderer,
)
from coalition.indicators.api.serializers import IndicatorSerializer, ResultSerializer
from coalition.indicators.catalogue import DISAGGREGATIONS, catalogue
from coalition.indicators.publishing import published_rows

DOWNLOADS = {"csv": ".csv", "xlsx": ".xlsx", "sdmx": ".sdmx.csv"}


def _described(indicator, language: str) -> dict:
    return {
        "code": indicator.code,
        "sdg_indicator": indicator.sdg_indicator,
        "uis_indicator_id": indicator.uis_indicator_id,
        "name": indicator.label(language),
        "description": indicator.description.get(language) or indicator.description["en"],
        "direction": indicator.direction,
        "unit": indicator.unit,
        "source": indicator.source,
        "disaggregations": list(indicator.disaggregations),
    }


class IndicatorViewSet(viewsets.ViewSet):
    """The SDG 4 indicator catalogue and its current results. Results are aggregates and
    public; each passes disclosure control (small cells suppressed, imprecise ones
    flagged) before it leaves."""

    lookup_field = "code"
    lookup_value_regex = "[a-z0-9_]+"

    @extend_schema(responses=IndicatorSerializer(many=True))
    def list(self, request):
        language = get_language() or "en"
        return Response([_described(i, language) for i in catalogue().values()])

    @extend_schema(responses=IndicatorSerializer)
    def retrieve(self, request, code=None):
        indicator = catalogue().get(code)
        if indicator is None:
            raise NotFound()
        return Response(_described(indicator, get_language() or "en"))

    @extend_schema(
        responses=ResultSerializer(many=True),
        parameters=[
            OpenApiParameter(
                "by",
                OpenApiTypes.STR,
                description="comma-separated: "
                + ", ".join(DISAGGREGATIONS)
                + "; all: every cell (the whole table); empty: national figures",
            ),
            OpenApiParameter("year", OpenApiTypes.INT),
            OpenApiParameter("area", OpenApiTypes.STR, description="country or province code"),
            OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "csv", "xlsx", "sdmx"]),
        ],
    )
    @action(
        detail=True,
        renderer_classes=[
            JSONRenderer,
            BrowsableAPIRenderer,
            ResultsCSVRenderer,
            ResultsXLSXRenderer,
            ResultsSDMXRenderer,
        ],
    )
    def results(self, request, code=None):
        """Values with SE, 95% interval, n, design effect, flags and the official value."""
        if code not in catalogue():
            raise NotFound()
        asked = request.query_params.get("by", "")
        by = {c.strip() for c in asked.split(",") if c.strip()}
        unknown = by - set(DISAGGREGATIONS) if asked != "all" else set()
        if unknown:
            raise ValidationError({"by": f"unknown: {', '.join(sorted(unknown))}"})
        year = request.query_params.get("year")
        if year is not None and not year.isdigit():
            raise ValidationError({"year": "a year, such as 2024"})
        rows = published_rows(
            code,
            None if asked == "all" else by,
            year=int(year) if year else None,
            area=request.query_params.get("area", ""),
        )
        response = Response(rows)
        extension = DOWNLOADS.get(request.accepted_renderer.format)
        if extension:  # a file to save, named after the indicator
            response["Content-Disposition"] = f'attachment; filename="{code}{extension}"'
        return response

    def get_renderer_context(self):
        context = super().get_renderer_context()
        country = Country.objects.filter(code=settings.COALITION_COUNTRY).first()
        context.update(country=getattr(country, "code", ""), iso3=getattr(country, "iso3", ""))
        return context
