"""Joint reward and punishment (守信联合激励、失信联合惩戒): which measures apply to an entity on a
date, and why.

The rules are data: a small dated table, each rule with its basis, a condition over the entity's
records in force that day (and its risk class), and — for the measures that change how often it
is inspected — a factor on the inspection ratio in per-mille. ``applicable(entity, on)`` names
each measure with the records behind it; ``inspection_ratio_factor`` is what a draw may read
(the draw itself is not changed here).

Bases and dates (S: as published, the articles not read):
- 国办发〔2019〕35号 (国务院办公厅关于加快推进社会信用体系建设构建以信用为基础的新型监管机制的
  指导意见, 2019-07-09): 对失信主体提高抽查比例和频次; 对信用良好主体降低抽查比例, 在行政审批中
  给予"绿色通道"、容缺受理等便利.
- 国办发〔2020〕42号 (国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见,
  2020-11): 有较严重不良信用记录或者曾作出虚假承诺等情形的, 在信用修复前不适用告知承诺制.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q

from fazhi.core.org.models import Entity, RiskClassification

from .choices import MeasureKind, Nature, Severity, SourceKind
from .models import CreditRecord

BASIS_2019_35 = (
    "国务院办公厅关于加快推进社会信用体系建设构建以信用为基础的新型监管机制的指导意见"
    "（国办发〔2019〕35号）"
)
BASIS_2020_42 = (
    "国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见（国办发〔2020〕42号）"
)
# The risk-classification scheme whose A class counts as a good record (国市监信发〔2022〕6号,
# STATUTES.md J4); the scheme a campaign uses is its own setting.
GOOD_SCHEME = "市场监管"
GOOD_CLASS = "A"
PER_MILLE = 1000


@dataclass(frozen=True)
class Facts:
    """What the rules look at: the entity's adverse records in force on the day, and its risk
    class under ``GOOD_SCHEME`` (the latest on or before the day)."""

    adverse: tuple[CreditRecord, ...]
    risk_class: str


Condition = Callable[[Facts], Sequence[CreditRecord] | bool]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    kind: str  # MeasureKind
    basis: str
    valid_from: date
    condition: Condition
    reason: str
    ratio_per_mille: int | None = None  # the factor on the inspection ratio, if any
    valid_until: date | None = None

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)


@dataclass(frozen=True)
class Measure:
    code: str
    name: str
    kind: str
    reason: str
    basis: str
    records: tuple[int, ...] = ()
    ratio_per_mille: int | None = None

    @property
    def kind_label(self) -> str:
        return str(MeasureKind(self.kind).label)


def _serious(f: Facts) -> list[CreditRecord]:
    return [r for r in f.adverse if r.severity == Severity.SERIOUS]


def _general(f: Facts) -> list[CreditRecord]:
    return [r for r in f.adverse if r.severity == Severity.GENERAL]


def _broken_commitment(f: Facts) -> list[CreditRecord]:
    return [r for r in f.adverse if r.source_kind == SourceKind.COMMITMENT]


def _good(f: Facts) -> bool:
    return f.risk_class == GOOD_CLASS and not f.adverse


RULES: tuple[Rule, ...] = (
    Rule(
        "no_notify_commit",
        "不适用告知承诺制（信用修复前）",
        MeasureKind.PUNISHMENT,
        BASIS_2020_42,
        date(2020, 11, 1),
        lambda f: _serious(f) + _broken_commitment(f),
        "有严重失信记录或曾作出不实承诺",
    ),
    Rule(
        "ratio_serious",
        "提高抽查比例和频次（严重失信）",
        MeasureKind.PUNISHMENT,
        BASIS_2019_35,
        date(2019, 7, 9),
        _serious,
        "有严重失信记录",
        ratio_per_mille=3000,
    ),
    Rule(
        "ratio_general",
        "提高抽查比例（一般失信）",
        MeasureKind.PUNISHMENT,
        BASIS_2019_35,
        date(2019, 7, 9),
        _general,
        "有一般失信记录",
        ratio_per_mille=1500,
    ),
    Rule(
        "ratio_good",
        "降低抽查比例（信用良好）",
        MeasureKind.REWARD,
        BASIS_2019_35,
        date(2019, 7, 9),
        _good,
        f"{GOOD_SCHEME}信用风险分类为{GOOD_CLASS}类且无失信记录",
        ratio_per_mille=500,
    ),
    Rule(
        "tolerance_acceptance",
        "容缺受理、绿色通道",
        MeasureKind.REWARD,
        BASIS_2019_35,
        date(2019, 7, 9),
        _good,
        f"{GOOD_SCHEME}信用风险分类为{GOOD_CLASS}类且无失信记录",
    ),
)


def records_in_force(entity: Entity | int, on: date) -> list[CreditRecord]:
    """The entity's records published on ``on`` (system code: the lookup serves every
    department, so it reads all records; a screen shows what its user may see)."""
    entity_id = getattr(entity, "pk", entity)
    rows = (
        CreditRecord.objects.unrestricted("联合奖惩：查询市场主体的信用记录")
        .filter(entity_id=entity_id, recognised_on__lte=on, publish_until__gte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .select_related("department")
        .order_by("recognised_on", "pk")
    )
    return [r for r in rows if r.in_force_on(on)]


def risk_class(entity: Entity | int, on: date, scheme: str = GOOD_SCHEME) -> str:
    entity_id: int = entity.pk if isinstance(entity, Entity) else entity
    # Reference data (every department reads it): no cross-department read to audit here.
    row = (
        RiskClassification.objects.filter(entity_id=entity_id, scheme=scheme, as_of__lte=on)
        .order_by("-as_of")
        .first()
    )
    return row.risk_class if row is not None else ""


def applicable(entity: Entity | int, on: date, *, department: Any = None) -> list[Measure]:
    """The measures that apply to ``entity`` on ``on``, each with its reason (the records behind
    it) and its basis. ``department``: the department asking (every rule here applies to all
    departments; it is kept so that a rule limited to some can be added as data)."""
    records = records_in_force(entity, on)
    facts = Facts(
        adverse=tuple(r for r in records if r.nature == Nature.ADVERSE),
        risk_class=risk_class(entity, on),
    )
    out = []
    for rule in RULES:
        if not rule.in_force(on):
            continue
        hit = rule.condition(facts)
        if not hit:
            continue
        behind = tuple(hit) if not isinstance(hit, bool) else ()
        reason = rule.reason
        if behind:
            reason += "：" + "；".join(
                f"{r.department.name}{r.recognised_on.isoformat()}认定的"
                f"{r.get_source_kind_display()}（{r.get_severity_display()}）"
                for r in dict.fromkeys(behind)
            )
        out.append(
            Measure(
                rule.code,
                rule.name,
                rule.kind,
                reason,
                rule.basis,
                tuple(r.pk for r in dict.fromkeys(behind)),
                rule.ratio_per_mille,
            )
        )
    return out


def ratio_factor(found: Sequence[Measure]) -> int:
    """The factor (per-mille) on the inspection ratio from the measures ``found``: the strongest
    punishment if any applies, else the strongest reward, else 1000 (unchanged)."""
    punish = [m.ratio_per_mille for m in found if m.kind == MeasureKind.PUNISHMENT]
    reward = [m.ratio_per_mille for m in found if m.kind == MeasureKind.REWARD]
    punish_f = [p for p in punish if p is not None]
    reward_f = [r for r in reward if r is not None]
    if punish_f:
        return max(punish_f)
    if reward_f:
        return min(reward_f)
    return PER_MILLE


def notify_commit(found: Sequence[Measure]) -> tuple[bool, str]:
    """Whether notify-commit (告知承诺) may be used, given the measures ``found``, and why not."""
    for m in found:
        if m.code == "no_notify_commit":
            return False, f"{m.reason}（{m.basis}）"
    return True, ""


def inspection_ratio_factor(entity: Entity | int, on: date) -> int:
    """The factor (per-mille) on the entity's inspection ratio on ``on`` (what a draw may read;
    the draw itself is not changed)."""
    return ratio_factor(applicable(entity, on))


def notify_commit_allowed(entity: Entity | int, on: date) -> tuple[bool, str]:
    """Whether the entity may use notify-commit (告知承诺) on ``on``, and if not, why."""
    return notify_commit(applicable(entity, on))
