from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db import models

from fazhi.core.casework.models import Case
from fazhi.core.casework.numbering import next_number
from fazhi.core.casework.workflow import StepContext, Workflow, open_case, register
from fazhi.core.org.choices import Role

from .models import Suggestion


class State(models.TextChoices):
    SUBMITTED = "submitted", "已提交"
    ANSWERED = "answered", "已答复"


class AnswerForm(forms.Form):
    answer = forms.CharField(label="答复内容")


class SuggestionForm(forms.Form):
    content = forms.CharField(label="建议内容")


def _answer(ctx: StepContext, event: Any) -> None:
    Suggestion.objects.filter(case=ctx.case).update(answer=ctx.data["answer"])


def _create(actor: Any, unit: Any, data: Any, on: date) -> Case:
    case = open_case("suggestion", title="意见建议", owner=unit, actor=actor, opened_on=on)
    Suggestion.objects.create(case=case, content=data["content"])
    return case


WORKFLOW = register(
    Workflow(
        "suggestion",
        "意见建议",
        State,
        State.SUBMITTED,
        numbering=lambda case, on: f"YJ-{on.year}-{next_number(f'yj:{on.year}'):03d}",
        detail=lambda case: Suggestion.objects.filter(case=case).first(),
        create_form=SuggestionForm,
        create_roles=frozenset({Role.CLERK}),
        create=_create,
    )
)
WORKFLOW.add(
    "answer",
    "答复",
    [State.SUBMITTED],
    State.ANSWERED,
    staff_roles=[Role.DEPARTMENT_HEAD],
    basis="示例依据 第一条",
    form=AnswerForm,
    effect=_answer,
    files_case=True,
    closes=True,
)


def answered() -> int:
    return Case.objects.filter(kind="suggestion", state=State.ANSWERED).count()


def load_scenario(builder: Any, result: Any) -> None:
    result.created += 0
