"""``/api/credit-records/``: the credit records a user may see (scoped), and
``/api/credit-records/measures/?uscc=…&on=YYYY-MM-DD``: the joint measures that apply to an
entity on a date, each with its reason and basis (what another department's system asks)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.org.models import Entity
from fazhi.core.org.scoping import scoped
from fazhi.shell.api.base import ScopedReadOnlyViewSet

from . import measures
from .filtersets import CreditRecordFilterSet
from .models import CreditRecord


class CreditRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = CreditRecord
        fields = [
            "id",
            "entity",
            "nature",
            "source_kind",
            "severity",
            "department",
            "document_no",
            "recognised_on",
            "published_from",
            "earliest_repair",
            "publish_until",
            "period_basis",
            "state",
            "ended_on",
        ]


class MeasureSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    reason = serializers.CharField()
    basis = serializers.CharField()
    records = serializers.ListField(child=serializers.IntegerField())
    ratio_per_mille = serializers.IntegerField(allow_null=True)


class CreditRecordViewSet(ScopedReadOnlyViewSet):
    queryset = CreditRecord.objects.select_related("entity", "department").order_by(
        "-recognised_on", "-pk"
    )
    serializer_class = CreditRecordSerializer
    filterset_class = CreditRecordFilterSet

    @extend_schema(
        parameters=[
            OpenApiParameter("uscc", str, description="统一社会信用代码", required=True),
            OpenApiParameter("on", str, description="查询日期（YYYY-MM-DD，默认今天）"),
        ],
        responses=MeasureSerializer(many=True),
    )
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def measures(self, request: Request) -> Response:
        code = (request.query_params.get("uscc") or "").strip().upper()
        entity = scoped(request.user, Entity).filter(uscc=code).first() if code else None
        if entity is None:
            raise NotFound("没有找到该市场主体")
        try:
            on = date.fromisoformat(
                request.query_params.get("on") or timezone.localdate().isoformat()
            )
        except ValueError:
            raise ValidationError({"on": "日期格式应为 YYYY-MM-DD"}) from None
        rows = [
            {
                "code": m.code,
                "name": m.name,
                "kind": m.kind,
                "reason": m.reason,
                "basis": m.basis,
                "records": list(m.records),
                "ratio_per_mille": m.ratio_per_mille,
            }
            for m in measures.applicable(entity, on)
        ]
        return Response(MeasureSerializer(rows, many=True).data)
