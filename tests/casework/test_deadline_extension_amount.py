"""The approver enters the extension, at most the statute's cap, from the moved legal end."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.casework import deadlines
from fazhi.core.casework.workflow import open_case

from . import kinds  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(org):  # type: ignore[no-untyped-def]
    return open_case("test", number="FY-E1", title="复议案件", owner=org.sfj)


def test_the_approved_days_are_added_after_the_move(case, people) -> None:
    # 行政复议法 第六十二条: 60 日 from 2024-01-02 → Sat 03-02, legally Mon 03-04; + 20 日.
    d = deadlines.start_deadline(case, "reconsideration.decision", date(2024, 1, 2))
    d = deadlines.extend(d, approved_by=people.carol, reason="案情复杂", amount=20)
    assert (d.extension_amount, d.extension_unit, d.due) == (20, "days", date(2024, 3, 25))
    event = case.events.get(kind="deadline_extended")
    assert event.data["amount"] == 20 and event.actor == people.carol


def test_over_the_cap_is_refused_with_the_article(case, people) -> None:
    d = deadlines.start_deadline(case, "reconsideration.decision", date(2024, 1, 2))
    with pytest.raises(ValueError, match="延长不得超过 30 日（行政复议法 第六十二条）"):
        deadlines.extend(d, approved_by=people.carol, reason="案情复杂", amount=45)
    d.refresh_from_db()
    assert d.extension_amount == 0


def test_licensing_allows_at_most_ten_working_days(case, people) -> None:
    d = deadlines.start_deadline(case, "licensing.decision", date(2019, 9, 20))
    with pytest.raises(ValueError, match="10 个工作日（行政许可法 第四十二条）"):
        deadlines.extend(d, approved_by=people.alice, reason="情况复杂", amount=12)
    d = deadlines.extend(d, approved_by=people.alice, reason="情况复杂", amount=5)
    assert d.due == date(2019, 10, 30)  # 10-23 + 5 working days
