"""附带审查 (行政复议法 第十三条, 第五十六条至第六十条): the applicant asks, with the application,
to review the normative document (规章除外) the act relied on. The request is recorded on the case
with the document named and routed: handled by this body within thirty days when it may, or
transferred within seven working days to the body that may, whose answer is due within sixty
days; when this body handles it, the maker is asked in writing and answers within ten working
days. The rulemaking app records the answer through ``answer_incidental``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.deadlines import mark_met, start_deadline
from fazhi.core.casework.models import Case
from fazhi.core.casework.workflow import STAY, Refusal, StepContext, TransitionError
from fazhi.core.clock import statutes
from fazhi.core.clock.periods import Period, Unit
from fazhi.core.org.models import OrgUnit

from .choices import OPEN_STATES
from .intake import owner_unit
from .models import IncidentalReview
from .party_choices import IncidentalConclusion, IncidentalState, NormativeLevel
from .workflow import HANDLER, WORKFLOW

D, WD = Unit.DAYS, Unit.WORKDAYS
IN_FORCE = date(2024, 1, 1)


def _period(key: str, name: str, amount: int, unit: Unit, basis: str) -> str:
    statutes.register(
        statutes.StatutoryPeriod(
            key, name, (statutes.Version(IN_FORCE, Period(amount, unit, basis)),)
        )
    )
    return key


# 第五十六条: 有权处理的, 三十日内依法处理; 无权处理的, 七日内 (第八十八条: 工作日) 转送.
INCIDENTAL_HANDLE = _period(
    "reconsideration.incidental_handle", "附带审查（本机关处理）", 30, D, "行政复议法 第五十六条"
)
INCIDENTAL_TRANSFER = _period(
    "reconsideration.incidental_transfer", "附带审查申请转送", 7, WD, "行政复议法 第五十六条"
)
# 第五十八条: 制定机关自收到书面通知之日起十日内提交书面答复.
INCIDENTAL_MAKER_REPLY = _period(
    "reconsideration.incidental_maker_reply", "制定机关书面答复", 10, WD, "行政复议法 第五十八条"
)
# 第六十条: 接受转送的机关自收到转送之日起六十日内回复处理意见.
INCIDENTAL_TRANSFER_REPLY = _period(
    "reconsideration.incidental_transfer_reply", "接受转送机关回复", 60, D, "行政复议法 第六十条"
)


# -- 附带审查 --------------------------------------------------------------------------------


class IncidentalForm(forms.Form):
    document_title = forms.CharField(label="规范性文件名称", max_length=200)
    document_number = forms.CharField(label="文号", max_length=80, required=False)
    level = forms.ChoiceField(label="文件类别（规章除外）", choices=NormativeLevel.choices)
    maker = forms.CharField(label="制定机关", max_length=200)
    clauses = forms.CharField(label="请求审查的条款", max_length=300, required=False)
    competent = forms.BooleanField(label="本机关有权处理", required=False)
    routed_to = forms.ModelChoiceField(
        label="转送的有权处理机关（本机关无权处理时）",
        queryset=OrgUnit.objects.all(),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("competent") and data.get("routed_to") is None:
            self.add_error("routed_to", "本机关无权处理的，须写明转送的有权处理机关")
        return data


class IncidentalChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"《{obj.document_title}》（{obj.get_state_display()}）"


class _IncidentalPick(forms.Form):
    review = IncidentalChoice(label="附带审查申请", queryset=IncidentalReview.objects.none())
    states: tuple[str, ...] = ()

    def bind_case(self, case: Case) -> None:
        field = self.fields["review"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = IncidentalReview.objects.filter(case=case, state__in=self.states)


class TransferForm(_IncidentalPick):
    states = (IncidentalState.TO_TRANSFER,)


class NotifyMakerForm(_IncidentalPick):
    states = (IncidentalState.HANDLING,)


class AnswerForm(_IncidentalPick):
    states = (IncidentalState.HANDLING, IncidentalState.TRANSFERRED)
    conclusion = forms.ChoiceField(label="处理结论", choices=IncidentalConclusion.choices)
    answer = forms.CharField(label="处理意见", widget=forms.Textarea, max_length=4000)


def _incidental_recorded(ctx: StepContext, event: Any) -> None:
    data = ctx.data
    competent = bool(data.get("competent"))
    review = IncidentalReview.objects.create(
        case=ctx.case,
        document_title=data["document_title"],
        document_number=data.get("document_number", ""),
        level=data["level"],
        maker=data["maker"],
        clauses=data.get("clauses", ""),
        requested_on=ctx.on,
        competent=competent,
        routed_to=owner_unit(ctx.case) if competent else data["routed_to"],
        state=IncidentalState.HANDLING if competent else IncidentalState.TO_TRANSFER,
    )
    key = INCIDENTAL_HANDLE if competent else INCIDENTAL_TRANSFER
    start_deadline(ctx.case, key, ctx.on, org_unit=review.routed_to, actor=ctx.actor)


def _meet(case: Case, key: str, on: date, actor: Any) -> None:
    # Several requests may run at once: the oldest running clock of the key is this one's.
    d = (
        case.deadlines.filter(key=key, status=DeadlineStatus.RUNNING)
        .order_by("start", "id")
        .first()
    )
    if d is not None:
        mark_met(d, on, actor=actor)


def _transferred(ctx: StepContext, event: Any) -> None:
    review: IncidentalReview = ctx.data["review"]
    _move(review, IncidentalState.TRANSFERRED, transferred_on=ctx.on)
    _meet(ctx.case, INCIDENTAL_TRANSFER, ctx.on, ctx.actor)
    start_deadline(
        ctx.case, INCIDENTAL_TRANSFER_REPLY, ctx.on, org_unit=review.routed_to, actor=ctx.actor
    )


def _maker_notified(ctx: StepContext, event: Any) -> None:
    start_deadline(ctx.case, INCIDENTAL_MAKER_REPLY, ctx.on, actor=ctx.actor)


def _move(review: IncidentalReview, state: str, **fields: Any) -> None:
    if not review.may_become(state):
        raise TransitionError(
            Refusal(
                f"附带审查当前为“{review.get_state_display()}”，不能改为该状态",
                "行政复议法 第五十六条",
            )
        )
    IncidentalReview.objects.filter(pk=review.pk).update(state=state, **fields)


def answer_incidental(
    review: IncidentalReview, *, conclusion: str, answer: str, on: date, actor: Any = None
) -> None:
    """The handling body's answer (this body's own handling, or the receiving body's reply —
    the rulemaking app calls this when it records one)."""
    key = (
        INCIDENTAL_TRANSFER_REPLY
        if review.state == IncidentalState.TRANSFERRED
        else INCIDENTAL_HANDLE
    )
    _move(review, IncidentalState.ANSWERED, answered_on=on, conclusion=conclusion, answer=answer)
    _meet(review.case, key, on, actor)


def _answered(ctx: StepContext, event: Any) -> None:
    answer_incidental(
        ctx.data["review"],
        conclusion=ctx.data["conclusion"],
        answer=ctx.data["answer"],
        on=ctx.on,
        actor=ctx.actor,
    )


# -- the steps ------------------------------------------------------------------------------

OPEN = list(OPEN_STATES)
WORKFLOW.add(
    "incidental_review",
    "登记规范性文件附带审查申请",
    OPEN,
    STAY,
    staff_roles=[HANDLER],
    basis="行政复议法 第十三条、第五十六条",
    form=IncidentalForm,
    effect=_incidental_recorded,
)
WORKFLOW.add(
    "transfer_incidental",
    "转送附带审查申请",
    OPEN,
    STAY,
    staff_roles=[HANDLER],
    basis="行政复议法 第五十六条",
    form=TransferForm,
    effect=_transferred,
)
WORKFLOW.add(
    "notify_maker",
    "书面通知制定机关答复",
    OPEN,
    STAY,
    staff_roles=[HANDLER],
    basis="行政复议法 第五十八条",
    form=NotifyMakerForm,
    effect=_maker_notified,
)
WORKFLOW.add(
    "answer_incidental",
    "登记附带审查处理意见",
    OPEN,
    STAY,
    staff_roles=[HANDLER],
    basis="行政复议法 第五十九条、第六十条",
    form=AnswerForm,
    effect=_answered,
)
