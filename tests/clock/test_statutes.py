"""Statutory periods: dated versions, the note for dates before the first version, extensions."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.clock import statutes
from fazhi.core.clock.calendar import WorkCalendar
from fazhi.core.clock.periods import Period, Unit

REQUIRED = {
    "licensing.decision",
    "licensing.material_notice",
    "reconsideration.decision",
    "reconsideration.simplified_decision",
    "reconsideration.acceptance_review",
    "reconsideration.application",
    "penalty.decision",
    "penalty.hearing_request",
    "penalty.publicity_withdrawal",
    "enforcement.publicity",
    "inspection.result_publication",
    "disclosure_request.reply",
    "rulemaking.consultation",
    "litigation.defence",
    "coercion.seizure",
    "credit.repair.minor.max",
    "credit.repair.general.min",
    "credit.repair.general.max",
    "credit.repair.serious.min",
    "credit.repair.serious.max",
    "credit.repair.field.min",
    "credit.repair.field.max",
    "credit.repair.other.min",
    "credit.repair.other.max",
}


def test_every_period_the_domains_need_is_declared_with_its_basis() -> None:
    declared = {sp.key: sp for sp in statutes.all_periods()}
    assert REQUIRED - set(declared) == set()
    for sp in declared.values():
        for v in sp.versions:
            assert v.period.basis, sp.key


@pytest.mark.parametrize(
    ("key", "amount", "unit", "basis"),
    [
        ("licensing.decision", 20, Unit.WORKDAYS, "行政许可法 第四十二条"),
        ("reconsideration.decision", 60, Unit.DAYS, "行政复议法 第六十二条"),
        ("reconsideration.acceptance_review", 5, Unit.WORKDAYS, "行政复议法 第三十条"),
        ("penalty.decision", 90, Unit.DAYS, "行政处罚法 第六十条"),
        ("penalty.publicity_withdrawal", 3, Unit.WORKDAYS, "行政处罚法 第四十八条"),
        ("disclosure_request.reply", 20, Unit.WORKDAYS, "政府信息公开条例 第三十三条"),
        ("litigation.defence", 15, Unit.DAYS, "行政诉讼法 第六十七条"),
        ("coercion.seizure", 30, Unit.DAYS, "行政强制法 第二十五条"),
    ],
)
def test_current_values(key: str, amount: int, unit: Unit, basis: str) -> None:
    period, note = statutes.period_in_force(key, date(2025, 6, 1))
    assert period == Period(amount, unit, basis)
    assert note is None


def test_the_version_in_force_on_the_start_date_applies() -> None:
    old, note = statutes.period_in_force("penalty.hearing_request", date(2019, 5, 6))
    assert (old.amount, old.unit) == (3, Unit.DAYS)
    assert note is None
    new, _ = statutes.period_in_force("penalty.hearing_request", date(2021, 7, 15))
    assert (new.amount, new.unit, new.basis) == (5, Unit.WORKDAYS, "行政处罚法 第六十四条")


def test_credit_repair_changes_on_1_april_2026() -> None:
    # Before: the 2023 measures (58号令), by field; from 2026-04-01: 36号令, by severity.
    before, _ = statutes.period_in_force("credit.repair.other.max", date(2026, 3, 31))
    after, _ = statutes.period_in_force("credit.repair.general.max", date(2026, 4, 1))
    assert (before.amount, before.unit) == (3, Unit.YEARS)
    assert "58号" in before.basis
    assert (after.amount, after.unit) == (1, Unit.YEARS)
    assert "36号" in after.basis


def test_before_the_first_version_the_current_value_applies_with_a_note() -> None:
    period, note = statutes.period_in_force("reconsideration.material_notice", date(2019, 9, 20))
    assert period.amount == 5
    assert note is not None and note.startswith("未录入较早版本，适用现行规定")
    # A rule that did not exist then is refused instead (no simplified procedure before 2024).
    with pytest.raises(statutes.NotInForce, match="未规定简易程序"):
        statutes.period_in_force("reconsideration.simplified_decision", date(2019, 9, 20))


def test_compute_statutory_carries_the_note_and_the_extension(cal: WorkCalendar) -> None:
    c = statutes.compute_statutory(
        "licensing.decision", date(2019, 9, 20), extended=True, calendar=cal
    )
    assert c.due == date(2019, 11, 6)
    old = statutes.compute_statutory("reconsideration.correction", date(2019, 9, 20), calendar=cal)
    assert any(line.startswith("未录入较早版本") for line in old.explain())
    # The 1999 law's version applies to a reconsideration decision clock started in 2019.
    y1999 = statutes.compute_statutory("reconsideration.decision", date(2019, 9, 20), calendar=cal)
    assert not any(line.startswith("未录入较早版本") for line in y1999.explain())
    assert "行政复议法（1999）第三十一条" in " ".join(y1999.explain())


def test_a_period_without_extension_refuses_one(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="不得延长"):
        statutes.compute_statutory(
            "reconsideration.simplified_decision", date(2024, 3, 1), extended=True, calendar=cal
        )


def test_registry_refuses_a_conflicting_redeclaration() -> None:
    sp = statutes.get("licensing.decision")
    assert statutes.register(sp) is sp  # the same declaration is harmless
    clash = statutes.StatutoryPeriod(
        "licensing.decision",
        "x",
        (statutes.Version(date(2004, 7, 1), Period(30, Unit.DAYS, "x")),),
    )
    with pytest.raises(ValueError, match="已登记"):
        statutes.register(clash)
    with pytest.raises(KeyError, match="未登记"):
        statutes.get("no.such.period")
