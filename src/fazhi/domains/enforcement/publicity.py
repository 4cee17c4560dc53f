"""执法公示 after the decision: which decisions must be published, by when, until when, and their
withdrawal when the decision is changed or revoked.

- The rules are dated data (``PublicationRule``, shipped in ``data/publicity_rules.yaml``): the
  ones in force on the decision date for the department's sector apply, each with its period and
  the outside systems (信用中国, 国家企业信用信息公示系统) reached through the disclosure outbox.
- The decision step starts one deadline per applicable rule; publishing meets them all, through
  the disclosure gate, with the end of publication from the credit rules (K2/K3/K5) as the
  record's ``publish_until``: the portal stops showing it after that day.
- A recorded change or revocation of a published decision starts the 3-working-day withdrawal
  period (行政处罚法 第四十八条第二款); the withdrawal goes through ``gate.withdraw`` and meets it,
  late or not, as the deadline records.
- Supervision asks, for departments and a year, which decisions should have been published and
  were not (handled and collected alike) and how late the publications and withdrawals were:
  aggregate queries, a fixed number whatever the volume.

Before the decision (事前公开) — the officer directory and 一册一单一表 — is in ``handbook.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django import forms
from django.db import models, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.deadlines import cancel, mark_met, start_deadline
from fazhi.core.casework.models import Case, Deadline, Event, Party
from fazhi.core.casework.workflow import STAY, Refusal, StepContext, TransitionError
from fazhi.core.clock import statutes
from fazhi.core.clock.periods import Period, PeriodKind, Unit, compute
from fazhi.core.disclosure.gate import publish, withdraw
from fazhi.core.disclosure.models import Publication
from fazhi.core.org.choices import Role

from .choices import Outcome, PenaltyState, PenaltyType
from .models import EnforcementCase, PublicationRule
from .sectors import config as _config
from .sectors import sector_of, sectors_of
from .workflow import WORKFLOW

PENALTY_KIND = "行政处罚决定"
# The withdrawal reason of a publication ended early by credit repair (the credit app's).
CREDIT_REPAIR_REASON = "信用修复"
WITHDRAWAL = "penalty.publicity_withdrawal"
BASIS = "行政处罚法 第四十八条"

# 市场监督管理行政处罚信息公示规定 (2021) 第九条 (V, K1): 作出决定之日起二十个工作日内公示 (同省;
# 第十条 is the cross-province case: ten working days to pass the record on, ten to publish it).
MARKET_PENALTY_PUBLICITY = statutes.register(
    statutes.StatutoryPeriod(
        "market.penalty_publicity",
        "市场监管行政处罚信息公示",
        (
            statutes.Version(
                date(2021, 9, 1),
                Period(20, Unit.WORKDAYS, "市场监督管理行政处罚信息公示规定 第九条"),
            ),
        ),
        PeriodKind.ACT,
    )
)


# -- the rules as data ------------------------------------------------------------------------


def load_rules(**_: Any) -> int:
    """Bring the shipped rules into ``PublicationRule`` (after every migrate; idempotent).
    A row is found by (code, sector, valid_from); rows added by an administrator stay.

    The shipped data is part of the release, not a staff write: it is not audited row by row
    (an administrator's change to a rule is)."""
    from auditlog.context import disable_auditlog

    with disable_auditlog():
        return _load_rules()


def _load_rules() -> int:
    count = 0
    for raw in _config()["rules"]:
        statutes.get(raw["period_key"])  # a typo fails here, not at the first decision
        defaults = {
            "name": raw["name"],
            "decision_kind": raw["decision_kind"],
            "social_impact": raw["social_impact"],
            "procedures": list(raw.get("procedures") or []),
            "excluded_penalty_types": list(raw.get("excluded_penalty_types") or []),
            "period_key": raw["period_key"],
            "targets": list(raw.get("targets") or []),
            "supersedes": list(raw.get("supersedes") or []),
            "valid_until": raw.get("valid_until"),
            "basis": raw["basis"],
        }
        PublicationRule.objects.update_or_create(
            code=raw["code"],
            sector=raw.get("sector") or "",
            valid_from=raw["valid_from"],
            defaults=defaults,
        )
        count += 1
    return count


def rules_in_force(
    sector: str, on: date, kind: str = "penalty", *, rules: Sequence[PublicationRule] | None = None
) -> list[PublicationRule]:
    """The rules that apply to a decision of ``kind`` made on ``on`` in ``sector``: the sector's
    own in force that day, and the general ones none of those supersedes."""
    pool = list(PublicationRule.objects.filter(decision_kind=kind)) if rules is None else rules
    live = [r for r in pool if r.decision_kind == kind and r.in_force_on(on)]
    own = [r for r in live if r.sector == sector and sector]
    superseded = {code for r in own for code in r.supersedes}
    general = [r for r in live if not r.sector and r.code not in superseded]
    return own + general


def applies(rule: PublicationRule, ec: EnforcementCase) -> bool:
    """Whether the decision is one the rule publishes (一定社会影响 as the rule declares it)."""
    if ec.outcome != Outcome.PENALTY or ec.decided_on is None:
        return False
    if rule.procedures and ec.procedure not in rule.procedures:
        return False
    return ec.penalty_type not in rule.excluded_penalty_types


def required_rules(ec: EnforcementCase, sector: str | None = None) -> list[PublicationRule]:
    """The rules under which this decision must be published (none: it is not published)."""
    if ec.decided_on is None:
        return []
    if sector is None:
        sector = sector_of(ec.case.owner_unit())
    return [r for r in rules_in_force(sector, ec.decided_on) if applies(r, ec)]


# -- end of publication (信用修复: K2, K3, K5) ---------------------------------------------------


@dataclass(frozen=True)
class PublicationEnd:
    """The shortest period (from then the party may apply for credit repair and the record may
    end early) and the longest (the record ends on that day by itself)."""

    earliest: date | None
    until: date
    basis: str
    note: str = ""


def severity_of(ec: EnforcementCase) -> str:
    return str(_config()["severity"].get(ec.penalty_type or PenaltyType.OTHER, "general"))


def field_of(ec: EnforcementCase) -> str | None:
    """The 58号令 field (食品、药品 …) the decision concerns, from its power item or category."""
    text = f"{ec.power_item.name if ec.power_item else ''} {ec.category}"
    return next((f for f in statutes.CREDIT_FIELDS_2023 if f in text), None)


def _period_end(key: str, start: date) -> tuple[date, str]:
    """The end of credit period ``key`` from ``start``. Before the first measures entered (58号
    令, 2023-05-01) the earliest entered values apply, and the note says so (STATUTES.md
    §periods: where no earlier version is entered, the current value applies)."""
    sp = statutes.get(key)
    try:
        result = statutes.compute_statutory(key, start)
        note = ""
    except statutes.NotInForce:
        first = sp.versions[0]
        result = compute(start, first.period, kind=sp.kind)
        note = f"未录入{first.effective_from.isoformat()}前的规定，适用已录入的最早规定"
    if result.due is None:
        raise ValueError(f"{sp.name}无法计算届满日")
    return result.due, note


def publication_end(ec: EnforcementCase) -> PublicationEnd:
    """The minimum and maximum publication period of the decision, by the credit rules in force
    on the decision date: by field under 2023令第58号 (until 2026-03-31), by severity under
    2025令第36号 (from 2026-04-01)."""
    decided = ec.decided_on
    if decided is None:
        raise ValueError("决定日期未知，无法确定公示期限")
    lookup = max(decided, date(2023, 5, 1))  # before the 58号令, its keys with a note
    min_key, max_key = statutes.credit_publication_keys(
        lookup, field=field_of(ec), severity=severity_of(ec)
    )
    until, note = _period_end(max_key, decided)
    earliest = None
    if min_key is not None:
        earliest, _ = _period_end(min_key, decided)
    version, _ = statutes.version_in_force(max_key, lookup)
    return PublicationEnd(earliest, until, version.period.basis, note)


# -- on the decision: the deadlines ------------------------------------------------------------


def start_publicity(case: Case, on: date, *, actor: Any = None) -> list[Deadline]:
    """Start, on the decision date, one deadline per rule that requires the decision to be
    published (a period shared by two rules runs once)."""
    ec = EnforcementCase.objects.select_related("power_item").get(case=case)
    started: list[Deadline] = []
    for key in dict.fromkeys(r.period_key for r in required_rules(ec)):
        started.append(start_deadline(case, key, on, actor=actor))
    return started


# -- publishing ---------------------------------------------------------------------------------


def _decision_text(case: Case, ec: EnforcementCase) -> str:
    decided = case.events.filter(kind="decide").order_by("-id").first()
    if decided is not None and decided.data.get("decision"):
        return str(decided.data["decision"])
    return ec.get_penalty_type_display() if ec.penalty_type else ""


@transaction.atomic
def publish_decision(case: Case, *, actor: Any = None, on: date | None = None) -> Publication:
    """Publish the decision through the disclosure gate (masked, the party's names kept), to the
    portal and, through the outbox, to the rules' outside systems; record the deadline it was
    due by and the end of publication; meet the publicity deadlines. A decision no rule
    requires to be published is refused (e.g. 市场监管: a warning alone is not published)."""
    on = on or timezone.localdate()
    ec = EnforcementCase.objects.select_related("power_item").get(case=case)
    rules = required_rules(ec)
    if not rules:
        raise TransitionError(
            Refusal(
                "依本领域在决定日适用的公示规则，本决定不予公开（如仅受警告、适用简易程序的决定）",
                BASIS,
            )
        )
    assert ec.decided_on is not None  # required_rules returns nothing without it
    end = publication_end(ec)
    keys = list(dict.fromkeys(r.period_key for r in rules))
    running = list(
        case.deadlines.filter(
            key__in=keys, status__in=[DeadlineStatus.RUNNING, DeadlineStatus.PAUSED]
        )
    )
    dues = [d.due for d in running if d.due] or [
        d for d in (statutes.compute_statutory(k, ec.decided_on).due for k in keys) if d
    ]
    parties = Party.objects.filter(case=case, role="party").select_related("person", "entity")
    fields = {
        "决定书文号": ec.decision_no or case.number,
        "当事人": "、".join(str(p) for p in parties),
        "执法事项": ec.power_item.name if ec.power_item else ec.category,
        "处罚种类": ec.get_penalty_type_display() if ec.penalty_type else "",
        "处罚决定": _decision_text(case, ec),
        "罚款金额（元）": str(ec.fine if ec.fine is not None else ""),
        "作出决定日期": ec.decided_on.isoformat(),
        "公示期限": (
            f"自公示之日起至 {end.until.isoformat()}"
            + (f"（{end.earliest.isoformat()} 起可申请信用修复）" if end.earliest else "")
        ),
        "公示依据": "；".join(dict.fromkeys(r.basis for r in rules)),
    }
    pub = publish(
        kind=PENALTY_KIND,
        title=f"{ec.decision_no or case.number} {case.title}",
        org_unit=case.owner_unit(),
        case=case,
        subject=ec,
        fields=fields,
        statutory_deadline=min(dues) if dues else None,
        publish_until=end.until,
        actor=actor,
        outbox_targets=sorted({t for r in rules for t in r.targets}),
        published_on=on,
    )
    for d in running:
        mark_met(d, on, actor=actor)
    return pub


def rule_due(ec: EnforcementCase, sector: str | None = None) -> date | None:
    """The last day to publish the decision under the rules in force on its date for its
    department's sector (the earliest, where two rules apply); None if none requires it."""
    if ec.decided_on is None:
        return None
    dues = [
        statutes.compute_statutory(k, ec.decided_on).due
        for k in dict.fromkeys(r.period_key for r in required_rules(ec, sector))
    ]
    return min((d for d in dues if d is not None), default=None)


def sync_publication(case_id: int) -> None:
    """Copy onto the decision the day it was published (its earliest penalty publication not
    withdrawn; none: empty) and the day it was due by the rules (else the deadline the record
    carries): what supervision counts over a million decisions without joining publications.
    Called whenever a penalty publication is written or withdrawn (``on_publication``)."""
    ec = (
        EnforcementCase.objects.select_related("power_item", "case").filter(case_id=case_id).first()
    )
    if ec is None:
        return
    # A publication ended early by credit repair (信用修复) was made on time all the same: the
    # decision stays published for supervision's count.
    made = Publication.objects.filter(case_id=case_id, kind=PENALTY_KIND).filter(
        Q(withdrawal__isnull=True) | Q(withdrawal__reason=CREDIT_REPAIR_REASON)
    )
    first = made.order_by("published_on", "published_at", "pk").first()
    published_on = first.public_date if first is not None else None
    sector = sectors_of([ec.owner_id])[ec.owner_id] if ec.owner_id else None
    due = rule_due(ec, sector) if sector is not None else None
    if due is None and first is not None:
        due = first.statutory_deadline
    # A derived copy, not a staff write: the publication and the withdrawal are the audited
    # records (an update, so that no audit entry nor ``save`` side effect follows).
    EnforcementCase.objects.filter(pk=ec.pk).update(published_on=published_on, publication_due=due)


def on_publication(sender: Any, instance: Any, created: bool = False, **_: Any) -> None:
    """``post_save`` of ``Publication`` and ``Withdrawal``: every penalty publication goes
    through the disclosure gate, which writes one of these rows (publish, withdraw)."""
    if not created:
        return
    pub = instance if isinstance(instance, Publication) else instance.publication
    if pub.kind == PENALTY_KIND and pub.case_id is not None:
        sync_publication(pub.case_id)


def publicize_effect(ctx: StepContext, event: Any) -> None:
    """The 公开 step of a handled case (``workflow._publish`` calls it)."""
    publish_decision(ctx.case, actor=ctx.actor, on=ctx.on)


def decide_effect(ctx: StepContext, event: Any) -> None:
    """On the decision (after its fields are saved): start the publicity deadlines."""
    start_publicity(ctx.case, ctx.on, actor=ctx.actor)


# -- change or revocation, and withdrawal (行政处罚法 第四十八条第二款; K2) -----------------------


class Change(models.TextChoices):
    CHANGED = "changed", "变更"
    REVOKED = "revoked", "撤销"
    ILLEGAL = "illegal", "确认违法"
    VOID = "void", "确认无效"


# After these the decision no longer stands: it is no longer owed to the public.
ENDS_DECISION = (Change.REVOKED, Change.ILLEGAL, Change.VOID)


class ChangeForm(forms.Form):
    change = forms.ChoiceField(label="变更或撤销情形", choices=Change.choices)
    authority = forms.CharField(label="作出机关（复议机关、人民法院或本机关）", max_length=100)
    document_no = forms.CharField(label="复议决定书、判决书或决定书文号", max_length=80)
    reason = forms.CharField(label="理由", widget=forms.Textarea, max_length=2000)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤回理由（向社会公开说明）", max_length=300)


def current_publications(case: Case) -> models.QuerySet[Publication]:
    return current_publications_of(case.pk)


def current_publications_of(case_id: int) -> models.QuerySet[Publication]:
    return Publication.objects.filter(case_id=case_id, kind=PENALTY_KIND, withdrawal__isnull=True)


def _change_effect(ctx: StepContext, event: Any) -> None:
    """A published decision that was changed or revoked must be withdrawn within 3 working
    days; one not yet published and no longer standing is no longer owed to the public."""
    if current_publications(ctx.case).exists():
        start_deadline(ctx.case, WITHDRAWAL, ctx.on, actor=ctx.actor)
    elif ctx.data.get("change") in ENDS_DECISION:
        for d in ctx.case.deadlines.filter(
            key__in=_publicity_keys(), status__in=[DeadlineStatus.RUNNING, DeadlineStatus.PAUSED]
        ):
            cancel(d, ctx.actor, f"处罚决定已被{Change(ctx.data['change']).label}，不再公开")


def _publicity_keys() -> list[str]:
    return list(PublicationRule.objects.values_list("period_key", flat=True).distinct())


def published_and_changed(ctx: StepContext) -> Refusal | None:
    if not current_publications(ctx.case).exists():
        return Refusal("本案没有尚在公开的处罚决定", BASIS)
    if not ctx.case.events.filter(kind="change_decision").exists():
        return Refusal(
            "处罚决定被变更、撤销、确认违法或者确认无效的，方可撤回公开；请先登记变更或撤销情况",
            BASIS,
            missing_step="change_decision",
        )
    return None


def _withdraw_effect(ctx: StepContext, event: Any) -> None:
    for pub in current_publications(ctx.case):
        withdraw(pub, reason=ctx.data["reason"], actor=ctx.actor, on=ctx.on)
    for d in ctx.case.deadlines.filter(
        key=WITHDRAWAL, status__in=[DeadlineStatus.RUNNING, DeadlineStatus.PAUSED]
    ):
        mark_met(d, ctx.on, actor=ctx.actor)  # the deadline records whether it was late


def add_steps(workflow: Any) -> None:
    """The publicity steps of the handled penalty case, beside the workflow's own."""
    workflow.add(
        "change_decision",
        "登记决定变更、撤销",
        [PenaltyState.DECIDED, PenaltyState.CLOSED],
        STAY,
        staff_roles=[Role.CLERK, Role.DEPARTMENT_HEAD],
        basis=BASIS,
        form=ChangeForm,
        effect=_change_effect,
    )
    workflow.add(
        "withdraw_publication",
        "撤回处罚决定公开",
        [PenaltyState.DECIDED, PenaltyState.CLOSED],
        STAY,
        staff_roles=[Role.CLERK],
        basis=BASIS,
        form=WithdrawForm,
        gates=[published_and_changed],
        effect=_withdraw_effect,
    )


add_steps(WORKFLOW)


# -- supervision: what should have been published, and how late ---------------------------------


def _ranges(rule: PublicationRule, year: int) -> tuple[date, date] | None:
    lo, hi = max(rule.valid_from, date(year, 1, 1)), date(year, 12, 31)
    if rule.valid_until is not None:
        hi = min(hi, rule.valid_until)
    return (lo, hi) if lo <= hi else None


def _rule_q(rule: PublicationRule, year: int, superseding: list[PublicationRule]) -> Q | None:
    span = _ranges(rule, year)
    if span is None:
        return None
    q = Q(decided_on__range=span)
    for s in superseding:
        s_span = _ranges(s, year)
        if s_span is not None:
            q &= ~Q(decided_on__range=s_span)
    if rule.procedures:
        q &= Q(procedure__in=rule.procedures)
    if rule.excluded_penalty_types:
        q &= ~Q(penalty_type__in=rule.excluded_penalty_types)
    return q


def rule_qs(departments: Iterable[Any], year: int) -> list[tuple[PublicationRule, Q]]:
    """Each penalty rule with the decisions of ``year`` it requires to be published, as a
    Q-expression on ``EnforcementCase`` (the owning department's sector, the rule's period of
    force less the sector rules superseding a general one, its procedures and excluded types).
    With ``today``, each is narrowed to the decisions whose publication period under that rule
    has run out by then: owed and, if unpublished, missing. A query for the rules, one for the
    sectors, and the calendar's."""
    sectors = sectors_of(departments)
    rules = list(PublicationRule.objects.filter(decision_kind="penalty"))
    by_sector: dict[str, list[int]] = {}
    for dept, sector in sectors.items():
        by_sector.setdefault(sector, []).append(dept)
    out: list[tuple[PublicationRule, Q]] = []
    for sector, ids in by_sector.items():
        own = [r for r in rules if r.sector == sector and sector]
        for rule in own + [r for r in rules if not r.sector]:
            superseding = [s for s in own if rule.code in s.supersedes] if not rule.sector else []
            q = _rule_q(rule, year, superseding)
            if q is None:
                continue
            out.append((rule, Q(owner__in=ids) & q))
    return out


def any_of(qs: Iterable[Q]) -> Q:
    required = Q(pk__in=[])
    for q in qs:
        required |= q
    return required


def past_due(rules: Iterable[tuple[PublicationRule, Q]], today: date) -> Q:
    """The decisions owed under ``rules`` (``rule_qs``) whose period has run out by ``today``:
    if unpublished, missing. The clock's calendar once per period."""
    cutoffs: dict[str, date] = {}
    out = Q(pk__in=[])
    for rule, q in rules:
        if rule.period_key not in cutoffs:
            cutoffs[rule.period_key] = last_overdue_decision(rule.period_key, today)
        out |= q & Q(decided_on__lte=cutoffs[rule.period_key])
    return out


def last_overdue_decision(period_key: str, today: date) -> date:
    """The latest decision day whose publication period ``period_key`` has run out by ``today``
    (the last day d with due(d) < today): the due day is monotonic in the decision day, so
    every decision up to it is overdue if unpublished. A binary search over the clock."""
    low, high = today - timedelta(days=400), today  # no publication period is over a year
    while low < high:
        mid = low + timedelta(days=(high - low).days // 2 + 1)
        try:
            due = statutes.compute_statutory(period_key, mid).due
        except statutes.NotInForce:
            due = None
        if due is not None and due < today:
            low = mid
        else:
            high = mid - timedelta(days=1)
    return low


def ended_decisions() -> models.QuerySet[Event, dict[str, Any]]:
    """The cases whose decision was revoked, declared illegal or void: no longer owed."""
    return Event.objects.filter(
        kind="change_decision", data__change__in=[c.value for c in ENDS_DECISION]
    ).values("case_id")


def required_decisions(
    departments: Iterable[Any],
    year: int,
    base: models.QuerySet[EnforcementCase] | None = None,
) -> models.QuerySet[EnforcementCase]:
    """The penalty decisions of ``year`` that the rules in force on their dates required to be
    published, handled and collected alike (from the case's decision fields and the owning
    department's sector), annotated with ``published`` (a publication not withdrawn, as
    ``published_on`` records it). A decision later revoked, declared illegal or void is not
    counted. ``base``: a scoped queryset on a request path."""
    depts = list(departments)
    required = any_of(q for _, q in rule_qs(depts, year))
    base = EnforcementCase.objects.all() if base is None else base
    return (
        base.filter(outcome=Outcome.PENALTY, decided_on__year=year)
        .filter(required)
        .exclude(case_id__in=ended_decisions())
        .annotate(published=Q(published_on__isnull=False))
    )


def missing_publications(departments: Iterable[Any], year: int) -> dict[int, int]:
    """For each department, how many of its decisions of ``year`` should have been published
    and were not. Four queries whatever the volume (names, sectors, rules, the count)."""
    depts = list(departments)
    # Any: the annotations (owner, published) are not in the model's type.
    required: Any = required_decisions(depts, year)
    rows = (
        required.filter(published_on__isnull=True)
        .values("owner")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {getattr(d, "pk", d): 0 for d in depts}
    counts.update({row["owner"]: row["n"] for row in rows})
    return counts


@dataclass(frozen=True)
class Lateness:
    """A department's publications of a year: how many, how many after their deadline; its
    withdrawals owed, how many late (withdrawn after the deadline, or still owed past it)."""

    published: int = 0
    late: int = 0
    withdrawals: int = 0
    withdrawals_late: int = 0


def publication_lateness(
    departments: Iterable[Any], year: int, *, today: date | None = None
) -> dict[int, Lateness]:
    """Publication and withdrawal lateness per department for ``year``: two queries."""
    today = today or timezone.localdate()
    ids = [getattr(d, "pk", d) for d in departments]
    pubs = {
        r["org_unit_id"]: r
        for r in Publication.objects.filter(
            org_unit_id__in=ids, kind=PENALTY_KIND, published_on__year=year
        )
        .values("org_unit_id")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(on_time=False)))
        .order_by()
    }
    late_withdrawal = Q(status=DeadlineStatus.MET, met_on__gt=F("due")) | Q(
        status=DeadlineStatus.RUNNING, due__lt=today
    )
    withdrawals = {
        r["org_unit_id"]: r
        for r in Deadline.objects.filter(org_unit_id__in=ids, key=WITHDRAWAL, start__year=year)
        .values("org_unit_id")
        .annotate(n=Count("pk"), late=Count("pk", filter=late_withdrawal))
        .order_by()
    }
    out = {}
    for i in ids:
        p, w = pubs.get(i, {}), withdrawals.get(i, {})
        out[i] = Lateness(p.get("n", 0), p.get("late", 0), w.get("n", 0), w.get("late", 0))
    return out
