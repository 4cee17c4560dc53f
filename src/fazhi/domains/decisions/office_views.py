"""The decisions domain's own back-office pages (/office/decisions/): the decision catalog with
its adjustments, the meetings and their agendas (where a decision with a procedure missing is
refused, each missing step named), the legal opinions register's entry form and documents, and
the advisers' coverage and public directory."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.casework.workflow import TransitionError, take
from fazhi.core.org.choices import Role
from fazhi.core.org.models import LegalAdviser, OrgUnit
from fazhi.core.org.scoping import scoped

from . import advisers, catalog, opinions
from .choices import (
    AdjustmentAction,
    DecisionCategory,
    EvaluationGrade,
    MeetingKind,
    OpinionConclusion,
    OpinionKind,
    OpinionSubject,
    WorkKind,
)
from .models import (
    AdviserContract,
    CatalogItem,
    DecisionCatalog,
    LegalOpinion,
    MajorDecision,
    Meeting,
)
from .procedures import missing_procedures

WRITERS = (Role.CLERK, Role.DEPARTMENT_HEAD)


def _units(request: HttpRequest, roles: tuple[str, ...], **filters: Any) -> list[OrgUnit]:
    user: Any = request.user
    rows = [r for r in user.role_rows() if r.role in roles]
    units = [r.org_unit for r in rows]
    if filters.get("government"):
        units = [u for u in units if u.kind == "government"]
    return units


def _refusal_messages(request: HttpRequest, error: TransitionError) -> None:
    for r in error.refusals:
        messages.error(request, str(r))


# -- the decision catalog ------------------------------------------------------------------------


class CatalogForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)


class ItemForm(forms.Form):
    title = forms.CharField(label="决策事项", max_length=200)
    category = forms.ChoiceField(label="类别", choices=DecisionCategory.choices)
    undertaking_unit = forms.ModelChoiceField(label="承办单位", queryset=OrgUnit.objects.none())
    planned = forms.CharField(label="计划完成时间", max_length=40, required=False)
    expert_review = forms.BooleanField(label="需专家论证", required=False, initial=True)
    risk_assessment = forms.BooleanField(label="需风险评估", required=False, initial=True)
    hearing = forms.BooleanField(label="拟召开听证会", required=False)
    fair_competition = forms.BooleanField(label="涉及市场主体经济活动", required=False)


class AdjustForm(forms.Form):
    action = forms.ChoiceField(label="调整方式", choices=AdjustmentAction.choices)
    item = forms.ModelChoiceField(
        label="决策事项（修改、取消时）", queryset=CatalogItem.objects.none(), required=False
    )
    reason = forms.CharField(label="调整理由", widget=forms.Textarea, max_length=2000)


class ApproveForm(forms.Form):
    approved_on = forms.DateField(label="党委同意日期")
    approval_ref = forms.CharField(label="党委同意文件或会议", max_length=100)


@login_required
def catalog_list(request: HttpRequest) -> HttpResponse:
    catalogs = scoped(request, DecisionCatalog).select_related("government")
    governments = _units(request, WRITERS, government=True)
    form = CatalogForm(request.POST or None)
    if request.method == "POST":
        if not governments:
            raise PermissionDenied("只有决策机关的工作人员可以编制决策事项目录")
        if form.is_valid():
            cat, _ = DecisionCatalog.objects.get_or_create(
                government=governments[0], year=form.cleaned_data["year"]
            )
            return redirect("decisions_office:catalog_detail", pk=cat.pk)
    return render(
        request,
        "decisions/catalog_list.html",
        {"catalogs": catalogs, "form": form, "may_create": bool(governments)},
    )


def _catalog(request: HttpRequest, pk: int, action: str = "view") -> DecisionCatalog:
    cat = scoped(request, DecisionCatalog, action).filter(pk=pk).first()  # type: ignore[arg-type]
    if cat is None:
        if action == "change" and scoped(request, DecisionCatalog).filter(pk=pk).exists():
            raise PermissionDenied("只有决策机关的工作人员可以调整决策事项目录")
        raise Http404("没有这个目录")
    return cat


def _item_form(cat: DecisionCatalog, data: Any = None) -> ItemForm:
    form = ItemForm(data, prefix="item")
    field = form.fields["undertaking_unit"]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = OrgUnit.objects.filter(path__startswith=cat.government.path, active=True)
    return form


@login_required
def catalog_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cat = _catalog(request, pk)
    adjust_form = AdjustForm(prefix="adj")
    item_field = adjust_form.fields["item"]
    assert isinstance(item_field, forms.ModelChoiceField)
    item_field.queryset = cat.items.filter(cancelled_on__isnull=True)
    return render(
        request,
        "decisions/catalog_detail.html",
        {
            "catalog": cat,
            "items": cat.items.select_related("undertaking_unit"),
            "adjustments": cat.adjustments.select_related("item", "actor"),
            "item_form": _item_form(cat),
            "adjust_form": adjust_form,
            "approve_form": ApproveForm(),
            "may_change": scoped(request, DecisionCatalog, "change").filter(pk=pk).exists(),
        },
    )


@login_required
@require_POST
def catalog_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    cat = _catalog(request, pk, "change")
    today = timezone.localdate()
    try:
        if action == "approve":
            approve = ApproveForm(request.POST)
            if not approve.is_valid():
                raise TransitionError([str(e) for e in approve.errors.values()])
            catalog.approve(
                cat,
                on=approve.cleaned_data["approved_on"],
                approval_ref=approve.cleaned_data["approval_ref"],
            )
        elif action == "publish":
            catalog.publish_catalog(cat, on=today, actor=request.user)
        elif action == "item":
            form = _item_form(cat, request.POST)
            if not form.is_valid():
                raise TransitionError([f"{k}：{v[0]}" for k, v in form.errors.items()])
            if cat.state == "draft":
                number = cat.items.order_by("-number").values_list("number", flat=True).first() or 0
                CatalogItem.objects.create(
                    catalog=cat, number=number + 1, added_on=today, **form.cleaned_data
                )
            else:
                catalog.adjust(
                    cat,
                    AdjustmentAction.ADD,
                    on=today,
                    reason=request.POST.get("reason", ""),
                    changes=form.cleaned_data,
                    actor=request.user,
                )
        elif action == "adjust":
            adj = AdjustForm(request.POST, prefix="adj")
            field = adj.fields["item"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = cat.items.all()
            if not adj.is_valid():
                raise TransitionError([f"{k}：{v[0]}" for k, v in adj.errors.items()])
            catalog.adjust(
                cat,
                adj.cleaned_data["action"],
                on=today,
                reason=adj.cleaned_data["reason"],
                item=adj.cleaned_data["item"],
                actor=request.user,
            )
        else:
            raise Http404("没有这个操作")
    except TransitionError as error:
        _refusal_messages(request, error)
    else:
        messages.success(request, "已保存")
    return redirect("decisions_office:catalog_detail", pk=cat.pk)


# -- meetings and their agendas ------------------------------------------------------------------


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label="会议", choices=MeetingKind.choices)
    session = forms.CharField(label="届次", max_length=40)
    held_on = forms.DateField(label="会议日期")
    chair = forms.CharField(label="主持人（行政首长）", max_length=50)


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    governments = _units(request, WRITERS, government=True)
    form = MeetingForm(request.POST or None)
    if request.method == "POST":
        if not governments:
            raise PermissionDenied("只有决策机关的工作人员可以登记会议")
        if form.is_valid():
            meeting = Meeting.objects.create(government=governments[0], **form.cleaned_data)
            return redirect("decisions_office:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "decisions/meeting_list.html",
        {"meetings": scoped(request, Meeting), "form": form, "may_create": bool(governments)},
    )


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = scoped(request, Meeting).filter(pk=pk).select_related("government").first()
    if meeting is None:
        raise Http404("没有这个会议")
    candidates = (
        scoped(request, MajorDecision)
        .filter(
            item__catalog__government=meeting.government,
            case__state__in=["drafting", "under_review", "reviewed"],
        )
        .select_related("case", "item")
    )
    if request.method == "POST":
        raw = request.POST.get("decision", "")
        decision = candidates.filter(pk=int(raw)).first() if raw.isdigit() else None
        if decision is None:
            messages.error(request, "请选择本决策机关的决策草案")
        else:
            try:
                take(
                    decision.case,
                    "place_on_agenda",
                    request.user,
                    data={"meeting": meeting.pk},
                    on=timezone.localdate(),
                )
            except TransitionError as error:
                messages.error(request, f"“{decision.case.title}”未履行法定程序，不能列入议题：")
                _refusal_messages(request, error)
            else:
                messages.success(request, f"“{decision.case.title}”已列入议题")
            return redirect("decisions_office:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "decisions/meeting_detail.html",
        {
            "meeting": meeting,
            "items": meeting.items.select_related("decision__case"),
            "candidates": [(d, missing_procedures(d)) for d in candidates],
        },
    )


# -- legal opinions ------------------------------------------------------------------------------


class OpinionForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=OpinionKind.choices)
    subject_kind = forms.ChoiceField(label="事项类别", choices=OpinionSubject.choices)
    subject = forms.CharField(label="审查事项", max_length=200)
    requester = forms.ModelChoiceField(
        label="送审单位", queryset=OrgUnit.objects.filter(active=True)
    )
    adviser = forms.ModelChoiceField(
        label="出具意见的法律顾问", queryset=LegalAdviser.objects.none(), required=False
    )
    received_on = forms.DateField(label="收件日期")
    issued_on = forms.DateField(label="出具日期")
    conclusion = forms.ChoiceField(label="结论", choices=OpinionConclusion.choices)
    summary = forms.CharField(label="意见要点", widget=forms.Textarea, max_length=8000)
    document = forms.FileField(label="意见书（Word，可不上传，由系统生成）", required=False)

    def clean_document(self) -> Any:
        f = self.cleaned_data.get("document")
        if f is not None and not f.name.lower().endswith(".docx"):
            raise forms.ValidationError("请上传 Word（.docx）文件")
        return f

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("received_on")
            and data.get("issued_on")
            and data["issued_on"] < data["received_on"]
        ):
            self.add_error("issued_on", "出具日期不能早于收件日期")
        return data


@login_required
def opinion_create(request: HttpRequest) -> HttpResponse:
    units = _units(request, (Role.CLERK, Role.LEGAL_REVIEWER, Role.DEPARTMENT_HEAD))
    if not units:
        raise PermissionDenied("只有法制机构的工作人员可以登记法律意见")
    form = OpinionForm(request.POST or None, request.FILES or None)
    adviser = form.fields["adviser"]
    assert isinstance(adviser, forms.ModelChoiceField)
    adviser.queryset = scoped(request, LegalAdviser)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            opinion = opinions.register_opinion(
                kind=data["kind"],
                subject_kind=data["subject_kind"],
                subject=data["subject"],
                requester=data["requester"],
                author_unit=units[0],
                adviser=data["adviser"],
                received_on=data["received_on"],
                issued_on=data["issued_on"],
                conclusion=data["conclusion"],
                summary=data["summary"],
                upload=data.get("document"),
                actor=request.user,
            )
        except TransitionError as error:
            _refusal_messages(request, error)
        else:
            messages.success(request, f"已登记 {opinion.number}")
            return redirect("office:resource_list", slug="legal-opinions")
    return render(request, "decisions/opinion_form.html", {"form": form, "unit": units[0]})


@login_required
def opinion_document(request: HttpRequest, pk: int) -> FileResponse:
    opinion = get_object_or_404(scoped(request, LegalOpinion), pk=pk)
    if not opinion.document:
        raise Http404("该意见没有文书")
    return FileResponse(
        opinion.document.open("rb"),
        as_attachment=True,
        filename=f"{opinion.number}.docx",
        content_type=opinions.DOCX_MIME,
    )


# -- advisers ------------------------------------------------------------------------------------


@login_required
def adviser_coverage(request: HttpRequest) -> HttpResponse:
    """Agencies and villages (communities) without an adviser today, for the justice bureau."""
    user: Any = request.user
    rows = [r for r in user.role_rows() if r.org_unit.code.endswith("-SFJ")]
    if not rows:
        raise PermissionDenied("法律顾问工作由司法局管理")
    root = rows[0].org_unit.government
    on = timezone.localdate()
    if request.GET.get("on"):
        try:
            on = forms.DateField().clean(request.GET["on"])
        except forms.ValidationError:
            messages.error(request, "日期格式应为 YYYY-MM-DD")
    townships = OrgUnit.objects.filter(path__startswith=root.path, level="township").order_by(
        "code"
    )
    return render(
        request,
        "decisions/adviser_coverage.html",
        {
            "root": root,
            "on": on,
            "agencies": advisers.agencies_without_adviser(root, on),
            "places": advisers.places_without_adviser(root, on)[:500],
            "townships": townships,
        },
    )


@login_required
@require_POST
def directory_publish(request: HttpRequest, code: str) -> HttpResponse:
    user: Any = request.user
    bureau = next(
        (
            r.org_unit
            for r in user.role_rows()
            if r.role in WRITERS and r.org_unit.code.endswith("-SFJ")
        ),
        None,
    )
    if bureau is None:
        raise PermissionDenied("法律顾问名录由司法局发布")
    township = OrgUnit.objects.filter(
        code=code, level="township", path__startswith=bureau.government.path
    ).first()
    if township is None:
        raise Http404("没有这个乡镇（街道）")
    pub = advisers.publish_directory(
        township, on=timezone.localdate(), actor=user, publisher=bureau
    )
    if pub is None:
        messages.error(request, f"{township.name}目前没有派驻法律顾问")
    else:
        messages.success(request, f"已发布{township.name}村（社区）法律顾问名录")
    return redirect("decisions_office:adviser_coverage")


class WorkLogForm(forms.Form):
    on = forms.DateField(label="日期")
    kind = forms.ChoiceField(label="工作类别", choices=WorkKind.choices)
    count = forms.IntegerField(label="件（次）数", min_value=1, initial=1)
    summary = forms.CharField(label="内容", max_length=500)


class EvaluationForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    grade = forms.ChoiceField(label="等次", choices=EvaluationGrade.choices)
    on = forms.DateField(label="评价日期")
    remarks = forms.CharField(label="评价意见", widget=forms.Textarea, required=False)


@login_required
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An adviser's contract with its work log and yearly evaluations; the justice bureau and
    the client agency record them (a village's evaluation is recorded by the bureau)."""
    contract = (
        scoped(request, AdviserContract)
        .filter(pk=pk)
        .select_related("assignment__adviser", "assignment__org_unit", "assignment__region")
        .first()
    )
    if contract is None:
        raise Http404("没有这份合同")
    may_change = scoped(request, AdviserContract, "change").filter(pk=pk).exists()
    log_form = WorkLogForm(request.POST if "log" in request.POST else None, prefix="log")
    eval_form = EvaluationForm(request.POST if "evaluate" in request.POST else None, prefix="ev")
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied("只有司法局或服务对象可以登记法律顾问工作和评价")
        assignment = contract.assignment
        try:
            if log_form.is_bound and log_form.is_valid():
                d = log_form.cleaned_data
                advisers.log_work(
                    assignment, on=d["on"], kind=d["kind"], count=d["count"], summary=d["summary"]
                )
                messages.success(request, "已登记工作台账")
                return redirect("decisions_office:contract_detail", pk=pk)
            if eval_form.is_bound and eval_form.is_valid():
                d = eval_form.cleaned_data
                if assignment.evaluations.filter(year=d["year"]).exists():
                    raise TransitionError(f"{d['year']} 年度已评价")
                advisers.evaluate(
                    assignment, year=d["year"], grade=d["grade"], on=d["on"], remarks=d["remarks"]
                )
                messages.success(request, "已登记年度评价")
                return redirect("decisions_office:contract_detail", pk=pk)
        except TransitionError as error:
            _refusal_messages(request, error)
    return render(
        request,
        "decisions/contract_detail.html",
        {
            "contract": contract,
            "logs": contract.assignment.work_logs.all(),
            "evaluations": contract.assignment.evaluations.all(),
            "log_form": log_form,
            "eval_form": eval_form,
            "may_change": may_change,
        },
    )
