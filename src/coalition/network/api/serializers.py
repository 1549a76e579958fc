from rest_framework import serializers

from coalition.network.models import Organisation


class PublicOrganisationSerializer(serializers.ModelSerializer):
    """What anyone may read: the public profile."""

    areas = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    themes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    headquarters = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "name_en",
            "name_fa",
            "name_ps",
            "name_km",
            "acronym",
            "kind",
            "relationship",
            "member_since",
            "description",
            "website",
            "email",
            "headquarters",
            "areas",
            "themes",
        ]
        read_only_fields = fields


class InternalOrganisationSerializer(PublicOrganisationSerializer):
    """For the secretariat and an organisation's own people: membership internals too.
    Contacts (people) are never in the API."""

    class Meta(PublicOrganisationSerializer.Meta):
        fields = [
            *PublicOrganisationSerializer.Meta.fields,
            "membership_status",
            "listed_publicly",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
