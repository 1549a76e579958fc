from rest_framework import serializers

from coalition.geo.models import Area


class AreaSerializer(serializers.ModelSerializer):
    country = serializers.SlugRelatedField(slug_field="code", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Area
        fields = ["code", "level", "country", "parent", "name_en", "name_fa", "name_ps", "name_km"]
        read_only_fields = fields
