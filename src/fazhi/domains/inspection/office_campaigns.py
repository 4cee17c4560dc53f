"""The back office where a department plans its year and runs each campaign (/office/inspection/).

Plans: create the year's plan with its rules, add campaigns (joint ones with their partners'
items), file and publish, export as Excel. Campaign page (one per plan entry): open, freeze the
pools (sizes and digests), each official commits in their own session, publish the rules and
commitments, each official reveals, draw and assign, follow the tasks, publish the results.

Every read goes through ``scoped`` (fail closed: another department gets 404); the targets are
read only through the ``secret-until-published`` rule, so the page shows them to the running
department's staff and to each assigned inspector (their own) until the results are published.
Every write is a step of a person in a role (``running``), audited by the models' auditlog.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.casework.workflow import Refusal, TransitionError
from fazhi.core.org.models import Staff
from fazhi.core.org.scoping import scoped

from . import draw, rules, running, services
from .campaign_choices import PlanState
from .choices import CampaignState
from .models import Campaign, InspectionPlan, PlanEntry, PoolSnapshot, SeedCommitment
from .office_forms import CommitForm, EntryForm, PlanForm, RevealForm
from .plan_export import plan_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _staff(request: HttpRequest) -> Staff:
    assert isinstance(request.user, Staff)  # login_required
    return request.user


def refusal_text(r: Refusal) -> str:
    """The refusal with its article and, when a step has to come first, that step."""
    step = r.missing_step
    return f"{r}。须先：{step}" if step and not step.isascii() else str(r)


def _refused(request: HttpRequest, error: ValidationError) -> None:
    if isinstance(error, TransitionError):
        for r in error.refusals:
            messages.error(request, refusal_text(r))
    else:
        for text in error.messages:
            messages.error(request, text)


# -- plans -------------------------------------------------------------------------------------


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    units = running.managed_units(request.user)
    if not units:
        raise PermissionDenied("只有部门经办人或负责人可以制定抽查计划")
    form = PlanForm(
        request.POST or None,
        units=units,
        initial={"year": timezone.localdate().year, "ratios": rules.default_ratios()},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            plan = running.create_plan(
                d["department"],
                d["year"],
                actor=request.user,
                ratios=d["ratios"],
                title=d["title"],
                scheme=d["scheme"],
                team_size=d["team_size"],
                no_repeat_days=d["no_repeat_days"],
                yearly_cap=d["yearly_cap"],
                publication_workdays=d["publication_workdays"],
                exclude_own_grid=d["exclude_own_grid"],
            )
        except TransitionError as e:
            for r in e.refusals:
                form.add_error(None, refusal_text(r))
        except ValidationError as e:
            if hasattr(e, "error_dict"):
                for name, errs in e.message_dict.items():
                    form.add_error(name if name in form.fields else None, errs)
            else:
                form.add_error(None, e)
        else:
            messages.success(request, "抽查计划已创建，请添加抽查任务。")
            return redirect("inspection_office:plan_detail", pk=plan.pk)
    return render(request, "inspection/office/plan_form.html", {"form": form})


@login_required
def plan_update(request: HttpRequest, pk: int) -> HttpResponse:
    plan = (
        scoped(request.user, InspectionPlan, "change")
        .select_related("department")
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise Http404("没有这份抽查计划，或您无权修改")
    if not running.may_manage(request.user, plan.department_id):
        raise PermissionDenied("只有本部门经办人或负责人可以修改抽查计划")
    if plan.state != PlanState.DRAFT:
        messages.error(request, "已报备或公布的计划不能修改（国发〔2019〕5号）")
        return redirect("inspection_office:plan_detail", pk=pk)
    form = PlanForm(
        request.POST or None,
        units=[plan.department],
        plan=plan,
        initial={name: getattr(plan, name) for name in running.PLAN_SETTINGS},
    )
    if request.method == "POST" and form.is_valid():
        try:
            running.change_plan(plan, actor=request.user, **form.cleaned_data)
        except ValidationError as e:
            for text in e.messages:
                form.add_error(None, text)
        else:
            messages.success(request, "计划的实施细则已修改。")
            return redirect("inspection_office:plan_detail", pk=pk)
    return render(request, "inspection/office/plan_form.html", {"form": form, "plan": plan})


def _items_date(plan: InspectionPlan) -> date:
    today = timezone.localdate()
    return min(max(today, date(plan.year, 1, 1)), date(plan.year, 12, 31))


@login_required
def planentry_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = (
        scoped(request.user, InspectionPlan, "change")
        .select_related("department")
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise Http404("没有这份抽查计划，或您无权修改")
    if not running.may_manage(request.user, plan.department_id):
        raise PermissionDenied("只有本部门经办人或负责人可以添加抽查任务")
    if plan.state != PlanState.DRAFT:
        messages.error(request, "已报备或公布的计划不能再增加任务（国发〔2019〕5号）")
        return redirect("inspection_office:plan_detail", pk=pk)
    form = EntryForm(request.POST or None, plan=plan, user=request.user, on=_items_date(plan))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            running.add_entry(
                plan,
                actor=request.user,
                name=d["name"],
                items=[*d["items"], *d["partner_items"]],
                starts_on=d["starts_on"],
                ends_on=d["ends_on"],
                partners=list(d["partners"]),
                ratios=d["ratios"] or None,
            )
        except TransitionError as e:
            for r in e.refusals:
                form.add_error(None, refusal_text(r))
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, f"已添加抽查任务“{d['name']}”。")
            return redirect("inspection_office:plan_detail", pk=pk)
    return render(request, "inspection/office/entry_form.html", {"form": form, "plan": plan})


@login_required
def plan_export(request: HttpRequest, pk: int) -> HttpResponse:
    plan = scoped(request.user, InspectionPlan).select_related("department").filter(pk=pk).first()
    if plan is None:
        raise Http404("没有这份抽查计划，或您无权查看")
    response = HttpResponse(plan_workbook(plan), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="inspection-plan-{plan.department.code}-{plan.year}.xlsx"'
    )
    return response


# -- the campaign page ---------------------------------------------------------------------------


def _entry(request: HttpRequest, pk: int) -> tuple[PlanEntry, Campaign | None]:
    """The plan entry and its campaign as the user may see them: the campaign through its own
    scope (its department; supervisors above), an entry not yet opened only by its department."""
    entry = scoped(request.user, PlanEntry).select_related("plan__department").filter(pk=pk).first()
    if entry is None:
        raise Http404("没有这项抽查任务，或您无权查看")
    if entry.campaign_id is None:
        if not scoped(request.user, PlanEntry, "change").filter(pk=pk).exists():
            raise Http404("没有这项抽查任务，或您无权查看")
        return entry, None
    camp = scoped(request.user, Campaign).filter(pk=entry.campaign_id).first()
    if camp is None:
        raise Http404("没有这项抽查任务，或您无权查看")
    entry.campaign = camp
    return entry, camp


def _strata(camp: Campaign, pools: PoolSnapshot | None) -> list[dict[str, Any]]:
    if pools is None:
        return []
    rows = []
    for name, n in sorted(pools.strata.items()):
        ratio = camp.ratios.get(name)
        k = draw.take_count(int(n), int(ratio)) if ratio is not None else None
        rows.append({"name": name, "n": n, "ratio": ratio, "k": k})
    return rows


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry, camp = _entry(request, pk)
    plan = entry.plan
    user = request.user
    manager = running.may_manage(user, plan.department_id)
    items = list(entry.items.select_related("department").order_by("department__code", "code"))
    departments = [plan.department, *entry.partners.order_by("code")]
    context: dict[str, Any] = {
        "entry": entry,
        "plan": plan,
        "camp": camp,
        "manager": manager,
        "items_by_department": [
            (d, [i for i in items if i.department_id == d.pk]) for d in departments
        ],
        "ratios": entry.effective_ratios(),
        "states": CampaignState,
        "plan_published": plan.state == PlanState.PUBLISHED,
    }
    if camp is not None:
        pools = scoped(user, PoolSnapshot).filter(campaign=camp).first()
        commitments = list(
            scoped(user, SeedCommitment)
            .filter(campaign=camp)
            .select_related("official")
            .order_by("committed_at", "pk")
        )
        mine = next((c for c in commitments if c.official_id == user.pk), None)
        drawn = camp.state in (CampaignState.DRAWN, CampaignState.RESULTS_PUBLISHED)
        rows = running.progress(user, camp, plan.department.name) if drawn else []
        context.update(
            {
                "pools": pools,
                "strata": _strata(camp, pools),
                "commitments": commitments,
                "mine": mine,
                "may_commit": running.may_commit(user, camp),
                "commit_form": CommitForm(),
                "reveal_form": RevealForm(),
                "drawn": drawn,
                "rows": rows,
                "summary": running.summary(rows),
                "alerts": sum(1 for r in rows if r.alerts),
                "verification": services.verify(camp) if drawn and manager else None,
                "lead_department": plan.department,
            }
        )
    return render(request, "inspection/office/campaign_detail.html", context)


def _step(request: HttpRequest, pk: int, action: Any, done: str) -> HttpResponse:
    entry, camp = _entry(request, pk)
    try:
        result = action(entry, camp)
    except ValidationError as e:
        _refused(request, e)
    else:
        messages.success(request, done.format(result=result))
    return redirect("inspection_office:campaign_detail", pk=pk)


@login_required
@require_POST
def campaign_open(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        lambda entry, camp: running.open_campaign(entry, actor=request.user).code,
        "抽查任务 {result} 已启动，请冻结名录库。",
    )


def _needs(camp: Campaign | None) -> Campaign:
    if camp is None:
        raise TransitionError(Refusal("抽查任务尚未启动", services.BASIS_RULES, "启动抽查任务"))
    return camp


@login_required
@require_POST
def campaign_freeze(request: HttpRequest, pk: int) -> HttpResponse:
    def act(entry: PlanEntry, camp: Campaign | None) -> int:
        _needs(camp)
        return running.freeze(entry, actor=request.user).entity_count

    return _step(request, pk, act, "名录库已冻结：检查对象 {result} 户。")


@login_required
@require_POST
def campaign_commit(request: HttpRequest, pk: int) -> HttpResponse:
    """The official's own commitment. A secret left blank is generated here and shown once, on
    this response (never stored, never in a redirect's URL or the session)."""
    entry, camp = _entry(request, pk)
    if camp is None:
        messages.error(request, "抽查任务尚未启动，不能提交承诺值")
        return redirect("inspection_office:campaign_detail", pk=pk)
    form = CommitForm(request.POST)
    if not form.is_valid():
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, str(e))
        return redirect("inspection_office:campaign_detail", pk=pk)
    secret = form.cleaned_data["secret"]
    commitment = form.cleaned_data["commitment"]
    generated = "" if (secret or commitment) else services.new_secret()
    try:
        row = running.commit_secret(
            camp, actor=request.user, secret=secret or generated, commitment=commitment
        )
    except ValidationError as e:
        _refused(request, e)
        return redirect("inspection_office:campaign_detail", pk=pk)
    if not generated:
        messages.success(request, f"承诺值已记录：{row.commitment}")
        return redirect("inspection_office:campaign_detail", pk=pk)
    return render(
        request,
        "inspection/office/campaign_secret.html",
        {"entry": entry, "camp": camp, "secret": generated, "commitment": row.commitment},
    )


@login_required
@require_POST
def campaign_announce(request: HttpRequest, pk: int) -> HttpResponse:
    def act(entry: PlanEntry, camp: Campaign | None) -> str:
        c = _needs(camp)
        running.check_manager(request.user, c.department_id)
        return services.publish_commitments(c, actor=_staff(request)).manifest_digest

    return _step(
        request, pk, act, "抽取规则、名录库摘要和承诺值已向社会公布（抽取清单摘要 {result}）。"
    )


@login_required
@require_POST
def campaign_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    def act(entry: PlanEntry, camp: Campaign | None) -> None:
        form = RevealForm(request.POST)
        if not form.is_valid():
            raise ValidationError([e for errs in form.errors.values() for e in errs])
        running.reveal_secret(_needs(camp), actor=request.user, secret=form.cleaned_data["secret"])

    return _step(request, pk, act, "秘密值已揭示，与您的承诺值相符。")


@login_required
@require_POST
def campaign_draw(request: HttpRequest, pk: int) -> HttpResponse:
    def act(entry: PlanEntry, camp: Campaign | None) -> int:
        _needs(camp)
        return running.draw_and_assign(entry, actor=request.user)

    return _step(request, pk, act, "已抽取 {result} 户检查对象，检查任务已派发到检查人员的工作台。")


@login_required
@require_POST
def campaign_publish(request: HttpRequest, pk: int) -> HttpResponse:
    def act(entry: PlanEntry, camp: Campaign | None) -> None:
        _needs(camp)
        running.publish_results(entry, actor=request.user)

    return _step(request, pk, act, "已确认的检查结果已公示，并推送至国家企业信用信息公示系统。")


@login_required
@require_POST
def campaign_public(request: HttpRequest, pk: int) -> HttpResponse:
    """Before the commitments: name the public random value's source; after them, before the
    draw: enter the value it gave."""

    def act(entry: PlanEntry, camp: Campaign | None) -> str:
        c = _needs(camp)
        if c.state == CampaignState.PLANNED:
            label = request.POST.get("label", "")
            running.name_public_source(c, label, actor=request.user)
            return f"已指定公共随机数来源：{label.strip()}"
        value = request.POST.get("value", "")
        running.enter_public_value(c, value, actor=request.user)
        return f"已录入公共随机数：{value.strip()}"

    return _step(request, pk, act, "{result}")
