from __future__ import annotations

from rest_framework import serializers

from fazhi.shell.api.base import ScopedReadOnlyViewSet

from .filtersets import EnforcementCaseFilterSet
from .models import EnforcementCase


class EnforcementCaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = EnforcementCase
        fields = [
            "id",
            "case",
            "power_item",
            "procedure",
            "violation_on",
            "grave_harm",
            "major",
            "proposed_fine",
            "outcome",
            "penalty_type",
            "decision_no",
            "decided_on",
            "fine",
            "served_on",
            "category",
            "vehicle_plate",
        ]


class EnforcementCaseViewSet(ScopedReadOnlyViewSet):
    queryset = EnforcementCase.objects.select_related("case")
    serializer_class = EnforcementCaseSerializer
    filterset_class = EnforcementCaseFilterSet
