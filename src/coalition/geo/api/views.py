import django_filters
from rest_framework import viewsets

from coalition.geo.api.serializers import AreaSerializer
from coalition.geo.models import Area, AreaLevel


class AreaFilter(django_filters.FilterSet):
    country = django_filters.CharFilter(field_name="country__code")
    level = django_filters.ChoiceFilter(choices=AreaLevel.choices)
    parent = django_filters.CharFilter(field_name="parent__code")

    class Meta:
        model = Area
        fields = ["country", "level", "parent"]


class AreaViewSet(viewsets.ReadOnlyModelViewSet):
    """Countries, provinces (ISO 3166-2 codes) and districts, with names in each language."""

    serializer_class = AreaSerializer
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9-]+"
    filterset_class = AreaFilter

    def get_queryset(self):
        return Area.objects.visible_to(self.request.user).select_related("country", "parent")
