"""Extension: the approver's days, at most the statute's cap, from the moved legal end."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.clock import statutes
from fazhi.core.clock.calendar import WorkCalendar


def test_the_approved_days_run_from_the_moved_legal_end(cal: WorkCalendar) -> None:
    # 行政复议法 第六十二条: 60 日 from 2024-01-02 end on Saturday 03-02, legally Monday 03-04;
    # 20 approved days run from 03-04.
    c = statutes.compute_statutory(
        "reconsideration.decision", date(2024, 1, 2), extension_amount=20, calendar=cal
    )
    assert c.base_due == date(2024, 3, 4)
    assert c.due == date(2024, 3, 25)
    assert "原期间届满日（顺延后，延长的起算日）：2024-03-04 周一" in c.explain()


def test_the_cap_may_be_granted_in_full(cal: WorkCalendar) -> None:
    c = statutes.compute_statutory(
        "reconsideration.decision", date(2024, 1, 2), extension_amount=30, calendar=cal
    )
    assert c.due == date(2024, 4, 3)


def test_over_the_cap_is_refused_naming_the_article(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError, match=r"延长不得超过 30 日（行政复议法 第六十二条）"):
        statutes.compute_statutory(
            "reconsideration.decision", date(2024, 1, 2), extension_amount=31, calendar=cal
        )


def test_the_licensing_cap_is_ten_working_days() -> None:
    with pytest.raises(ValueError, match=r"10 个工作日（行政许可法 第四十二条）"):
        statutes.extension_for("licensing.decision", date(2024, 1, 2), 11)
    assert statutes.extension_for("licensing.decision", date(2024, 1, 2), 4).amount == 4


def test_no_extension_where_the_law_gives_none() -> None:
    with pytest.raises(ValueError, match="依法不得延长"):
        statutes.extension_for("penalty.decision", date(2024, 1, 2), 5)


def test_a_non_positive_extension_is_refused() -> None:
    with pytest.raises(ValueError, match="正整数"):
        statutes.extension_for("licensing.decision", date(2024, 1, 2), 0)
