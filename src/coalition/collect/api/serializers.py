from rest_framework import serializers

from coalition.collect.models import Form, Submission


class FormSerializer(serializers.ModelSerializer):
    owner = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    current_version = serializers.SerializerMethodField()

    class Meta:
        model = Form
        fields = [
            "form_id",
            "title",
            "owner",
            "audience",
            "is_open",
            "analysis_requires_approval",
            "current_version",
            "created_at",
        ]
        read_only_fields = fields

    def get_current_version(self, form) -> str | None:
        version = form.current_version
        return version.version if version else None


class SubmissionSerializer(serializers.ModelSerializer):
    form = serializers.SlugRelatedField(slug_field="form_id", read_only=True)
    version = serializers.CharField(source="form_version.version", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    area = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Submission
        fields = [
            "id",
            "form",
            "version",
            "instance_id",
            "state",
            "is_complete",
            "organisation",
            "area",
            "started_at",
            "ended_at",
            "created_at",
            "updated_at",
            "data",
        ]
        read_only_fields = fields
