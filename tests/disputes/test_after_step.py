"""casework's ``register_after_step``: another app's reaction to a step runs in the step's
transaction, after its effect; a failure there undoes the step."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from fazhi.core.casework import workflow
from fazhi.core.casework.models import Case
from fazhi.core.casework.workflow import register_after_step, take

from .conftest import apply

pytestmark = pytest.mark.django_db


def test_a_hook_sees_the_step_done_and_its_failure_rolls_it_back(
    org: Any, fy_handler: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(workflow, "_AFTER_STEP", {})
    seen: list[tuple[str, str, date]] = []

    def record(ctx: Any, event: Any) -> None:
        seen.append((ctx.case.state, event.kind, ctx.on))

    register_after_step("reconsideration", "accept", record)
    register_after_step("reconsideration", "accept", record)  # registered once
    case = apply(org, fy_handler)
    take(case, "accept", fy_handler, on=date(2024, 3, 8))
    assert seen == [("accepted", "accept", date(2024, 3, 8))]

    def fail(ctx: Any, event: Any) -> None:
        raise RuntimeError("hook failed")

    register_after_step("reconsideration", "not_accept", fail)
    other = apply(org, fy_handler)
    with pytest.raises(RuntimeError):
        take(other, "not_accept", fy_handler, data={"reasons": "不符合受理条件"})
    other = Case.objects.get(pk=other.pk)
    assert other.state == "received" and not other.events.filter(kind="not_accept").exists()
