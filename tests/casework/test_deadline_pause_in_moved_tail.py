"""A pause begun after the unmoved end but before the moved legal end is honoured."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.casework import deadlines
from fazhi.core.casework.workflow import open_case

from . import kinds  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_pause_on_the_sunday_after_a_saturday_end_is_honoured(org) -> None:
    case = open_case("test", number="FY-P1", title="复议案件", owner=org.sfj)
    # 60 日 from 2024-01-02 end on Saturday 03-02; the legal end is Monday 03-04.
    d = deadlines.start_deadline(case, "reconsideration.decision", date(2024, 1, 2))
    assert (d.unrolled_due, d.due) == (date(2024, 3, 2), date(2024, 3, 4))
    d = deadlines.pause(d, date(2024, 3, 3), reason="申请人申请中止（第三十九条）")
    assert d.status == "paused" and d.due is None
    d = deadlines.resume(d, date(2024, 3, 10))
    assert d.due == date(2024, 3, 11)  # the one day left (Monday) after resuming


def test_a_pause_after_the_legal_end_is_still_refused(org) -> None:
    case = open_case("test", number="FY-P2", title="复议案件", owner=org.sfj)
    d = deadlines.start_deadline(case, "reconsideration.decision", date(2024, 1, 2))
    with pytest.raises(ValueError, match="已于 2024-03-04 届满"):
        deadlines.pause(d, date(2024, 3, 5))
