from __future__ import annotations

from rest_framework import serializers

from fazhi.shell.api.base import ScopedReadOnlyViewSet

from .filtersets import ReconsiderationCaseFilterSet
from .models import ReconsiderationCase


class ReconsiderationCaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReconsiderationCase
        fields = [
            "id",
            "case",
            "act_complained",
            "knew_on",
            "procedure",
            "outcome",
            "procedural_end",
            "termination_reason",
            "ended_on",
        ]


class ReconsiderationCaseViewSet(ScopedReadOnlyViewSet):
    queryset = ReconsiderationCase.objects.select_related("case").order_by(
        "-case__opened_on", "-pk"
    )
    serializer_class = ReconsiderationCaseSerializer
    filterset_class = ReconsiderationCaseFilterSet
