"""Pushing collected cases (归集): ``POST /api/collect/cases/``, from a sector system.

Only a token registered with a source system (``ApiToken.source_system``) may push, and only
cases of that system. The body is ``{"department": "<org unit code>" (optional when the
token's staff member writes for one department only), "source_system": "<optional, must be the
token's>", "cases": [<case>, …]}`` with each case in the push format of
``casework.collection.parse_case``. All or nothing: with any error nothing is written and every
error comes back with its case and field.
"""

from __future__ import annotations

import hashlib
import json

from django.db import IntegrityError
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.casework.collection import collect, parse_case, source_system_refusal
from fazhi.core.integrity.middleware import bind_actor
from fazhi.core.org.choices import UnitKind
from fazhi.core.org.models import ApiToken, OrgUnit
from fazhi.core.org.scoping import visible_unit_ids

MAX_CASES = 1000  # per request: a larger batch is split by the sender


def _refused(message: str, code: int = status.HTTP_403_FORBIDDEN) -> Response:
    return Response({"detail": message}, status=code)


def _department(request: Request, code: str) -> OrgUnit | str:
    """The department the cases belong to: one where the token's staff member may write."""
    ids = visible_unit_ids(request.user, "change")
    units = OrgUnit.objects.restrict(request.user, "view").filter(
        pk__in=ids, kind=UnitKind.DEPARTMENT
    )
    if code:
        unit = units.filter(code=code).first()
        return unit or f"令牌所属人员不能为“{code}”归集案件（须为本人有权办理的部门）"
    found = list(units[:2])
    if len(found) == 1:
        return found[0]
    if not found:
        return "令牌所属人员没有可以归集案件的部门"
    return "令牌所属人员在多个部门任职，请在 department 中填写部门代码"


class CollectCasesView(APIView):
    """归集案件推送：来源系统的令牌推送本系统办理的案件（当事人、办理过程、文书摘要）。

    A write-only endpoint, not a router's list (it shows nothing; the cases it writes are read
    through ``/api/cases/?collected=true``)."""

    @extend_schema(request=dict, responses={200: dict, 400: dict, 403: dict, 409: dict})
    def post(self, request: Request) -> Response:
        token = request.auth
        if not isinstance(token, ApiToken) or not token.source_system:
            return _refused(
                "只有登记了来源系统的令牌才能推送归集案件；个人令牌或登录会话不能推送。"
                "请在工作台“API 令牌”中创建时填写来源系统"
            )
        bind_actor(request.user)
        body = request.data if isinstance(request.data, dict) else {}
        claimed = str(body.get("source_system") or token.source_system)
        if claimed != token.source_system:
            return _refused(
                f"该令牌只能推送“{token.source_system}”的案件，不能推送“{claimed}”的案件"
            )
        reason = source_system_refusal(token.source_system)
        if reason:
            return _refused(reason, status.HTTP_400_BAD_REQUEST)
        department = _department(request, str(body.get("department") or ""))
        if isinstance(department, str):
            return _refused(department)
        raw = body.get("cases")
        if not isinstance(raw, list) or not raw:
            return _refused("cases 应为非空的案件数组", status.HTTP_400_BAD_REQUEST)
        if len(raw) > MAX_CASES:
            return _refused(
                f"每次最多推送 {MAX_CASES} 个案件，请分批推送", status.HTTP_400_BAD_REQUEST
            )
        cases, errors = [], []
        for n, obj in enumerate(raw):
            case, problems = parse_case(obj)
            ext = obj.get("external_id", "") if isinstance(obj, dict) else ""
            errors += [
                {"case": n, "external_id": ext, "field": f, "message": m} for f, m in problems
            ]
            if case is not None:
                cases.append((n, case))
        if errors:
            return Response(
                {"detail": "数据有错误，未写入任何数据", "errors": errors},
                status=status.HTTP_400_BAD_REQUEST,
            )
        digest = hashlib.sha256(
            json.dumps(raw, ensure_ascii=False, sort_keys=True).encode()
        ).hexdigest()
        try:
            plan, outcome = collect(
                [c for _, c in cases],
                source_system=token.source_system,
                owner=department,
                actor=request.user,
                digest=digest,
                source=f"api:collect:{token.prefix}",
            )
        except IntegrityError:
            # Two pushes of the same new case at once: one wins, the other is told to retry.
            return _refused("同一案件正在被另一请求归集，请稍后重试", status.HTTP_409_CONFLICT)
        if outcome is None:
            return Response(
                {
                    "detail": "数据有错误，未写入任何数据",
                    "errors": [
                        {
                            "case": cases[p.case][0],
                            "external_id": plan.cases[p.case].external_id,
                            "field": p.path(),
                            "message": p.message,
                        }
                        for p in plan.problems
                    ],
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(
            {
                **outcome.audit(),
                "cases": [
                    {"external_id": ext, "id": pk, "collected": True}
                    for ext, pk in outcome.case_ids.items()
                ],
            }
        )
