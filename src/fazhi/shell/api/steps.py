"""Moving cases through the API: the same steps, checks and Chinese refusals as the case page.

``GET  /api/cases/{id}/steps/``          the steps of the case's present state, with why not
``POST /api/cases/{id}/steps/{name}/``   take one: {"on": "2019-08-05", "note": "…", "data": {…}}
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiTypes
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.casework.models import Case
from fazhi.core.casework.workflow import (
    Refusal,
    StepRefused,
    TransitionError,
    register_case,
    steps_for,
    take,
    workflow_for,
    workflows,
)
from fazhi.core.org.scoping import scoped


class StepRefusalSerializer(serializers.Serializer):
    message = serializers.CharField(help_text="缺少的步骤或条件（中文）")
    basis = serializers.CharField(help_text="法律依据")
    missing_step = serializers.CharField(help_text="须先完成的步骤代码（如有）")


class CaseStepSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a declared field: DRF moves it off the class
    basis = serializers.CharField()
    allowed = serializers.BooleanField(help_text="当前用户现在能否办理")
    refusals = StepRefusalSerializer(many=True)
    fields = serializers.ListField(child=serializers.CharField(), help_text="步骤表单字段")  # type: ignore[assignment]  # a declared field: DRF moves it off the class


class TakeCaseStepSerializer(serializers.Serializer):
    on = serializers.DateField(required=False, help_text="办理日期（业务日期），默认今天")
    note = serializers.CharField(required=False, allow_blank=True, default="")
    data = serializers.DictField(required=False, default=dict, help_text="步骤表单字段的值")  # type: ignore[assignment]  # a declared field: DRF moves it off the class


class StepResultSerializer(serializers.Serializer):
    event = serializers.IntegerField()
    state = serializers.CharField()
    number = serializers.CharField()


def _catalogue() -> str:
    lines = ["各类案件的步骤（代码：名称，可办理的角色，法律依据）："]
    for wf in workflows():
        lines.append(f"- {wf.kind}（{wf.label}）")
        for t in wf.transitions.values():
            if not t.system:
                lines.append(f"  - `{t.name}`：{t.label}，{t.role_labels()}，{t.basis or '—'}")
    return "\n".join(lines)


class StepSchema(AutoSchema):
    """The schema lists every kind's steps, read from the registered workflows when the schema
    is generated (a domain registered later is included)."""

    def get_description(self) -> str:  # type: ignore[override]  # as drf-spectacular's own
        return f"{super().get_description()}\n\n{_catalogue()}"

    def get_override_parameters(self) -> list[Any]:
        if "name" not in self.path:
            return super().get_override_parameters()
        names = sorted({t.name for wf in workflows() for t in wf.transitions.values()})
        return [
            *super().get_override_parameters(),
            OpenApiParameter(
                "name", OpenApiTypes.STR, OpenApiParameter.PATH, enum=names, description="步骤代码"
            ),
        ]


def _refusals(refusals: list[Refusal]) -> list[dict[str, str]]:
    return [r.as_dict() for r in refusals]


def refused(exc: TransitionError) -> Response:
    """403 when the person may not act (role, qualification), 400 for anything else missing;
    each refusal with its message, legal basis and the step that must come first."""
    code = (
        status.HTTP_403_FORBIDDEN if isinstance(exc, StepRefused) else status.HTTP_400_BAD_REQUEST
    )
    body = {"detail": "；".join(map(str, exc.refusals)), "refusals": _refusals(exc.refusals)}
    return Response(body, status=code)


def list_steps(request: Request, pk: Any) -> Response:
    case = _case(request, pk)
    rows = [
        {
            "name": step.name,
            "label": step.label,
            "basis": step.basis,
            "allowed": not refusals,
            "refusals": _refusals(refusals),
            "fields": list(step.form.base_fields) if step.form else [],
        }
        for step, refusals in steps_for(case, request.user)
    ]
    return Response(CaseStepSerializer(rows, many=True).data)


def take_step(request: Request, pk: Any, name: str) -> Response:
    case = _case(request, pk)
    wf = workflow_for(case.kind)
    if wf is None or name not in wf.transitions:
        return Response(
            {"detail": f"本类案件没有“{name}”这一步", "refusals": []},
            status=status.HTTP_404_NOT_FOUND,
        )
    body = TakeCaseStepSerializer(data=request.data)
    if not body.is_valid():
        return Response(
            {"detail": "请求格式不正确", "errors": body.errors}, status=status.HTTP_400_BAD_REQUEST
        )
    try:
        event = take(
            case,
            name,
            request.user,
            data=body.validated_data["data"],
            on=body.validated_data.get("on"),
            note=body.validated_data["note"],
        )
    except TransitionError as exc:
        return refused(exc)
    return Response({"event": event.pk, "state": case.state, "number": case.number})


def _case(request: Request, pk: Any) -> Case:
    from django.http import Http404

    # The URL takes any segment as the id: one that is no case id names no case (never a
    # database error).
    if not str(pk).isascii() or not str(pk).isdigit() or int(pk) >= 2**63:
        raise Http404
    # Seeing the case is enough to ask; taking a step checks the person's role in it.
    case = scoped(request, Case, "view").filter(pk=int(pk)).first()
    if case is None:
        raise Http404
    return case


class CreateCaseSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="案件类型代码")
    on = serializers.DateField(required=False, help_text="登记日期（业务日期），默认今天")
    data = serializers.DictField(default=dict, help_text="登记表单字段的值")  # type: ignore[assignment]  # a declared field: DRF moves it off the class


def create_case(request: Request) -> Response:
    body = CreateCaseSerializer(data=request.data)
    if not body.is_valid():
        return Response(
            {"detail": "请求格式不正确", "errors": body.errors}, status=status.HTTP_400_BAD_REQUEST
        )
    try:
        case = register_case(
            body.validated_data["kind"],
            request.user,
            body.validated_data["data"],
            on=body.validated_data.get("on"),
        )
    except TransitionError as exc:
        return refused(exc)
    return Response({"id": case.pk, "state": case.state}, status=status.HTTP_201_CREATED)
