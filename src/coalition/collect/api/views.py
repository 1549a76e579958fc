import django_filters
from rest_framework import permissions, viewsets

from coalition.collect.api.serializers import FormSerializer, SubmissionSerializer
from coalition.collect.models import Form, Submission, SubmissionState


class FormViewSet(viewsets.ReadOnlyModelViewSet):
    """Forms the caller may see (log in first: forms are not public)."""

    serializer_class = FormSerializer
    lookup_field = "form_id"
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return (
            Form.objects.visible_to(self.request.user).select_related("owner").order_by("form_id")
        )


class SubmissionFilter(django_filters.FilterSet):
    form = django_filters.CharFilter(field_name="form__form_id")
    state = django_filters.ChoiceFilter(choices=SubmissionState.choices)
    organisation = django_filters.CharFilter(field_name="organisation__slug")
    area = django_filters.CharFilter(method="in_area", label="Area code (province or district)")
    received_after = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    received_before = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = Submission
        fields = ["form", "state", "organisation", "area"]

    def in_area(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(area__code=value) | Q(area__parent__code=value))


class SubmissionViewSet(viewsets.ReadOnlyModelViewSet):
    """Submissions within the caller's scope: the secretariat all, a provincial reviewer
    their provinces', an organisation's people their organisation's."""

    serializer_class = SubmissionSerializer
    filterset_class = SubmissionFilter
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return (
            Submission.objects.visible_to(self.request.user)
            .select_related("form", "form_version", "organisation", "area")
            .order_by("-created_at", "-pk")
        )
