"""信用修复 (credit repair), 谁认定、谁修复: a ``credit_repair`` case routed to the department that
recognised the record.

The entity files through its public account on the portal (an enterprise account with a
verified binding, for its own records) or a clerk of the recognising department registers a
request received otherwise. The department's clerk accepts it — only once the record's minimum
publication period has run (the refusal names the measures) — which numbers the case and starts
the review period; the clerk reviews (are the obligations fulfilled? where Fazhi knows the
penalty case, its fine must be paid or the case executed or closed); the head approves — the
commitment signed, the obligations fulfilled — or refuses. On approval the record ends and its
publication is withdrawn with the reason 信用修复, the outbox telling the credit platforms
(``records.repair_record``). The measures in force on the request's date apply: 2023令第58号
until 2026-03-31, 2025令第36号 from 2026-04-01 (STATUTES.md K3–K5).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django import forms
from django.db import transaction

from fazhi.core.accounts.submissions import SubmissionItem
from fazhi.core.casework.files import store_document
from fazhi.core.casework.models import Case, Event, Party
from fazhi.core.casework.numbering import yearly_case_number
from fazhi.core.casework.workflow import (
    Refusal,
    StepContext,
    TransitionError,
    Workflow,
    open_case,
    register,
)
from fazhi.core.org.choices import Role

from .choices import Nature, RecordState, RepairState, SourceKind
from .models import CreditRecord, RepairRequest
from .periods import MINIMUM_RULE, REVIEW_KEY, measures_on
from .records import repair_record

KIND = "credit_repair"
OPEN_STATES = (RepairState.SUBMITTED, RepairState.ACCEPTED, RepairState.REVIEWED)
WHO_RECOGNISED = "谁认定、谁修复"


# -- the rules a request is checked against -----------------------------------------------------


def too_early(record: CreditRecord, on: date) -> Refusal | None:
    """Refused before the minimum publication period has run (an earliest date: from that day)."""
    if record.earliest_repair is not None and on < record.earliest_repair:
        return Refusal(
            f"该信用记录于 {record.recognised_on.isoformat()} 认定，最短公示期至 "
            f"{record.earliest_repair.isoformat()} 届满，{record.earliest_repair.isoformat()} "
            f"起方可申请；{MINIMUM_RULE}",
            f"{record.period_basis}（最短公示期）",
        )
    return None


def not_repairable(record: CreditRecord, on: date) -> Refusal | None:
    if record.nature != Nature.ADVERSE:
        return Refusal("良好信息无需信用修复", measures_on(on))
    if record.state != RecordState.PUBLISHED or not record.in_force_on(on):
        return Refusal(
            f"该信用记录已不在公示期内（{record.get_state_display()}），无需修复", measures_on(on)
        )
    return None


def obligations_refusal(req: RepairRequest, on: date) -> Refusal | None:
    """The obligations must be fulfilled: where Fazhi holds the penalty case, its fine paid or
    the case executed or closed; in every case, the reviewer's finding."""
    record = req.record
    basis = f"{measures_on(on)}（纠正失信行为、履行法定义务）"
    if record.source_kind == SourceKind.PENALTY and record.case_id is not None:
        from fazhi.domains.enforcement.models import EnforcementCase

        ec = EnforcementCase.objects.select_related("case").filter(case_id=record.case_id).first()
        if (
            ec is not None
            and ec.fine
            and ec.paid_on is None
            and ec.case.state not in ("executed", "closed")
        ):
            return Refusal(
                f"处罚决定 {record.document_no} 的罚款尚未缴清（本平台记录），"
                "须先完全履行行政处罚决定规定的义务",
                basis,
            )
    if not req.obligations_fulfilled:
        return Refusal(
            "尚未审核认定申请人已纠正失信行为、履行法定义务", basis, missing_step="review"
        )
    return None


def _request(ctx: StepContext) -> RepairRequest:
    return RepairRequest.objects.select_related("record__entity", "record__department").get(
        case=ctx.case
    )


def gate_period(ctx: StepContext) -> Refusal | None:
    req = _request(ctx)
    return not_repairable(req.record, ctx.on) or too_early(req.record, ctx.on)


def gate_conditions(ctx: StepContext) -> Refusal | None:
    req = _request(ctx)
    found = not_repairable(req.record, ctx.on) or too_early(req.record, ctx.on)
    if found is not None:
        return found
    if not req.commitment_signed:
        return Refusal("申请人尚未签署公开信用承诺", f"{measures_on(ctx.on)}（信用承诺）")
    return obligations_refusal(req, ctx.on)


# -- the steps ----------------------------------------------------------------------------------


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", widget=forms.Textarea, max_length=2000)


class ReviewForm(forms.Form):
    obligations_fulfilled = forms.TypedChoiceField(
        label="是否已纠正失信行为、履行法定义务",
        choices=[("yes", "已履行"), ("no", "未履行")],
        coerce=lambda v: v == "yes",
    )
    opinion = forms.CharField(label="审核意见", widget=forms.Textarea, max_length=2000)


class RegisterForm(forms.Form):
    """A clerk of the recognising department registers a request received otherwise."""

    record = forms.IntegerField(label="信用记录编号", min_value=1)
    applicant_name = forms.CharField(label="申请人（名称）", max_length=200)
    correction = forms.CharField(
        label="纠正失信行为、履行法定义务情况", widget=forms.Textarea, max_length=4000
    )
    commitment_signed = forms.BooleanField(label="申请人已签署公开信用承诺", required=False)
    commitment_text = forms.CharField(
        label="信用承诺内容", widget=forms.Textarea, max_length=4000, required=False
    )


def _save_review(ctx: StepContext, event: Event) -> None:
    RepairRequest.objects.filter(case=ctx.case).update(
        obligations_fulfilled=bool(ctx.data["obligations_fulfilled"]),
        review_opinion=ctx.data["opinion"],
    )


def _approve(ctx: StepContext, event: Event) -> None:
    req = _request(ctx)
    req.decision_reason = str(ctx.data.get("reason") or "")
    req.save(update_fields=["decision_reason"])
    repair_record(req.record, on=ctx.on, actor=ctx.actor, note=ctx.case.number)


def _save_reason(ctx: StepContext, event: Event) -> None:
    RepairRequest.objects.filter(case=ctx.case).update(decision_reason=ctx.data["reason"])


def _number(case: Case, on: date) -> str:
    return yearly_case_number(case, "XYXF", on)


def _create(actor: Any, unit: Any, data: Mapping[str, Any], on: date) -> Case:
    record = CreditRecord.objects.filter(pk=data["record"]).select_related("entity").first()
    if record is None or record.department_id != getattr(unit, "pk", unit):
        raise TransitionError(
            Refusal(
                f"本单位没有认定编号为 {data['record']} 的信用记录（{WHO_RECOGNISED}："
                "申请应由认定该信息的单位办理）",
                measures_on(on),
            )
        )
    req = file_request(
        record,
        applicant_name=data["applicant_name"],
        correction=data["correction"],
        commitment_signed=bool(data.get("commitment_signed")),
        commitment_text=data.get("commitment_text") or "",
        on=on,
        actor=actor,
    )
    return req.case


WORKFLOW = register(
    Workflow(
        KIND,
        "信用修复申请",
        RepairState,
        RepairState.SUBMITTED,
        numbering=_number,
        detail=lambda case: RepairRequest.objects.filter(case=case).first(),
        create_form=RegisterForm,
        create_roles=frozenset({Role.CLERK}),
        create=_create,
    )
)
BASIS = (
    "信用修复管理办法（国家发展改革委令2025年第36号）；"
    "2026-03-31 前适用国家发展改革委令2023年第58号"
)
WORKFLOW.add(
    "accept",
    "受理",
    [RepairState.SUBMITTED],
    RepairState.ACCEPTED,
    staff_roles=[Role.CLERK],
    basis=BASIS,
    gates=[gate_period],
    files_case=True,
    starts=(REVIEW_KEY,),
)
WORKFLOW.add(
    "decline",
    "不予受理",
    [RepairState.SUBMITTED],
    RepairState.DECLINED,
    staff_roles=[Role.CLERK],
    basis=BASIS,
    form=ReasonForm,
    effect=_save_reason,
    closes=True,
)
WORKFLOW.add(
    "review",
    "审核",
    [RepairState.ACCEPTED],
    RepairState.REVIEWED,
    staff_roles=[Role.CLERK],
    basis=BASIS,
    form=ReviewForm,
    effect=_save_review,
)
WORKFLOW.add(
    "approve",
    "准予修复",
    [RepairState.REVIEWED],
    RepairState.APPROVED,
    staff_roles=[Role.DEPARTMENT_HEAD],
    basis=BASIS,
    form=ReasonForm,
    gates=[gate_conditions],
    effect=_approve,
    closes=True,
    meets=(REVIEW_KEY,),
)
WORKFLOW.add(
    "refuse",
    "不予修复",
    [RepairState.ACCEPTED, RepairState.REVIEWED],
    RepairState.REFUSED,
    staff_roles=[Role.DEPARTMENT_HEAD],
    basis=BASIS,
    form=ReasonForm,
    effect=_save_reason,
    closes=True,
    meets=(REVIEW_KEY,),
)


# -- filing -------------------------------------------------------------------------------------


@transaction.atomic
def file_request(
    record: CreditRecord,
    *,
    applicant_name: str,
    correction: str,
    commitment_signed: bool,
    commitment_text: str = "",
    commitment_file: tuple[bytes, str] | None = None,
    account: Any = None,
    on: date,
    actor: Any = None,
) -> RepairRequest:
    """Open the request in the recognising department's name (谁认定、谁修复); it has no number
    until accepted. A record already under an open request is refused."""
    refusal = not_repairable(record, on)
    if refusal is not None:
        raise TransitionError(refusal)
    if RepairRequest.objects.filter(record=record, case__state__in=OPEN_STATES).exists():
        raise TransitionError(Refusal("该信用记录已有正在办理的修复申请", measures_on(on)))
    case = open_case(
        KIND,
        title=f"信用修复：{record.entity.name}（{record.get_source_kind_display()}）",
        owner=record.department,
        actor=actor,
        opened_on=on,
    )
    Party.objects.create(case=case, role="applicant", entity=record.entity)
    document = None
    if commitment_file is not None:
        content, name = commitment_file
        document = store_document(
            content,
            name,
            owner_unit=record.department,
            kind="信用承诺书",
            title="信用修复承诺书",
            case=case,
        )
    return RepairRequest.objects.create(
        case=case,
        record=record,
        account=account,
        applicant_name=applicant_name,
        correction=correction,
        commitment_signed=commitment_signed,
        commitment_text=commitment_text,
        commitment_document=document,
        submitted_on=on,
    )


def file_online(account: Any, record: CreditRecord, data: Mapping[str, Any], *, on: date) -> Case:
    """The entity's public account files for its own record; refused at once (with the measures)
    before the minimum period, as 信用中国 does not accept it either."""
    if not account.acts_for_entity or account.entity_id != record.entity_id:
        raise TransitionError(
            Refusal("只能为已核验绑定的本企业的信用记录申请修复", measures_on(on))
        )
    refusal = too_early(record, on)
    if refusal is not None:
        raise TransitionError(refusal)
    upload = data.get("commitment_file")
    req = file_request(
        record,
        applicant_name=record.entity.name,
        correction=data["correction"],
        commitment_signed=bool(data.get("commitment_signed")),
        commitment_text=data.get("commitment_text") or "",
        commitment_file=(upload.read(), upload.name) if upload else None,
        account=account,
        on=on,
    )
    return req.case


class OnlineForm(forms.Form):
    correction = forms.CharField(
        label="纠正失信行为、履行法定义务情况", widget=forms.Textarea, max_length=4000
    )
    commitment_text = forms.CharField(
        label="信用承诺内容（公开）", widget=forms.Textarea, max_length=4000
    )
    commitment_signed = forms.BooleanField(
        label="本单位已阅读并签署信用修复承诺书，承诺所填信息真实，并依法履行义务"
    )
    commitment_file = forms.FileField(label="信用承诺书（签章扫描件，可选）", required=False)


def submissions(account: Any) -> Iterable[SubmissionItem]:
    """The account's own repair requests, for 我的办件."""
    rows = RepairRequest.objects.filter(account=account).select_related("case")
    for row in rows.order_by("-submitted_on", "-id"):
        yield SubmissionItem(
            account_id=account.pk,
            title=row.case.title,
            submitted_at=row.submitted_on,
            status=row.case.get_state_display(),
            reference=row.case.number,
        )
