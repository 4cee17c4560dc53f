"""A deadline keeps the kind its statute declares; a burden does not move past rest days."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.casework import deadlines
from fazhi.core.casework.workflow import open_case

from . import kinds  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_seizure_deadline_is_a_burden_ending_on_its_day(org) -> None:
    case = open_case("test", number="QZ-1", title="查封", owner=org.scjg)
    d = deadlines.start_deadline(case, "coercion.seizure", date(2024, 1, 4))
    assert d.kind == "burden"
    assert d.due == d.unrolled_due == date(2024, 2, 3)  # Saturday, not moved
    assert any(
        line.startswith("期间性质：最长持续期间") for line in deadlines.computation(d).explain()
    )


def test_an_act_deadline_is_stored_as_an_act(org) -> None:
    case = open_case("test", number="XK-K1", title="许可", owner=org.scjg)
    d = deadlines.start_deadline(case, "licensing.decision", date(2024, 1, 4))
    assert d.kind == "act"
