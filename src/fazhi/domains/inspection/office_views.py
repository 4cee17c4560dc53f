"""The inspection screens of the back office (/office/inspection/).

The task screens are made for a phone: one narrow column, the check list, the entity, the
findings with their photos and SHA-256 digests, and the step the inspector may take now (record
a finding with a photo, record the result, confirm a colleague's result). Every read goes through
``scoped`` (fail closed); every step through ``take`` (its gates refuse in Chinese with the
article); a photo is stored once as a casework document with its digest before the step runs.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.casework.files import store_document
from fazhi.core.casework.workflow import TransitionError, refusals_for
from fazhi.core.org.models import Entity
from fazhi.core.org.scoping import scoped, visible_unit_ids

from . import results, running, tasks
from .campaign_choices import PlanState, TaskState
from .models import InspectionPlan, InspectionTask

MAX_PHOTO_BYTES = 10 * 1024 * 1024
PHOTO_TYPES = {"image/jpeg", "image/png", "image/webp", "image/heic"}


def _task(request: HttpRequest, pk: int) -> InspectionTask:
    task = (
        scoped(request.user, InspectionTask)
        .select_related("entity", "department", "case", "recorded_by__person")
        .filter(pk=pk)
        .first()
    )
    if task is None:
        raise Http404("没有这项检查任务，或您无权查看")
    return task


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "inspection/office/index.html",
        {
            "awaiting": len(list(tasks.tasks_awaiting(request.user))),
            "plans": scoped(request.user, InspectionPlan).select_related("department")[:20],
        },
    )


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "inspection/office/task_list.html",
        {"tasks": list(tasks.tasks_awaiting(request.user))},
    )


def _step_state(task: InspectionTask, user: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ("finding", "record", "confirm"):
        out[name] = not refusals_for(task.case, name, user)
    return out


def _bound(form: Any, task: InspectionTask) -> Any:
    form.bind_case(task.case)
    return form


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    items = [(i, i.current_version()) for i in task.items.order_by("code")]
    findings = task.findings.prefetch_related("photos", "item").all()
    return render(
        request,
        "inspection/office/task_detail.html",
        {
            "task": task,
            "items": items,
            "findings": findings,
            "inspectors": task.inspectors.select_related("person"),
            "steps": _step_state(task, request.user),
            "finding_form": _bound(tasks.FindingForm(), task),
            "result_form": _bound(
                tasks.ResultForm(initial={"ended_on": timezone.localdate()}), task
            ),
            "state_label": tasks.WORKFLOW.state_label(task.case.state),
            "confirm_form": tasks.ConfirmForm(),
            "alerts": results.repeat_alerts(task),
            "done": task.case.state == TaskState.CONFIRMED,
        },
    )


def _take(request: HttpRequest, task: InspectionTask, step: str, **kwargs: Any) -> None:
    try:
        tasks.take_step(task, step, request.user, data=request.POST.dict(), **kwargs)
        messages.success(request, "已保存。")
    except TransitionError as e:
        for r in e.refusals:
            messages.error(request, str(r))


@login_required
@require_POST
def task_finding(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    refusals = refusals_for(task.case, "finding", request.user)
    if refusals:
        for r in refusals:
            messages.error(request, str(r))
        return redirect("inspection_office:task_detail", pk=pk)
    doc_ids: list[int] = []
    photo = request.FILES.get("photo")
    if photo is not None:
        if (photo.size or 0) > MAX_PHOTO_BYTES:
            messages.error(request, "照片不能超过 10 MB，已填写的检查情况未保存，请重新选择照片。")
            return redirect("inspection_office:task_detail", pk=pk)
        if photo.content_type not in PHOTO_TYPES:
            messages.error(request, "只能上传 JPEG、PNG、WebP 或 HEIC 格式的照片。")
            return redirect("inspection_office:task_detail", pk=pk)
        with transaction.atomic():
            doc = store_document(
                photo.read(),
                photo.name or "photo",
                owner_unit=task.department,
                kind="现场照片",
                title=f"{task.entity.name} 现场照片",
                case=task.case,
                created_by=request.user,
            )
            doc_ids.append(doc.pk)
    _take(request, task, "finding", document_ids=doc_ids)
    return redirect("inspection_office:task_detail", pk=pk)


@login_required
@require_POST
def task_record(request: HttpRequest, pk: int) -> HttpResponse:
    _take(request, _task(request, pk), "record")
    return redirect("inspection_office:task_detail", pk=pk)


@login_required
@require_POST
def task_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    _take(request, _task(request, pk), "confirm")
    return redirect("inspection_office:task_detail", pk=pk)


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    qs = scoped(request.user, InspectionPlan).select_related("department")
    return render(
        request,
        "inspection/office/plan_list.html",
        {"plans": qs, "can_create": bool(running.managed_units(request.user))},
    )


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = scoped(request.user, InspectionPlan).select_related("department").filter(pk=pk).first()
    if plan is None:
        raise Http404("没有这份抽查计划，或您无权查看")
    manager = running.may_manage(request.user, plan.department_id)
    return render(
        request,
        "inspection/office/plan_detail.html",
        {
            "plan": plan,
            "entries": plan.entries.select_related("campaign")
            .prefetch_related("items", "partners")
            .order_by("seq"),
            "can_change": manager and plan.state != PlanState.PUBLISHED,
            "can_add": manager and plan.state == PlanState.DRAFT,
            # The campaign pages: the department's own people (and the supervisors above).
            "can_run": plan.department_id in visible_unit_ids(request.user, "view"),
            "can_open": scoped(request.user, InspectionPlan, "change").filter(pk=pk).exists(),
        },
    )


@login_required
@require_POST
def plan_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """报备 then 公布, each a separate press of the button (the state says which comes next),
    by the department's clerk or head."""
    plan = scoped(request.user, InspectionPlan, "change").filter(pk=pk).first()
    if plan is None:
        raise PermissionDenied("只有本部门工作人员可以报备或公布本部门的抽查计划")
    try:
        messages.success(request, running.file_or_publish(plan, actor=request.user))
    except TransitionError as e:
        for r in e.refusals:
            messages.error(request, str(r))
    return redirect("inspection_office:plan_detail", pk=pk)


@login_required
def burden(request: HttpRequest) -> HttpResponse:
    """Supervisors and departments: an entity's inspections of a year, by department (what the
    user may see of them: scoped)."""
    code = (request.GET.get("uscc") or "").strip().upper()
    year = int(request.GET.get("year") or timezone.localdate().year)
    entity = scoped(request.user, Entity).filter(uscc=code).first() if code else None
    rows = (
        results.yearly_burden(scoped(request.user, InspectionTask), entity.pk, year)
        if entity
        else []
    )
    return render(
        request,
        "inspection/office/burden.html",
        {
            "code": code,
            "year": year,
            "entity": entity,
            "rows": rows,
            "total": sum(r["n"] for r in rows),
        },
    )


def today() -> date:
    return timezone.localdate()
