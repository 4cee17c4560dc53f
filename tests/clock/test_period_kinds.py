"""Three kinds of period: an act moves past rest days; a burden and an earliest date do not."""

from __future__ import annotations

from datetime import date

from fazhi.core.clock import statutes
from fazhi.core.clock.calendar import WorkCalendar
from fazhi.core.clock.periods import Pause, Period, PeriodKind, Unit, compute, compute_many

THIRTY = Period(30, Unit.DAYS, "x")


def test_an_act_deadline_moves_past_the_weekend(cal: WorkCalendar) -> None:
    c = compute(date(2024, 1, 4), THIRTY, calendar=cal)  # 30 days end on Saturday 02-03
    # Sunday 02-04 was a 调休 working day (Spring Festival 2024): the act deadline moves there.
    assert (c.unrolled_due, c.due) == (date(2024, 2, 3), date(2024, 2, 4))


def test_a_seizure_ends_on_its_day_even_a_saturday(cal: WorkCalendar) -> None:
    # 行政强制法 第二十五条: 查封、扣押不得超过三十日 — moving it would lengthen the burden.
    c = statutes.compute_statutory("coercion.seizure", date(2024, 1, 4), calendar=cal)
    assert c.kind == PeriodKind.BURDEN
    assert c.due == c.unrolled_due == date(2024, 2, 3)
    assert c.skipped_rest_days == []


def test_a_rule_takes_effect_no_earlier_than_its_day_even_a_saturday(cal: WorkCalendar) -> None:
    # 规章制定程序条例 第三十二条: 自公布之日起30日后施行 — an earliest date, not moved.
    c = statutes.compute_statutory("rulemaking.effective", date(2024, 1, 4), calendar=cal)
    assert c.kind == PeriodKind.EARLIEST
    assert c.due == date(2024, 2, 3)


def test_the_explanation_states_the_kind(cal: WorkCalendar) -> None:
    act = compute(date(2024, 1, 4), THIRTY, calendar=cal).explain()
    burden = compute(date(2024, 1, 4), THIRTY, calendar=cal, kind=PeriodKind.BURDEN).explain()
    earliest = compute(date(2024, 1, 4), THIRTY, calendar=cal, kind=PeriodKind.EARLIEST).explain()
    assert "期间性质：办理期限（届满日遇休息日顺延至其后第一个工作日）" in act
    assert any(line.startswith("期间性质：最长持续期间") for line in burden)
    assert "顺延：不顺延（最长持续期间）" in burden
    assert any(line.startswith("期间性质：最早日期") for line in earliest)
    assert "最早日期：2024-02-03 周六" in earliest


def test_a_burden_with_a_pause_shifts_but_does_not_move(cal: WorkCalendar) -> None:
    pause = Pause(date(2024, 1, 10), date(2024, 1, 12))
    c = compute(date(2024, 1, 4), THIRTY, pauses=[pause], calendar=cal, kind=PeriodKind.BURDEN)
    assert c.due == date(2024, 2, 5)  # Feb 3 + 2 paused days, a Monday by chance
    long_pause = [Pause(date(2024, 1, 10), date(2024, 1, 18))]
    burden = compute(
        date(2024, 1, 4), THIRTY, pauses=long_pause, calendar=cal, kind=PeriodKind.BURDEN
    )
    act = compute(date(2024, 1, 4), THIRTY, pauses=long_pause, calendar=cal)
    # Feb 3 + 8 = Sunday Feb 11, in the Spring Festival holiday: the burden ends there, the
    # act moves to the 调休 Sunday Feb 18.
    assert burden.due == date(2024, 2, 11)
    assert act.due == date(2024, 2, 18)


def test_a_natural_burden_in_an_unknown_year_is_not_provisional(cal: WorkCalendar) -> None:
    # No working-day status is used, so no holiday notice is missing.
    c = compute(date(2030, 1, 4), THIRTY, calendar=cal, kind=PeriodKind.BURDEN)
    assert not c.provisional


def test_the_batch_path_agrees_for_each_kind(cal: WorkCalendar) -> None:
    starts = [date(2024, 1, d) for d in range(1, 31)]
    for kind in PeriodKind:
        rows = compute_many(starts, THIRTY, calendar=cal, kind=kind)
        for start, row in zip(starts, rows, strict=True):
            c = compute(start, THIRTY, calendar=cal, kind=kind)
            assert row == (c.unrolled_due, c.due, c.provisional), (kind, start)
