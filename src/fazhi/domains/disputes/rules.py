"""The reconsideration committee's documents of procedure (工作规程、议事规则、听证规则 …), each
a series of dated versions: what was in force on a day is the latest version effective by
then. The seed's 2019: six of them revised (figure row 66)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import CommitteeRule, CommitteeRuleVersion


def adopt(
    owner: Any,
    kind: str,
    title: str,
    *,
    text: str,
    adopted_on: date,
    effective_on: date | None = None,
    note: str = "",
) -> CommitteeRuleVersion:
    """Adopt a document or a new version of it; a version may not take effect before the one
    it replaces."""
    effective_on = effective_on or adopted_on
    if not text.strip():
        raise ValidationError("制度正文不能为空")
    if effective_on < adopted_on:
        raise ValidationError("施行日期不能早于通过日期")
    with transaction.atomic():
        rule, _ = CommitteeRule.objects.get_or_create(
            owner=owner, title=title, defaults={"kind": kind}
        )
        last = rule.versions.order_by("-number").first()
        if last is not None and effective_on <= last.effective_on:
            raise ValidationError(
                f"新版本的施行日期须晚于现行版本（第{last.number}版，{last.effective_on}施行）"
            )
        return CommitteeRuleVersion.objects.create(
            rule=rule,
            number=(last.number + 1) if last is not None else 1,
            adopted_on=adopted_on,
            effective_on=effective_on,
            text=text,
            note=note,
        )


def revised_in(year: int) -> int:
    """Figure row 66: documents with a revision (a version after the first) adopted in
    ``year``."""
    return (
        CommitteeRule.objects.filter(versions__number__gt=1, versions__adopted_on__year=year)
        .distinct()
        .count()
    )


def revised_2019() -> int:
    return revised_in(2019)
