from __future__ import annotations

from rest_framework import serializers

from fazhi.core.casework.models import Case, Deadline
from fazhi.core.disclosure.models import Publication
from fazhi.core.org.models import Entity, Officer, OrgUnit, Region


class OrgUnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrgUnit
        fields = [
            "id",
            "kind",
            "name",
            "short_name",
            "code",
            "division_code",
            "level",
            "parent",
            "enforces",
            "may_issue_documents",
        ]


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "kind", "name", "code", "government"]


class EntityPublicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Entity
        fields = list(Entity.public_fields)


class EntitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Entity
        fields = [
            "id",
            "uscc",
            "name",
            "kind",
            "industry",
            "region",
            "registered_on",
            "status",
            "legal_representative",
        ]


class OfficerSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="person.name", read_only=True)
    valid = serializers.SerializerMethodField()

    class Meta:
        model = Officer
        fields = [
            "id",
            "name",
            "department",
            "credential_no",
            "status",
            "fields",
            "issued_on",
            "valid_until",
            "valid",
        ]

    def get_valid(self, obj: Officer) -> bool:
        return obj.has_valid_credential()


class CaseSerializer(serializers.ModelSerializer):
    collected = serializers.BooleanField(
        source="imported", read_only=True, help_text="归集案件（由来源系统办理，本平台只读）"
    )

    class Meta:
        model = Case
        fields = [
            "id",
            "kind",
            "number",
            "title",
            "state",
            "opened_on",
            "closed_on",
            "source_system",
            "external_id",
            "collected",
        ]


class DeadlineSerializer(serializers.ModelSerializer):
    class Meta:
        model = Deadline
        fields = [
            "id",
            "case",
            "org_unit",
            "key",
            "name",
            "basis",
            "start",
            "amount",
            "unit",
            "unrolled_due",
            "due",
            "provisional",
            "status",
            "met_on",
        ]


class PublicationSerializer(serializers.ModelSerializer):
    withdrawn = serializers.BooleanField(read_only=True)
    expired = serializers.BooleanField(read_only=True)
    payload = serializers.SerializerMethodField()

    def get_payload(self, obj: Publication) -> dict | None:
        # A withdrawn or expired record keeps its title and dates, never its content.
        return obj.payload if obj.is_current else None

    class Meta:
        model = Publication
        fields = [
            "id",
            "kind",
            "title",
            "org_unit",
            "channel",
            "payload",
            "sha256",
            "published_at",
            "published_on",
            "publish_until",
            "withdrawn",
            "expired",
        ]
