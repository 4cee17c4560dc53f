"""Back-office pages of what follows a decision (/office/disputes/decisions/): per case, the
decision documents, their service, publication and performance; the respondent's and the
body's performance list; the typical-case compilations.

Every query goes through ``scoped``; every write is a function of the domain modules
(decision_docs, publicity, performance, typical), which check who may act."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.casework.choices import ServiceMethod
from fazhi.core.casework.models import Document, Party, Service
from fazhi.core.casework.workflow import form_refusals
from fazhi.core.org.choices import Role
from fazhi.core.org.scoping import scoped
from fazhi.shell.office.cases import case_for

from . import decision_docs, performance, publicity, typical
from .models import DecisionPerformance, ReconsiderationCase, TypicalCaseCompilation

BODY_ROLES = frozenset({Role.RECONSIDERATION_HANDLER, Role.RECONSIDERATION_HEAD})


class ServeForm(forms.Form):
    document = forms.ModelChoiceField(label="送达文书", queryset=Document.objects.none())
    to_respondent = forms.BooleanField(label="送达被申请人（履行期限自此起算）", required=False)
    party = forms.ModelChoiceField(
        label="受送达当事人", queryset=Party.objects.none(), required=False
    )
    method = forms.ChoiceField(label="送达方式", choices=ServiceMethod.choices)
    served_on = forms.DateField(label="送达日期")
    receipt = forms.ModelChoiceField(
        label="送达回证（本案文书材料）", queryset=Document.objects.none(), required=False
    )
    tracking_number = forms.CharField(label="邮件单号", max_length=60, required=False)
    note = forms.CharField(label="说明", widget=forms.Textarea, required=False)

    def bind(self, request: HttpRequest, case: Any) -> None:
        docs = scoped(request, Document, "view").filter(case=case)
        self.fields["document"].queryset = docs.filter(  # type: ignore[attr-defined]
            form__in=decision_docs.DECISION_FORMS
        )
        self.fields["receipt"].queryset = docs  # type: ignore[attr-defined]
        self.fields["party"].queryset = scoped(request, Party, "view").filter(  # type: ignore[attr-defined]
            case=case
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("to_respondent") and data.get("party") is None:
            raise forms.ValidationError("请选择受送达当事人，或勾选送达被申请人")
        return data


class ReportForm(forms.Form):
    on = forms.DateField(label="报告日期")
    content = forms.CharField(label="履行情况", widget=forms.Textarea, max_length=4000)
    completed = forms.BooleanField(label="已履行完毕", required=False)


class OrderForm(forms.Form):
    on = forms.DateField(label="责令日期")
    days = forms.IntegerField(label="限期（日）", min_value=1, max_value=90)
    content = forms.CharField(label="责令内容", widget=forms.Textarea, max_length=2000)


def _body(request: HttpRequest, case: Any) -> bool:
    units = {r.org_unit_id for r in request.user.role_rows() if r.role in BODY_ROLES}  # type: ignore[union-attr]
    return case.participants.filter(role="owner", org_unit_id__in=units).exists()


def _case(request: HttpRequest, pk: int) -> tuple[Any, ReconsiderationCase]:
    case = case_for(request, pk)
    rc = scoped(request, ReconsiderationCase, "view").filter(case=case).first()
    if rc is None:
        raise Http404
    return case, rc


@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case, rc = _case(request, pk)
    perf = scoped(request, DecisionPerformance, "view").filter(case=case).first()
    body = _body(request, case)
    serve_form = ServeForm(prefix="s")
    serve_form.bind(request, case)
    refusals: list[Any] = []
    action = request.POST.get("action") if request.method == "POST" else None
    try:
        if action == "serve" and body:
            serve_form = ServeForm(request.POST, prefix="s")
            serve_form.bind(request, case)
            if not serve_form.is_valid():
                refusals = form_refusals(serve_form)
            else:
                d = serve_form.cleaned_data
                decision_docs.serve(
                    d["document"],
                    method=d["method"],
                    served_on=d["served_on"],
                    actor=request.user,
                    to_respondent=d["to_respondent"],
                    party=d["party"],
                    receipt=d["receipt"],
                    tracking_number=d["tracking_number"],
                    note=d["note"],
                )
                messages.success(request, "已登记送达")
                return redirect("disputes_decisions:decision_detail", pk=case.pk)
        elif action == "publish" and body:
            publicity.publish_decision(case, actor=request.user)
            messages.success(request, "决定书已经公开（已按规定遮蔽个人信息）")
            return redirect("disputes_decisions:decision_detail", pk=case.pk)
        elif action == "report" and perf is not None:
            form = ReportForm(request.POST, prefix="r")
            if not form.is_valid():
                refusals = form_refusals(form)
            else:
                performance.report(perf, actor=request.user, **form.cleaned_data)
                messages.success(request, "已登记履行情况")
                return redirect("disputes_decisions:decision_detail", pk=case.pk)
        elif action == "order" and perf is not None:
            order_form = OrderForm(request.POST, prefix="o")
            if not order_form.is_valid():
                refusals = form_refusals(order_form)
            else:
                performance.order(perf, actor=request.user, **order_form.cleaned_data)
                messages.success(request, "已责令限期履行")
                return redirect("disputes_decisions:decision_detail", pk=case.pk)
        elif action is not None:
            raise PermissionDenied("您在本案中不能办理此事项")
    except ValidationError as exc:
        refusals = list(getattr(exc, "refusals", None) or exc.messages)
    documents = scoped(request, Document, "view").filter(
        case=case, form__in=decision_docs.DECISION_FORMS
    )
    services = scoped(request, Service, "view").filter(document__in=documents)
    return render(
        request,
        "disputes/decision_detail.html",
        {
            "case": case,
            "rc": rc,
            "documents": documents,
            "services": services.order_by("served_on", "pk"),
            "publications": publicity.published(case),
            "publish_refusal": publicity.publication_refusal(case) if body else None,
            "body": body,
            "serve_form": serve_form if body else None,
            "perf": perf,
            "records": perf.records.all() if perf is not None else [],
            "report_form": ReportForm(prefix="r", initial={"on": timezone.localdate()})
            if perf is not None and performance.may_report(perf, request.user)
            else None,
            "order_form": OrderForm(prefix="o", initial={"on": timezone.localdate()})
            if perf is not None and performance.may_order(perf, request.user)
            else None,
            "refusals": refusals,
        },
    )


@login_required
def performance_list(request: HttpRequest) -> HttpResponse:
    rows = scoped(request, DecisionPerformance, "view").select_related("case")
    return render(request, "disputes/performance_list.html", {"rows": rows.order_by("due", "pk")})


@login_required
def compilation_list(request: HttpRequest) -> HttpResponse:
    units = [r.org_unit for r in request.user.role_rows() if r.role in BODY_ROLES]  # type: ignore[union-attr]
    if request.method == "POST":
        if not units:
            raise PermissionDenied("典型案例由行政复议机构编选")
        try:
            year = int(request.POST.get("year", ""))
        except ValueError:
            messages.error(request, "请填写年度")
            return redirect("disputes_decisions:compilation_list")
        comp = typical.compile_typical_cases(units[0], year, on=timezone.localdate())
        messages.success(request, f"已编选 {comp.entries.count()} 个案例")
        return redirect("disputes_decisions:compilation_detail", pk=comp.pk)
    rows = scoped(request, TypicalCaseCompilation, "view").select_related("owner")
    return render(
        request,
        "disputes/compilation_list.html",
        {"rows": rows, "may_compile": bool(units), "year": timezone.localdate().year},
    )


def _compilation(request: HttpRequest, pk: int, action: str = "view") -> TypicalCaseCompilation:
    comp = scoped(request, TypicalCaseCompilation, action).filter(pk=pk).first()  # type: ignore[arg-type]
    if comp is None:
        raise Http404
    return comp


@login_required
def compilation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    comp = _compilation(request, pk)
    may_act = scoped(request, TypicalCaseCompilation, "change").filter(pk=pk).exists()
    return render(
        request,
        "disputes/compilation_detail.html",
        {"comp": comp, "entries": comp.entries.select_related("case"), "may_act": may_act},
    )


@login_required
@require_POST
def compilation_export(request: HttpRequest, pk: int) -> HttpResponse:
    comp = _compilation(request, pk, "change")
    try:
        typical.export_word(comp, actor=request.user, on=timezone.localdate())
        messages.success(request, "已生成 Word 文本")
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("disputes_decisions:compilation_detail", pk=comp.pk)


@login_required
@require_POST
def compilation_publish(request: HttpRequest, pk: int) -> HttpResponse:
    comp = _compilation(request, pk, "change")
    try:
        typical.publish_compilation(comp, actor=request.user)
        messages.success(request, "典型案例已经公开")
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("disputes_decisions:compilation_detail", pk=comp.pk)


@login_required
def compilation_file(request: HttpRequest, pk: int) -> FileResponse:
    comp = _compilation(request, pk)
    if comp.document is None:
        raise Http404
    return FileResponse(
        comp.document.file.open("rb"), as_attachment=True, filename=f"{comp.title}.docx"
    )
