from __future__ import annotations

from rest_framework import serializers

from fazhi.shell.api.base import ScopedReadOnlyViewSet

from .filtersets import LegalOpinionFilterSet, MajorDecisionFilterSet
from .models import LegalOpinion, MajorDecision


class MajorDecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = MajorDecision
        fields = [
            "id",
            "case",
            "item",
            "not_public_reason",
            "party_report_on",
            "decided_on",
            "published_on",
            "archived_on",
        ]


class MajorDecisionViewSet(ScopedReadOnlyViewSet):
    queryset = MajorDecision.objects.select_related("case").order_by("-case__opened_on", "-pk")
    serializer_class = MajorDecisionSerializer
    filterset_class = MajorDecisionFilterSet


class LegalOpinionSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalOpinion
        fields = [
            "id",
            "number",
            "kind",
            "subject_kind",
            "subject",
            "requester",
            "author_unit",
            "adviser",
            "received_on",
            "issued_on",
            "conclusion",
            "decision",
        ]


class LegalOpinionViewSet(ScopedReadOnlyViewSet):
    queryset = LegalOpinion.objects.order_by("-issued_on", "-pk")
    serializer_class = LegalOpinionSerializer
    filterset_class = LegalOpinionFilterSet
