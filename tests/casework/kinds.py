"""A small test-only case kind to exercise the casework core without a domain."""

from __future__ import annotations

from datetime import date

from django.db import models

from fazhi.core.casework.models import Case
from fazhi.core.casework.numbering import next_number
from fazhi.core.casework.workflow import StepContext, Workflow, register
from fazhi.core.org.choices import Role


class TestState(models.TextChoices):
    OPEN = "open", "已立案"
    REVIEW = "review", "审核中"
    DECIDED = "decided", "已决定"
    CLOSED = "closed", "已结案"


def needs_note(ctx: StepContext) -> str | None:
    return None if ctx.data.get("opinion") else "作出决定前须填写审核意见"


def number(case: Case, on: date) -> str:
    return f"T-{on.year}-{next_number(f'test:{on.year}'):03d}"


TEST_KIND = register(Workflow("test", "测试案件", TestState, TestState.OPEN, numbering=number))
TEST_KIND.add(
    "submit",
    "提交审核",
    [TestState.OPEN],
    TestState.REVIEW,
    staff_roles=[Role.CLERK],
    unit_roles=["owner", "handler"],
    files_case=True,
)
TEST_KIND.add(
    "review",
    "法制审核",
    [TestState.REVIEW],
    TestState.REVIEW,
    staff_roles=[Role.LEGAL_REVIEWER],
    basis="行政处罚法 第五十八条",
    legal_review=True,
)
TEST_KIND.add(
    "decide",
    "作出决定",
    [TestState.REVIEW],
    TestState.DECIDED,
    staff_roles=[Role.DEPARTMENT_HEAD],
    gates=[needs_note],
    basis="行政处罚法 第五十七条",
)
TEST_KIND.add("close", "结案", [TestState.DECIDED], TestState.CLOSED, closes=True)
TEST_KIND.add(
    "supervise",
    "监督意见",
    [TestState.OPEN, TestState.REVIEW, TestState.DECIDED, TestState.CLOSED],
    TestState.CLOSED,
    staff_roles=[Role.SUPERVISOR],
    unit_roles=["supervisor"],
    supervision=True,
)
