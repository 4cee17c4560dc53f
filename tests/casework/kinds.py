"""A small test-only case kind to exercise the casework core without a domain."""

from __future__ import annotations

from django.db import models

from fazhi.core.casework.workflow import Workflow, register


class TestState(models.TextChoices):
    OPEN = "open", "已立案"
    REVIEW = "review", "审核中"
    DECIDED = "decided", "已决定"
    CLOSED = "closed", "已结案"


def needs_note(case: object, context: object) -> str | None:
    return None if context else "作出决定前须填写审核意见"


TEST_KIND = register(Workflow("test", "测试案件", TestState, TestState.OPEN))
TEST_KIND.add("submit", "提交审核", [TestState.OPEN], TestState.REVIEW)
TEST_KIND.add(
    "decide",
    "作出决定",
    [TestState.REVIEW],
    TestState.DECIDED,
    gates=[needs_note],
    by_roles=["owner"],
)
TEST_KIND.add("close", "结案", [TestState.DECIDED], TestState.CLOSED)
