import django_filters
from django.db.models import Q
from rest_framework import viewsets

from coalition.network.api.serializers import (
    InternalOrganisationSerializer,
    PublicOrganisationSerializer,
)
from coalition.network.choices import MembershipStatus, OrganisationKind, Relationship
from coalition.network.models import Organisation
from coalition.network.policies import organisation_policy


class OrganisationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices)
    relationship = django_filters.ChoiceFilter(choices=Relationship.choices)
    membership_status = django_filters.ChoiceFilter(choices=MembershipStatus.choices)
    province = django_filters.CharFilter(method="in_province", label="Province code (ISO 3166-2)")
    theme = django_filters.CharFilter(field_name="themes__code")

    class Meta:
        model = Organisation
        fields = ["kind", "relationship", "membership_status", "province", "theme"]

    def in_province(self, queryset, name, value):
        return queryset.filter(Q(areas__code=value) | Q(areas__parent__code=value)).distinct()


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations of the coalition: members and partners.

    Anonymous callers and other outsiders read the public profile of publicly listed
    organisations. The secretariat reads every organisation with its membership fields.
    """

    lookup_field = "slug"
    filterset_class = OrganisationFilter

    def get_queryset(self):
        return (
            Organisation.objects.visible_to(self.request.user)
            .select_related("headquarters")
            .prefetch_related("areas", "themes")
            .order_by("name_en")
        )

    def get_serializer_class(self):
        user = self.request.user
        if self.action == "retrieve" and getattr(self, "_object", None) is not None:
            internal = organisation_policy.can(user, "view_internal", self._object)
        else:
            # Lists mix organisations: internals only for those who may see all of them.
            internal = organisation_policy.can(user, "export")
        return InternalOrganisationSerializer if internal else PublicOrganisationSerializer

    def get_object(self):
        self._object = super().get_object()
        return self._object
