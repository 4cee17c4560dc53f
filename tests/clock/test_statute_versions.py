"""Corrected statutory versions: credit repair by field (2023) and by severity (2026), the 1996
行政处罚法 periods, the 1999 复议 reply, and 立法法 articles by the version in force."""

from __future__ import annotations

import re
from datetime import date

import pytest

from fazhi.core.clock import statutes
from fazhi.core.clock.periods import Period, PeriodKind, Unit


@pytest.mark.parametrize("field", ["食品", "药品", "特种设备", "安全生产", "消防"])
def test_2023_measures_give_the_five_fields_one_year_minimum(field: str) -> None:
    low, high = statutes.credit_publication_keys(date(2025, 6, 1), field=field)
    assert (low, high) == ("credit.repair.field.min", "credit.repair.field.max")
    minimum, _ = statutes.period_in_force(low, date(2025, 6, 1))
    assert (minimum.amount, minimum.unit) == (1, Unit.YEARS)
    assert "58号" in minimum.basis


def test_2023_measures_give_other_fields_three_months_to_three_years() -> None:
    low, high = statutes.credit_publication_keys(date(2025, 6, 1), field="交通运输")
    assert low is not None
    minimum, _ = statutes.period_in_force(low, date(2025, 6, 1))
    maximum, _ = statutes.period_in_force(high, date(2025, 6, 1))
    assert (minimum.amount, minimum.unit, maximum.amount, maximum.unit) == (
        3,
        Unit.MONTHS,
        3,
        Unit.YEARS,
    )


def test_2023_measures_ignore_severity() -> None:
    # Severity did not exist under 58号令: the same field gives the same keys.
    keys = {
        statutes.credit_publication_keys(date(2025, 6, 1), field="食品", severity=s)
        for s in (None, "minor", "serious")
    }
    assert keys == {("credit.repair.field.min", "credit.repair.field.max")}


@pytest.mark.parametrize(
    ("severity", "low", "high"),
    [
        ("minor", None, (3, Unit.MONTHS)),
        ("general", (3, Unit.MONTHS), (1, Unit.YEARS)),
        ("serious", (1, Unit.YEARS), (3, Unit.YEARS)),
    ],
)
def test_2026_measures_are_by_severity(
    severity: str, low: tuple[int, Unit] | None, high: tuple[int, Unit]
) -> None:
    on = date(2026, 4, 1)
    low_key, high_key = statutes.credit_publication_keys(on, field="食品", severity=severity)
    maximum, _ = statutes.period_in_force(high_key, on)
    assert (maximum.amount, maximum.unit) == high and "36号" in maximum.basis
    if low is None:
        assert low_key is None
    else:
        assert low_key is not None
        minimum, _ = statutes.period_in_force(low_key, on)
        assert (minimum.amount, minimum.unit) == low


def test_2026_measures_need_a_severity() -> None:
    with pytest.raises(ValueError, match="严重程度"):
        statutes.credit_publication_keys(date(2026, 4, 1), field="食品")


def test_a_regime_is_refused_outside_its_dates_with_the_right_keys_named() -> None:
    with pytest.raises(statutes.NotInForce, match="施行至 2026-03-31"):
        statutes.period_in_force("credit.repair.field.min", date(2026, 4, 1))
    with pytest.raises(statutes.NotInForce, match=re.escape("credit.repair.field/other")):
        statutes.period_in_force("credit.repair.serious.min", date(2026, 3, 31))


def test_credit_minimum_is_an_earliest_date_and_maximum_a_burden() -> None:
    assert statutes.get("credit.repair.field.min").kind == PeriodKind.EARLIEST
    assert statutes.get("credit.repair.serious.max").kind == PeriodKind.BURDEN


@pytest.mark.parametrize(
    ("key", "old", "new"),
    [
        (
            "penalty.preservation_decision",
            Period(7, Unit.DAYS, "行政处罚法（1996）第三十七条第二款"),
            Period(7, Unit.WORKDAYS, "行政处罚法 第五十六条"),
        ),
        (
            "penalty.service",
            Period(7, Unit.DAYS, "行政处罚法（1996）第四十条"),
            Period(7, Unit.WORKDAYS, "行政处罚法 第六十一条"),
        ),
        (
            "reconsideration.respondent_reply",
            Period(10, Unit.DAYS, "行政复议法（1999）第二十三条"),
            Period(10, Unit.WORKDAYS, "行政复议法 第四十八条"),
        ),
    ],
)
def test_earlier_versions_were_natural_days(key: str, old: Period, new: Period) -> None:
    assert statutes.period_in_force(key, date(2019, 9, 20)) == (old, None)
    assert statutes.period_in_force(key, date(2024, 3, 1)) == (new, None)


def test_the_1996_service_period_counts_natural_days(cal) -> None:  # type: ignore[no-untyped-def]
    # 2019-09-27 + 7 日 = Fri 10-04, a National Day holiday: moved to Tue 10-08.
    c = statutes.compute_statutory("penalty.service", date(2019, 9, 27), calendar=cal)
    assert (c.unrolled_due, c.due) == (date(2019, 10, 4), date(2019, 10, 8))


@pytest.mark.parametrize(
    ("published", "article"),
    [
        (date(2019, 9, 20), "立法法（2015）第九十八条"),
        (date(2023, 3, 14), "立法法（2015）第九十八条"),
        (date(2023, 3, 15), "立法法 第一百零九条"),
    ],
)
def test_rule_filing_cites_the_legislation_law_in_force(published: date, article: str) -> None:
    period, _ = statutes.period_in_force("rulemaking.filing", published)
    assert article in period.basis
