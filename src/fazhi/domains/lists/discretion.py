"""The discretion function the enforcement domain calls (行政处罚法 第三十二条至第三十四条).

``tier_for(item, facts, on=date)`` answers, for a violation of a penalty item:

1. the statute first, for EVERY penalty item whether or not a local list names it
   (``statutory.py``): 不予处罚 where it is mandatory (第三十三条第一款第一句、第二款), then where
   it is discretionary (第三十三条第一款第二句);
2. the local 首次轻微违法免罚清单 entries in force, mandatory ones before discretionary ones;
3. the tier of the 裁量基准 in force (第三十四条), with the 从轻或者减轻 circumstances
   (第三十二条) that hold.

Facts are values of declared factors (the statutory ones in code, the others
``DiscretionFactor`` rows), never free text. An unknown fact is never taken as false: while a
lighter outcome still depends on a fact not given, the answer is ``FactsNeeded``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Q

from .choices import FactorKind, ListState, PowerKind
from .models import (
    DiscretionBenchmarkVersion,
    DiscretionFactor,
    DiscretionTier,
    NoPenaltyItemVersion,
    PowerItem,
)
from .statutory import (
    STATUTORY_BY_CODE,
    Circumstance,
    NoPenaltyRule,
    PenaltyLaw,
    StatutoryFactor,
    penalty_law_on,
)

OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "in": lambda a, b: a in b,
}
OPS = frozenset(OPERATORS)

Factor = DiscretionFactor | StatutoryFactor


class UnknownFactor(ValueError):
    """Facts or conditions that cannot be evaluated; the message is Chinese, for the user."""


class NotAPenaltyItem(ValueError):
    pass


def condition_holds(condition: Mapping[str, Any], facts: Mapping[str, Any]) -> bool:
    factor, op, expected = condition["factor"], condition.get("op", "="), condition["value"]
    if op not in OPERATORS:
        raise UnknownFactor(f"未知的比较方式：{op}")
    if factor not in facts:
        return False
    actual = facts[factor]
    if isinstance(expected, int | float | Decimal) and not isinstance(expected, bool):
        try:
            actual, expected = Decimal(str(actual)), Decimal(str(expected))
        except ArithmeticError as exc:
            raise UnknownFactor(f"情节“{factor}”的值应为数值") from exc
    try:
        return OPERATORS[op](actual, expected)
    except (TypeError, InvalidOperation) as exc:
        # InvalidOperation: an ordering comparison with NaN.
        raise UnknownFactor(f"情节“{factor}”的值类型不符") from exc


def all_hold(conditions: Iterable[Mapping[str, Any]], facts: Mapping[str, Any]) -> bool:
    return all(condition_holds(c, facts) for c in conditions)


# ---------------------------------------------------------------------------------------------
# Declared factors and the facts given for them


def declared_factors() -> dict[str, Factor]:
    """Every factor a condition or a fact may name: the rows, then the statute's (which win,
    since ``DiscretionFactor.clean`` keeps a row with a statutory code consistent with it)."""
    factors: dict[str, Factor] = {f.code: f for f in DiscretionFactor.objects.all()}
    factors.update(STATUTORY_BY_CODE)
    return factors


def _choices(factor: Factor) -> tuple[str, ...]:
    return tuple(factor.choices or ())


def check_facts(facts: Mapping[str, Any], factors: Mapping[str, Factor]) -> dict[str, Any]:
    """``facts`` with numbers as Decimal, or UnknownFactor (Chinese) naming what is wrong.

    A fact of the wrong type would compare unequal and so read as false, which may lead to a
    heavier outcome: it is refused instead.
    """
    checked: dict[str, Any] = {}
    for code, value in facts.items():
        factor = factors.get(code)
        if factor is None:
            raise UnknownFactor(f"未知的裁量情节：{code}")
        if factor.kind == FactorKind.BOOLEAN:
            if not isinstance(value, bool):
                raise UnknownFactor(f"“{factor.label}”的值应为是或否")
        elif factor.kind == FactorKind.NUMBER:
            value = _amount(value, factor)
        elif factor.kind == FactorKind.CHOICE:
            choices = _choices(factor)
            if not isinstance(value, str) or (choices and value not in choices):
                raise UnknownFactor(f"“{factor.label}”的值应为以下之一：{'、'.join(choices)}")
        checked[code] = value
    return checked


def _amount(value: Any, factor: Factor) -> Decimal:
    # The number factors are amounts (货值金额、违法所得、广告费用) and counts of days: finite
    # and never negative.
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise UnknownFactor(f"“{factor.label}”应为数值")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise UnknownFactor(f"“{factor.label}”应为数值") from exc
    if not number.is_finite():
        raise UnknownFactor(f"“{factor.label}”应为有限的数值")
    if number < 0:
        raise UnknownFactor(f"“{factor.label}”不能为负数")
    return number


_TRUE = frozenset({"1", "true", "yes", "y", "是"})
_FALSE = frozenset({"0", "false", "no", "n", "否"})


def parse_facts(params: Mapping[str, str], factors: Mapping[str, Factor]) -> dict[str, Any]:
    """Facts from text (query parameters), typed by each factor's kind; UnknownFactor (Chinese)
    for a value that is not one. An empty value is a fact not given."""
    facts: dict[str, Any] = {}
    for code, raw in params.items():
        factor = factors.get(code)
        if factor is None:
            raise UnknownFactor(f"未知的裁量情节：{code}")
        raw = raw.strip()
        if raw == "":
            continue
        if factor.kind == FactorKind.BOOLEAN:
            word = raw.lower()
            if word not in _TRUE | _FALSE:
                raise UnknownFactor(f"“{factor.label}”的值应为是或否（true/false），而不是“{raw}”")
            facts[code] = word in _TRUE
        else:
            facts[code] = raw
    return check_facts(facts, factors)


# ---------------------------------------------------------------------------------------------
# Findings


@dataclass(frozen=True)
class Mitigation:
    """第三十二条: the circumstances that hold, so the penalty must be 从轻或者减轻.

    Which of the two is the agency's choice: 从轻 keeps the fine within the range, toward its
    lower end; 减轻 goes below the range's minimum. The answer gives both consequences.
    """

    basis: str
    circumstances: tuple[Circumstance, ...]

    applies = "从轻或者减轻"


@dataclass(frozen=True)
class TierFinding:
    benchmark: DiscretionBenchmarkVersion
    tier: DiscretionTier
    fine_min: Decimal | None
    fine_max: Decimal | None
    article: str
    mitigation: Mitigation | None = None

    @property
    def penalise(self) -> bool:
        return True

    @property
    def lighter(self) -> tuple[Decimal | None, Decimal | None]:
        """从轻: the fine stays within [fine_min, fine_max], set toward fine_min."""
        return self.fine_min, self.fine_max

    @property
    def reduced_below(self) -> Decimal | None:
        """减轻: the fine goes below this minimum (None when the tier states none)."""
        return self.fine_min if self.fine_min else None


@dataclass(frozen=True)
class NoBenchmark:
    """No published benchmark in force covers the facts and the statute does not exempt the
    violation: the officer decides within the statutory range and gives reasons."""

    mitigation: Mitigation | None = None

    @property
    def penalise(self) -> bool:
        return True


Penalty = TierFinding | NoBenchmark


@dataclass(frozen=True)
class NoPenaltyFinding:
    """不予处罚: ``mandatory`` ("不予行政处罚") or discretionary ("可以不予行政处罚").

    From the statute (``rule``) or from a local list entry (``entry``). A discretionary finding
    carries the penalty that applies should the agency penalise after all (``fallback``), or
    the facts that penalty still needs (``fallback_needs``).
    """

    entry: NoPenaltyItemVersion | None
    mandatory: bool
    basis: str
    measures: str
    fallback: Penalty | None = None
    rule: NoPenaltyRule | None = None
    proviso: str = ""
    fallback_needs: tuple[str, ...] = ()

    @property
    def penalise(self) -> bool:
        return False


@dataclass(frozen=True)
class FactsNeeded:
    """A lighter outcome still depends on these declared factors: give them first."""

    factors: tuple[str, ...]

    @property
    def penalise(self) -> None:
        return None


Finding = NoPenaltyFinding | TierFinding | NoBenchmark | FactsNeeded


# ---------------------------------------------------------------------------------------------
# Evaluation


def _in_force(qs: Any, on: date) -> Any:
    return qs.filter(state=ListState.IN_FORCE, valid_from__lte=on).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=on)
    )


def _missing(conditions: Iterable[Mapping[str, Any]], facts: Mapping[str, Any]) -> list[str]:
    return [c["factor"] for c in conditions if c["factor"] not in facts]


def _may_apply(conditions: Iterable[Mapping[str, Any]], facts: Mapping[str, Any]) -> bool:
    """No condition on a given fact fails (conditions on facts not given are open)."""
    return all(condition_holds(c, facts) for c in conditions if c["factor"] in facts)


def _status(
    conditions: Iterable[Mapping[str, Any]], facts: Mapping[str, Any]
) -> tuple[bool | None, list[str]]:
    """True when all hold, False when one on a given fact fails, else None and what is missing."""
    conditions = list(conditions)
    if not _may_apply(conditions, facts):
        return False, []
    missing = _missing(conditions, facts)
    return (None, missing) if missing else (True, [])


def _tier(item: PowerItem, facts: Mapping[str, Any], on: date) -> TierFinding | FactsNeeded | None:
    for benchmark in _in_force(DiscretionBenchmarkVersion.objects.filter(power_item=item), on):
        for tier in benchmark.tiers.order_by("order"):
            if not _may_apply(tier.conditions, facts):
                continue
            missing = _missing(tier.conditions, facts)
            if missing:
                # Tiers are read in order; one that may apply but cannot be decided must not be
                # skipped in favour of a heavier one below it.
                return FactsNeeded(tuple(dict.fromkeys(missing)))
            return TierFinding(benchmark, tier, tier.fine_min, tier.fine_max, tier.article)
    return None


def _mitigation(
    law: PenaltyLaw | None, facts: Mapping[str, Any]
) -> tuple[Mitigation | None, list[str]]:
    """第三十二条: the circumstances that hold; while none holds, the ones not yet decided."""
    if law is None:
        return None, []
    held = [c for c in law.mitigation if any(facts.get(f) is True for f in c.factors)]
    if held:
        # One circumstance is enough for 从轻或者减轻; the others cannot make it heavier.
        return Mitigation(law.mitigation_basis, tuple(held)), []
    missing = [f for c in law.mitigation for f in c.factors if f not in facts]
    return None, missing


def _penalty(
    item: PowerItem, law: PenaltyLaw | None, facts: Mapping[str, Any], on: date
) -> tuple[Penalty | None, list[str]]:
    """The penalty should the violation be penalised, or the facts it still needs."""
    tier = _tier(item, facts, on)
    mitigation, missing = _mitigation(law, facts)
    if isinstance(tier, FactsNeeded):
        return None, [*tier.factors, *missing]
    if missing:
        return None, missing
    if tier is None:
        return NoBenchmark(mitigation), []
    return replace(tier, mitigation=mitigation), []


@dataclass(frozen=True)
class _Ground:
    """A ground for not penalising: a statutory rule or a local list entry."""

    conditions: tuple[Mapping[str, Any], ...]
    mandatory: bool
    basis: str
    measures: str
    rule: NoPenaltyRule | None = None
    entry: NoPenaltyItemVersion | None = None


def _grounds(item: PowerItem, law: PenaltyLaw | None, on: date) -> list[_Ground]:
    """Mandatory grounds before discretionary ones; the statute before the local list."""
    grounds = [
        _Ground(tuple(r.conditions), r.mandatory, r.basis, r.measures, rule=r)
        for r in (law.no_penalty if law else ())
    ]
    entries = sorted(
        _in_force(NoPenaltyItemVersion.objects.filter(power_item=item), on),
        key=lambda e: (e.valid_from, e.pk),
    )
    grounds += [
        _Ground(tuple(e.conditions), e.mandatory, e.basis, e.measures, entry=e) for e in entries
    ]
    return sorted(grounds, key=lambda g: not g.mandatory)  # stable: keeps the order above


def tier_for(item: PowerItem, facts: Mapping[str, Any], *, on: date) -> Finding:
    """Whether and how a violation of ``item`` on ``on`` is penalised, given ``facts``.

    Raises NotAPenaltyItem for an item that is not 行政处罚, and UnknownFactor (Chinese) for a
    fact on no declared factor or of the wrong type.
    """
    if item.kind != PowerKind.PENALTY:
        raise NotAPenaltyItem("该事项不是行政处罚事项，不适用裁量基准")
    facts = check_facts(facts, declared_factors())
    law = penalty_law_on(on)
    open_mandatory: list[str] = []
    missing: list[str] = []
    for ground in _grounds(item, law, on):
        holds, needs = _status(ground.conditions, facts)
        if holds is None:
            missing += needs
            if ground.mandatory:
                open_mandatory += needs
            continue
        if not holds:
            continue
        if ground.mandatory:
            return _no_penalty(ground)
        if open_mandatory:
            # "可以不予" must not be answered while "不予" may still hold.
            return FactsNeeded(tuple(dict.fromkeys(open_mandatory)))
        fallback, fallback_needs = _penalty(item, law, facts, on)
        return _no_penalty(ground, fallback, tuple(dict.fromkeys(fallback_needs)))
    penalty, needs = _penalty(item, law, facts, on)
    missing += needs
    if missing or penalty is None:
        return FactsNeeded(tuple(dict.fromkeys(missing)))
    return penalty


def _no_penalty(
    ground: _Ground, fallback: Penalty | None = None, fallback_needs: tuple[str, ...] = ()
) -> NoPenaltyFinding:
    return NoPenaltyFinding(
        entry=ground.entry,
        mandatory=ground.mandatory,
        basis=ground.basis,
        measures=ground.measures,
        fallback=fallback,
        rule=ground.rule,
        proviso=ground.rule.proviso if ground.rule else "",
        fallback_needs=fallback_needs,
    )


# ---------------------------------------------------------------------------------------------
# Conditions as data


def validate_conditions(conditions: Any, factors: Mapping[str, Any] | None = None) -> list[str]:
    """Chinese reasons why ``conditions`` is not a list of {factor, op, value} on declared
    factors (the statute's and the rows) with values of the factor's kind; empty when it is."""
    if not isinstance(conditions, list):
        return ["适用情形应为条件列表"]
    if factors is None:
        factors = declared_factors()
    errors = []
    for i, c in enumerate(conditions, start=1):
        if not isinstance(c, Mapping) or "factor" not in c or "value" not in c:
            errors.append(f"第{i}个条件应包含 factor 和 value")
            continue
        op = c.get("op", "=")
        factor = factors.get(c["factor"])
        if op not in OPS:
            errors.append(f"第{i}个条件的比较方式“{op}”无效")
        if factor is None:
            errors.append(f"第{i}个条件的情节“{c['factor']}”未声明")
            continue
        value = c["value"]
        if factor.kind == FactorKind.BOOLEAN and not isinstance(value, bool):
            errors.append(f"第{i}个条件：“{factor.label}”的值应为是/否")
        elif factor.kind == FactorKind.NUMBER and (
            isinstance(value, bool)
            or not isinstance(value, int | float | str)
            or not _is_number(value)
        ):
            errors.append(f"第{i}个条件：“{factor.label}”的值应为数值")
        elif factor.kind == FactorKind.CHOICE and factor.choices:
            values = value if op == "in" and isinstance(value, list) else [value]
            bad = [v for v in values if v not in factor.choices]
            if bad:
                errors.append(f"第{i}个条件：“{factor.label}”没有选项 {bad}")
    return errors


def _is_number(value: Any) -> bool:
    try:
        return Decimal(str(value)).is_finite()
    except ArithmeticError:
        return False


def conditions_broken_by(factor: DiscretionFactor, old_code: str | None = None) -> list[str]:
    """Chinese reasons why saving ``factor`` (formerly ``old_code``) would leave a benchmark
    tier's or a no-penalty entry's conditions naming it invalid; empty when none would."""
    factors = declared_factors()
    if old_code and old_code != factor.code:
        factors.pop(old_code, None)
    if factor.code not in STATUTORY_BY_CODE:
        factors[factor.code] = factor
    codes = {factor.code, old_code} - {None}
    errors = []
    for tier in DiscretionTier.objects.select_related("version").only(
        "label", "conditions", "version__name"
    ):
        if _names(tier.conditions, codes):
            for reason in validate_conditions(tier.conditions, factors):
                errors.append(f"裁量基准“{tier.version.name}”的“{tier.label}”档：{reason}")
    for entry in NoPenaltyItemVersion.objects.only("name", "conditions"):
        if _names(entry.conditions, codes):
            for reason in validate_conditions(entry.conditions, factors):
                errors.append(f"免罚事项“{entry.name}”：{reason}")
    return list(dict.fromkeys(errors))


def _names(conditions: Any, codes: set[str | None]) -> bool:
    return isinstance(conditions, list) and any(
        isinstance(c, Mapping) and c.get("factor") in codes for c in conditions
    )


def statutory_mismatch(factor: DiscretionFactor) -> list[str]:
    """A row may repeat a statutory factor (to show it among the declared ones) but not
    redefine it: the statute's kind and choices are what ``tier_for`` evaluates."""
    statute = STATUTORY_BY_CODE.get(factor.code)
    if statute is None:
        return []
    errors = []
    if factor.kind != statute.kind:
        kind = FactorKind(statute.kind).label
        errors.append(f"“{factor.code}”是法定情节（{statute.basis}），类型应为“{kind}”")
    if statute.kind == FactorKind.CHOICE and list(factor.choices or []) != list(statute.choices):
        errors.append(
            f"“{factor.code}”是法定情节（{statute.basis}），可选值应为：{'、'.join(statute.choices)}"
        )
    return errors
