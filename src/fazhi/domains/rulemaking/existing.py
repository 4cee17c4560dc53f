"""Recording a rule or normative document issued before the platform (存量文件): the text, its
promulgated version with its dates, its provisions from Markdown, and — for a normative
document — its validity period. What the scenario's earlier texts and an import use; a text
made on the platform is promulgated by the drafting lifecycle instead."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from .choices import TextKind, TextState
from .library import store_provisions
from .models import LegalText, TextVersion
from .parsing import parse
from .validity import set_validity


@transaction.atomic
def record_issued_text(
    *,
    kind: str,
    title: str,
    issuing_unit: Any,
    doc_number: str,
    promulgated_on: date,
    effective_from: date,
    body: str = "",
    actor: Any = None,
    public: bool = True,
) -> TextVersion:
    if kind not in (TextKind.GOVERNMENT_RULE, TextKind.NORMATIVE_DOCUMENT):
        raise ValueError("只能登记政府规章和行政规范性文件")
    text = LegalText.objects.create(
        kind=kind,
        title=title,
        short_title=title,
        issuing_body=issuing_unit.name,
        issuing_unit=issuing_unit,
        state=TextState.IN_FORCE,
        public=public,
    )
    version = TextVersion.objects.create(
        text=text,
        label=f"{promulgated_on.year}年公布",
        doc_number=doc_number,
        state=TextState.IN_FORCE,
        promulgated_on=promulgated_on,
        effective_from=effective_from,
        source="存量文件登记",
        recorded_by=actor,
    )
    if body:
        store_provisions(version, parse(body).nodes)
    set_validity(version)
    return version
