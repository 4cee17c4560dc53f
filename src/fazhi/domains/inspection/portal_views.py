"""The public side of 双随机、一公开 (/inspection/ on the portal).

- the check-item list in force on a date (一单), with its Excel download;
- the published plans (一表、一细则): the campaigns and their rules, never a target;
- an entity's inspection burden of a year, by its 统一社会信用代码: counted over the inspections
  whose results are published (before that an inspection is unannounced and secret);
- an enterprise account bound to its entity (verified) sees its own inspections of the year,
  published or not once the visit was recorded (the entity was there).
"""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fazhi.core.accounts.session import account_required, signed_in_account
from fazhi.core.intake.xlsx import write_xlsx
from fazhi.core.org.models import Entity
from fazhi.core.org.scoping import scoped
from fazhi.domains.lists.services import as_of

from . import results
from .campaign_choices import PlanState, TaskState
from .models import CheckItem, InspectionPlan, InspectionTask
from .models.checkitem import describe

HEADERS = [
    "编码",
    "抽查事项",
    "实施部门",
    "对应权力事项",
    "抽查依据",
    "检查对象范围",
    "事项类别",
    "检查方式",
    "检查人员资格",
]


def _on(request: HttpRequest) -> date:
    raw = request.GET.get("on") or ""
    try:
        return date.fromisoformat(raw) if raw else timezone.localdate()
    except ValueError:
        return timezone.localdate()


def _versions(request: HttpRequest, on: date):  # type: ignore[no-untyped-def]
    visible = scoped(request.user, CheckItem).values("pk")
    return (
        as_of(CheckItem, on)
        .filter(item__in=visible)
        .select_related("item", "department", "power_item", "qualification")
        .order_by("department__code", "item__code")
    )


def index(request: HttpRequest) -> HttpResponse:
    plans = (
        scoped(request.user, InspectionPlan)
        .filter(state=PlanState.PUBLISHED)
        .select_related("department")
        .order_by("-year", "department__code")[:100]
    )
    return render(
        request,
        "inspection/portal/index.html",
        {"plans": plans, "items": _versions(request, timezone.localdate()).count()},
    )


def check_items(request: HttpRequest) -> HttpResponse:
    on = _on(request)
    rows = [describe(v) for v in _versions(request, on)[:2000]]
    return render(request, "inspection/portal/checkitem_list.html", {"rows": rows, "on": on})


def check_items_export(request: HttpRequest) -> HttpResponse:
    on = _on(request)
    data = write_xlsx(
        "随机抽查事项清单",
        HEADERS,
        (list(describe(v).values()) for v in _versions(request, on).iterator()),
    )
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="check-items-{on:%Y%m%d}.xlsx"'
    return response


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = (
        scoped(request.user, InspectionPlan)
        .filter(pk=pk, state=PlanState.PUBLISHED, publication__isnull=False)
        .select_related("publication", "department")
        .first()
    )
    if plan is None or plan.publication is None:
        raise Http404("没有这份已公布的抽查计划")
    return render(
        request,
        "inspection/portal/plan_detail.html",
        {"plan": plan, "record": plan.publication.payload},
    )


def burden(request: HttpRequest) -> HttpResponse:
    """Exact lookup by code (the public reaches entities only so): published inspections only."""
    code = (request.GET.get("uscc") or "").strip().upper()
    year = _year(request)
    entity = Entity.objects.filter(uscc=code).only("pk", "uscc", "name").first() if code else None
    rows = results.yearly_burden(results.published_tasks(), entity.pk, year) if entity else []
    return render(
        request,
        "inspection/portal/burden.html",
        {
            "code": code,
            "year": year,
            "entity": entity,
            "rows": rows,
            "total": sum(r["n"] for r in rows),
        },
    )


def _year(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


@account_required(acts_for_entity=True)
def my_inspections(request: HttpRequest) -> HttpResponse:
    account = signed_in_account(request)
    year = _year(request)
    # The entity was present at every recorded visit: it sees those, published or not.
    if account.entity_id is None:
        raise Http404("该账号未绑定市场主体")
    tasks = InspectionTask.objects.filter(
        entity_id=account.entity_id,
        assigned_on__year=year,
        case__state__in=[TaskState.RECORDED, TaskState.CONFIRMED],
    )
    rows = results.yearly_burden(tasks, account.entity_id, year)
    listed = tasks.select_related("department").order_by("ended_on")
    return render(
        request,
        "inspection/portal/my_inspections.html",
        {"year": year, "rows": rows, "tasks": listed, "total": sum(r["n"] for r in rows)},
    )
