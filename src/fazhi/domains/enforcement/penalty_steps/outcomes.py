"""The case's other ends: 不予处罚 (第三十三条, with the education it requires) and 移送 (to the
agency that has jurisdiction, or to the criminal justice organs: 两法衔接, with the receipt)."""

from __future__ import annotations

from django import forms

from fazhi.core.casework.models import Event
from fazhi.core.casework.workflow import Refusal, StepContext

from ..choices import Outcome, TransferKind
from ..models import EnforcementCase
from .common import detail, last_event

NO_PENALTY_BASIS = "行政处罚法 第三十三条"
# 第五十七条第一款第四项: 违法行为涉嫌犯罪的, 移送司法机关; 第二十七条: 应当及时移送.
# 行政执法机关移送涉嫌犯罪案件的规定 (国务院令第310号) 第八条: 公安机关在移送书回执上签字.
CRIMINAL_BASIS = "行政处罚法 第二十七条、第五十七条第一款第四项"
RECEIPT_BASIS = "行政执法机关移送涉嫌犯罪案件的规定 第八条"
# 第二十二条: 由违法行为发生地的有管辖权的行政机关管辖 (an agency without it hands the case on).
AGENCY_BASIS = "行政处罚法 第二十二条"


EDUCATION_REQUIRED = "不予行政处罚的，应当对当事人进行教育（行政处罚法 第三十三条第三款）"


class NoPenaltyForm(forms.Form):
    reasons = forms.CharField(label="不予处罚的理由", widget=forms.Textarea, max_length=4000)
    education = forms.CharField(
        label="对当事人进行教育的情况（方式、内容、日期）",
        widget=forms.Textarea,
        max_length=4000,
        error_messages={"required": EDUCATION_REQUIRED},
    )


def no_penalty_found(ctx: StepContext) -> Refusal | None:
    """Only when ``tier_for`` found 不予处罚 on the recorded circumstances."""
    ec = detail(ctx.case)
    if not ec.no_penalty_basis:
        return Refusal(
            "记录的裁量情节不符合不予行政处罚的情形（初次违法且危害后果轻微并及时改正、"
            "违法行为轻微并及时改正没有造成危害后果等）",
            NO_PENALTY_BASIS,
            missing_step="assess",
        )
    return None


def save_no_penalty(ctx: StepContext, event: Event) -> None:
    EnforcementCase.objects.filter(case=ctx.case).update(
        outcome=Outcome.NO_PENALTY,
        penalty_type="",
        fine=None,
        decided_on=ctx.on,
        decision_no=ctx.case.number,
    )


class TransferForm(forms.Form):
    kind = forms.ChoiceField(label="移送类别", choices=TransferKind.choices)
    receiver = forms.CharField(label="接受移送的机关", max_length=200)
    reasons = forms.CharField(label="移送理由", widget=forms.Textarea, max_length=4000)
    materials = forms.CharField(
        label="移送的材料（案件移送书、调查报告、证据清单等）",
        widget=forms.Textarea,
        max_length=4000,
    )


def save_transfer(ctx: StepContext, event: Event) -> None:
    EnforcementCase.objects.filter(case=ctx.case).update(
        outcome=Outcome.TRANSFER, decided_on=ctx.on
    )


class ReceiptForm(forms.Form):
    received_by = forms.CharField(label="签收人", max_length=100)
    receipt_no = forms.CharField(label="回执编号", max_length=100, required=False)


def transfer_basis(kind: str) -> str:
    return CRIMINAL_BASIS if kind == TransferKind.CRIMINAL else AGENCY_BASIS


def receipt_for_the_transfer(ctx: StepContext) -> Refusal | None:
    """两法衔接: the receiving public security organ signs the receipt; the case closes on it."""
    transfer = last_event(ctx.case, "transfer")
    if transfer is None:
        return Refusal("本案尚未移送", CRIMINAL_BASIS, missing_step="transfer")
    if transfer.occurred_on and ctx.on < transfer.occurred_on:
        return Refusal("签收日期不能早于移送日期", RECEIPT_BASIS)
    if transfer.data.get("kind") == TransferKind.CRIMINAL and not ctx.data.get("receipt_no"):
        return Refusal("移送涉嫌犯罪案件须登记公安机关签字的移送书回执", RECEIPT_BASIS)
    return None
