"""送达 and 执行 of the decision (行政处罚法 第六十一条, 第六十六、六十七、七十二条; 行政强制法
第五十三、五十四条).

The decision is served through ``casework.service.record_service`` (with its proof), within 7
working days when the party was not present at its announcement; the fine is paid within 15
days of service, or by the date an approved deferral or instalment plan sets; late, a
surcharge of 3 % of the fine a day, never more than the fine; unpaid after a 催告, the agency
(without its own power of coercive execution) applies to the people's court within 3 months
after the party's time to seek reconsideration or to sue has run out. Only then 结案.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django import forms

from fazhi.core.casework.choices import ServiceMethod
from fazhi.core.casework.models import Case, Document, Event, Party
from fazhi.core.casework.service import ServiceError, record_service
from fazhi.core.casework.workflow import Refusal, StepContext, TransitionError
from fazhi.core.clock import statutes
from fazhi.core.clock.periods import Period, PeriodKind, Unit

from ..choices import PaymentRelief, PenaltyState
from ..models import EnforcementCase
from .common import detail, last_event, money

SERVICE_BASIS = "行政处罚法 第六十一条"
PAYMENT_BASIS = "行政处罚法 第六十七条"
RELIEF_BASIS = "行政处罚法 第六十六条"
SURCHARGE_BASIS = "行政处罚法 第七十二条"
URGE_BASIS = "行政强制法 第五十四条"
COURT_BASIS = "行政强制法 第五十三条"

# 行政强制法 第五十四条: 催告书送达十日后当事人仍未履行义务的, 可以向人民法院申请强制执行;
# 第六十九条: 十日以内的期限为工作日. The earliest day of the application.
URGE_WAIT = statutes.register(
    statutes.StatutoryPeriod(
        "coercion.urge_wait",
        "催告书送达后申请强制执行的等待期",
        (statutes.Version(date(2012, 1, 1), Period(10, Unit.WORKDAYS, URGE_BASIS)),),
        PeriodKind.EARLIEST,
    )
)
# 行政强制法 第五十三条: 当事人在法定期限内不申请行政复议或者提起行政诉讼, 又不履行的, 自期限
# 届满之日起三个月内申请. The later of those periods is the action's: 行政诉讼法 第四十六条
# (2015-05-01 起) 六个月; 1989年法第三十九条 三个月 (复议六十日 always ends earlier).
REMEDY_WINDOW = statutes.register(
    statutes.StatutoryPeriod(
        "penalty.remedy_window",
        "当事人申请复议、提起诉讼的期限",
        (
            statutes.Version(
                date(1990, 10, 1), Period(3, Unit.MONTHS, "行政诉讼法（1989）第三十九条")
            ),
            statutes.Version(date(2015, 5, 1), Period(6, Unit.MONTHS, "行政诉讼法 第四十六条")),
        ),
    )
)

SURCHARGE_RATE = Decimal("0.03")


def late_payment_surcharge(fine: Decimal, due: date, paid_on: date) -> Decimal:
    """第七十二条第一款第一项: 到期不缴纳罚款的, 每日按罚款数额的百分之三加处罚款, 加处罚款的
    数额不得超出罚款的数额. Counted for each day after ``due`` up to and including ``paid_on``."""
    days = (paid_on - due).days
    if days <= 0 or fine <= 0:
        return Decimal("0.00")
    surcharge = min(fine * SURCHARGE_RATE * days, fine)
    return surcharge.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def payment_due(case: Case) -> date | None:
    """The last day to pay: 15 days from service, or the date an approved relief set."""
    relief = last_event(case, "relief")
    if relief is not None:
        return date.fromisoformat(relief.data["pay_by"])
    deadline = case.deadlines.filter(key="penalty.payment").order_by("-id").first()
    return deadline.due if deadline else None


def paid_so_far(case: Case) -> Decimal:
    total = Decimal("0")
    for data in case.events.filter(kind__in=["pay_instalment"]).values_list("data", flat=True):
        total += money((data or {}).get("amount")) or Decimal("0")
    return total


def outstanding(case: Case, on: date) -> tuple[Decimal, Decimal]:
    """What remains to pay on ``on``: (the remainder of the fine, the surcharge)."""
    fine = detail(case).fine or Decimal("0")
    due = payment_due(case)
    surcharge = late_payment_surcharge(fine, due, on) if due else Decimal("0.00")
    return fine - paid_so_far(case), surcharge


# -- forms ------------------------------------------------------------------------------------


class ServeForm(forms.Form):
    document = forms.ModelChoiceField(label="送达的决定书", queryset=Document.objects.none())
    method = forms.ChoiceField(label="送达方式", choices=ServiceMethod.choices)
    recipient = forms.CharField(label="受送达人", max_length=100, required=False)
    receipt = forms.ModelChoiceField(
        label="送达回证或凭证", queryset=Document.objects.none(), required=False
    )
    tracking_number = forms.CharField(label="邮件单号", max_length=60, required=False)
    note = forms.CharField(label="说明", widget=forms.Textarea, max_length=2000, required=False)

    def bind_case(self, case: Case) -> None:
        for name in ("document", "receipt"):
            field = self.fields[name]
            if isinstance(field, forms.ModelChoiceField):
                field.queryset = Document.objects.filter(case=case)


class ReliefForm(forms.Form):
    kind = forms.ChoiceField(label="方式", choices=PaymentRelief.choices)
    pay_by = forms.DateField(label="缴清期限")
    plan = forms.CharField(label="分期安排", widget=forms.Textarea, max_length=2000, required=False)
    reasons = forms.CharField(
        label="当事人的经济困难及申请", widget=forms.Textarea, max_length=4000
    )


class PaymentForm(forms.Form):
    amount = forms.DecimalField(label="缴纳金额（元）", min_value=0, decimal_places=2)
    receipt_no = forms.CharField(label="缴款凭证号", max_length=100, required=False)


class UrgeForm(forms.Form):
    content = forms.CharField(label="催告内容", widget=forms.Textarea, max_length=4000)


class CourtForm(forms.Form):
    court = forms.CharField(label="受理申请的人民法院", max_length=200)
    application_no = forms.CharField(label="申请书编号", max_length=100, required=False)


# -- effects and gates ------------------------------------------------------------------------


def serve(ctx: StepContext, event: Event) -> None:
    """Through the casework service record: the proof its method needs, the ``served`` event,
    and the payment period from the day of service."""
    ec = detail(ctx.case)
    party = Party.objects.filter(case=ctx.case, role="party").first()
    try:
        record_service(
            ctx.data["document"],
            method=ctx.data["method"],
            served_on=ctx.on,
            party=party,
            recipient=ctx.data.get("recipient") or "",
            receipt=ctx.data.get("receipt"),
            tracking_number=ctx.data.get("tracking_number") or "",
            note=ctx.data.get("note") or "",
            actor=ctx.actor,
            starts=("penalty.payment",) if ec.fine else (),
        )
    except ServiceError as error:
        raise TransitionError(Refusal("；".join(error.messages), SERVICE_BASIS)) from None
    EnforcementCase.objects.filter(case=ctx.case).update(served_on=ctx.on)


def served_after_decision(ctx: StepContext) -> Refusal | None:
    decided = last_event(ctx.case, "decide")
    if decided is not None and decided.occurred_on and ctx.on < decided.occurred_on:
        return Refusal("送达日期不能早于决定日期", SERVICE_BASIS)
    return None


def relief_in_time(ctx: StepContext) -> Refusal | None:
    pay_by = ctx.data.get("pay_by")
    if isinstance(pay_by, date) and pay_by <= ctx.on:
        return Refusal("批准暂缓或者分期缴纳的，缴清期限应当在批准之后", RELIEF_BASIS)
    return None


def instalments_approved(ctx: StepContext) -> Refusal | None:
    relief = last_event(ctx.case, "relief")
    if relief is None or relief.data.get("kind") != PaymentRelief.INSTALMENTS:
        return Refusal("分期缴纳须经当事人申请和行政机关批准", RELIEF_BASIS, missing_step="relief")
    return None


def pays_in_full(ctx: StepContext) -> Refusal | None:
    remainder, surcharge = outstanding(ctx.case, ctx.on)
    amount = money(ctx.data.get("amount")) or Decimal("0")
    if amount < remainder + surcharge:
        extra = f"（含加处罚款 {surcharge} 元，{SURCHARGE_BASIS}）" if surcharge else ""
        return Refusal(
            f"应缴 {remainder + surcharge} 元{extra}，本次缴纳 {amount} 元", PAYMENT_BASIS
        )
    return None


def record_payment(ctx: StepContext, event: Event) -> None:
    _, surcharge = outstanding(ctx.case, ctx.on)
    EnforcementCase.objects.filter(case=ctx.case).update(paid_on=ctx.on, surcharge=surcharge)


def payment_period_over(ctx: StepContext) -> Refusal | None:
    due = payment_due(ctx.case)
    if due is None or ctx.on <= due:
        until = f"（{due.isoformat()} 届满）" if due else ""
        return Refusal(f"缴纳罚款的期限尚未届满{until}，不能催告", URGE_BASIS)
    return None


def court_application_in_time(ctx: StepContext) -> Refusal | None:
    urge = last_event(ctx.case, "urge")
    if urge is None or urge.occurred_on is None:
        return Refusal("申请人民法院强制执行前，应当催告当事人履行义务", URGE_BASIS, "urge")
    wait = statutes.compute_statutory("coercion.urge_wait", urge.occurred_on)
    if wait.due is not None and ctx.on < wait.due:
        return Refusal(
            f"催告书送达十日后当事人仍未履行的，方可申请：{wait.due.isoformat()} 起", wait.basis
        )
    served_on = detail(ctx.case).served_on
    if served_on is None:
        return Refusal("决定书尚未送达", SERVICE_BASIS, missing_step="serve")
    remedies = statutes.compute_statutory("penalty.remedy_window", served_on)
    if remedies.due is None:
        return None
    if ctx.on <= remedies.due:
        return Refusal(
            f"当事人申请行政复议、提起行政诉讼的期限至 {remedies.due.isoformat()} 届满，"
            "届满前不得申请人民法院强制执行",
            COURT_BASIS,
        )
    last = statutes.compute_statutory("coercion.court_application", remedies.due)
    if last.due is not None and ctx.on > last.due:
        return Refusal(
            f"应当自期限届满之日起三个月内申请，已于 {last.due.isoformat()} 届满", last.basis
        )
    return None


def fine_dealt_with(ctx: StepContext) -> Refusal | None:
    """结案 only when the decision has been carried out or its enforcement applied for."""
    ec = detail(ctx.case)
    if ctx.case.state == PenaltyState.SERVED and ec.fine:
        return Refusal(
            "罚款尚未缴清，也未申请强制执行，不能结案", PAYMENT_BASIS, missing_step="pay"
        )
    return None
