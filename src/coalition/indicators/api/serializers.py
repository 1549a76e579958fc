"""Descriptions of the indicator API's answers, for the OpenAPI schema."""

from rest_framework import serializers


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    sdg_indicator = serializers.CharField()
    uis_indicator_id = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    direction = serializers.ChoiceField(choices=["higher", "lower"])
    unit = serializers.CharField()
    source = serializers.CharField(help_text="the dataset kind it is computed from")
    disaggregations = serializers.ListField(child=serializers.CharField())


class ResultSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    measure = serializers.CharField(help_text="value, or a parity index (GPIA, LPIA, ...)")
    year = serializers.IntegerField(allow_null=True)
    area = serializers.CharField(help_text="country or province code")
    cell = serializers.CharField(help_text='the disaggregation, such as "location=RUR|sex=F"')
    value = serializers.FloatField(allow_null=True, help_text="empty when suppressed")
    se = serializers.FloatField(allow_null=True)
    ci_low = serializers.FloatField(allow_null=True)
    ci_high = serializers.FloatField(allow_null=True)
    n = serializers.IntegerField(allow_null=True, help_text="unweighted observations")
    deff = serializers.FloatField(allow_null=True)
    flags = serializers.CharField(help_text="suppressed, unreliable")
    official = serializers.FloatField(allow_null=True, help_text="UIS's figure, if imported")
