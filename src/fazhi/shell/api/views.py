from __future__ import annotations

from typing import Any

from django.db import models
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import permissions
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.casework import filtersets as cw_fs
from fazhi.core.casework.models import Case, Deadline
from fazhi.core.disclosure import filtersets as dc_fs
from fazhi.core.disclosure.models import Publication
from fazhi.core.org import filtersets as org_fs
from fazhi.core.org.models import Department, Entity, Government, Officer, Region
from fazhi.core.org.scoping import ensure_restricted
from fazhi.shell.portal.throttle import lookup_allowed

from . import serializers as s
from . import steps as step_api
from .base import ScopedReadOnlyViewSet


class GovernmentViewSet(ScopedReadOnlyViewSet):
    queryset = Government.objects.all()
    serializer_class = s.OrgUnitSerializer
    filterset_class = org_fs.GovernmentFilterSet
    permission_classes = [permissions.AllowAny]


class DepartmentViewSet(ScopedReadOnlyViewSet):
    queryset = Department.objects.all()
    serializer_class = s.OrgUnitSerializer
    permission_classes = [permissions.AllowAny]
    filterset_class = org_fs.DepartmentFilterSet


class RegionViewSet(ScopedReadOnlyViewSet):
    queryset = Region.objects.all()
    serializer_class = s.RegionSerializer
    filterset_class = org_fs.RegionFilterSet
    permission_classes = [permissions.AllowAny]


# The exact lookup term (a search, not a filter: there is no browsing the register).
ENTITY_TERM = OpenApiParameter("q", str, description="完整名称或统一社会信用代码（精确匹配）")


@extend_schema_view(list=extend_schema(parameters=[ENTITY_TERM]))
class EntityViewSet(ScopedReadOnlyViewSet):
    """Staff read entities; anyone may look one up exactly by name or code (rate-limited)."""

    queryset = Entity.objects.all()
    serializer_class = s.EntitySerializer
    filterset_class = org_fs.EntityFilterSet

    def get_queryset(self) -> models.QuerySet:
        qs = super().get_queryset()
        if self.action != "list":
            return qs
        # As in the back office: an exact lookup by name or code, never a browsable register
        # of individual businesses.
        term = self.request.query_params.get("q", "").strip()
        return qs.filter(models.Q(uscc=term.upper()) | models.Q(name=term)) if term else qs.none()

    @extend_schema(parameters=[ENTITY_TERM], responses={200: s.EntityPublicSerializer, 404: dict})
    @action(
        detail=False,
        methods=["get"],
        permission_classes=[permissions.AllowAny],
        serializer_class=s.EntityPublicSerializer,
    )
    def lookup(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        term = request.query_params.get("q", "").strip()
        if not term:
            return Response({"detail": "请提供 q：完整名称或统一社会信用代码"}, status=400)
        # The portal's limit, shared with it, for the public and staff alike (portal/throttle.py).
        allowed, wait = lookup_allowed(request)
        if not allowed:
            return Response(
                {"detail": f"查询过于频繁，请 {wait} 秒后再试"},
                status=429,
                headers={"Retry-After": str(wait)},
            )
        # Exact match only: the public never gets a browsable list of businesses.
        entity = Entity.objects.filter(models.Q(uscc=term.upper()) | models.Q(name=term)).first()
        if entity is None:
            return Response({"detail": "未找到"}, status=404)
        return Response(s.EntityPublicSerializer(entity).data)


class OfficerViewSet(ScopedReadOnlyViewSet):
    queryset = Officer.objects.select_related("person")
    serializer_class = s.OfficerSerializer
    filterset_class = org_fs.OfficerFilterSet

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().select_related("person")


class CaseViewSet(ScopedReadOnlyViewSet):
    """Cases handled here and cases collected from sector systems (归集), counted together;
    ``?collected=true`` or ``false`` narrows to one or the other."""

    queryset = Case.objects.all()
    serializer_class = s.CaseSerializer
    filterset_class = cw_fs.CaseFilterSet

    @extend_schema(
        request=step_api.CreateCaseSerializer, responses={201: dict, 400: dict, 403: dict}
    )
    def create(self, request: Request) -> Response:
        """登记新案件：与工作台“登记”相同的检查（登记表单字段见各案件类型）。"""
        return step_api.create_case(request)

    @extend_schema(responses=step_api.CaseStepSerializer(many=True))
    @action(detail=True, methods=["get"], url_path="steps", schema=step_api.StepSchema())
    def steps(self, request: Request, pk: Any = None) -> Response:
        """本案当前状态下的各个步骤，以及当前用户能否办理、不能办理的原因（含法律依据）。"""
        return step_api.list_steps(request, pk)

    @extend_schema(
        request=step_api.TakeCaseStepSerializer,
        responses={200: step_api.StepResultSerializer, 400: dict, 403: dict, 404: dict},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"steps/(?P<name>[a-z0-9_]+)",
        schema=step_api.StepSchema(),
    )
    def take_step(self, request: Request, pk: Any = None, name: str = "") -> Response:
        """办理一个步骤：与案件页相同的检查；不能办理时返回每个原因及其法律依据。"""
        return step_api.take_step(request, pk, name)


class DeadlineViewSet(ScopedReadOnlyViewSet):
    queryset = Deadline.objects.all()
    serializer_class = s.DeadlineSerializer
    filterset_class = cw_fs.DeadlineFilterSet


class PublicationViewSet(ScopedReadOnlyViewSet):
    queryset = Publication.objects.all()
    serializer_class = s.PublicationSerializer
    filterset_class = dc_fs.PublicationFilterSet
    permission_classes = [permissions.AllowAny]

    def get_queryset(self) -> models.QuerySet:
        # Publications' own queryset (for current()); the viewset is read-only, so "view".
        pubs = Publication.objects.restrict(self.request.user, "view")
        qs = ensure_restricted(pubs).select_related("withdrawal")
        # Lists show what is public now; a withdrawn or expired record stays reachable by id.
        return qs.current() if self.action == "list" else qs
