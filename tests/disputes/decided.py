"""Helpers of the decision tests: a reconsideration case walked to its decision through the
workflow's own steps, with an applicant, and the body's 文号 rules."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import docx

from fazhi.core.casework.documents import generate_document
from fazhi.core.casework.models import Case, Document, DocumentNumbering, Party
from fazhi.core.casework.workflow import take
from fazhi.core.org.models import Person
from fazhi.core.org.validators import make_id_number

from .conftest import apply

ACCEPTED_ON = date(2024, 3, 8)
DECIDED_ON = date(2024, 4, 12)
ISSUED_ON = date(2024, 4, 15)
APPLICANT = "张三丰"
ID_NUMBER = make_id_number("42070419800101123")


def numbering(org: Any) -> None:
    for number_type, prefix in (("复议决定", "鄂州政复决字"), ("复议调解", "鄂州政复调字")):
        DocumentNumbering.objects.get_or_create(
            org_unit=org.sfj, number_type=number_type, defaults={"prefix": prefix}
        )


def decided_case(
    org: Any,
    handler: Any,
    head: Any,
    outcome: str = "uphold",
    *,
    reviewed_case: Any = None,
    reasons: str = "原行政行为认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当。",
    title: str = "",
    act: str = "",
    knew_on: date = date(2024, 2, 1),
    received_on: date = date(2024, 3, 4),
    decided_on: date = DECIDED_ON,
) -> Case:
    case = apply(org, handler, reviewed_case=reviewed_case, knew_on=knew_on, on=received_on)
    if title or act:
        from fazhi.domains.disputes.models import ReconsiderationCase

        Case.objects.filter(pk=case.pk).update(title=title or case.title)
        ReconsiderationCase.objects.filter(case=case).update(act_complained=act or "x")
        case.refresh_from_db()
    person = Person.objects.create(
        name=APPLICANT, id_number=ID_NUMBER, owner_unit=org.sfj, birth_date=date(1980, 1, 1)
    )
    Party.objects.create(case=case, role="applicant", person=person)
    accepted = date.fromordinal(received_on.toordinal() + 4)
    take(case, "accept", handler, on=accepted)
    if outcome == "mediate":
        # A mediation ends the case by its own step with the signed 调解书 (第七十三条).
        terms = "双方自愿达成调解协议。"
        take(case, "mediate", head, data={"terms": terms, "signed": True}, on=decided_on)
    else:
        take(case, "decide", head, data={"outcome": outcome, "reasons": reasons}, on=decided_on)
    numbering(org)
    return case


def decision_document(case: Case, org: Any, head: Any, **data: Any) -> Document:
    fields = {
        "claims": "撤销被申请人作出的行政处罚决定",
        "facts": "申请人于2024年1月销售过期食品。\n被申请人依法立案调查。",
        "reasoning": "被申请人作出的处罚决定事实清楚。",
        **data,
    }
    return generate_document(
        "disputes.decision",
        owner_unit=org.sfj,
        case=case,
        data=fields,
        actor=head,
        issued_on=ISSUED_ON,
    )


def docx_text(document: Document) -> str:
    with document.file.open("rb") as fh:
        parsed = docx.Document(io.BytesIO(fh.read()))
    return "\n".join(p.text for p in parsed.paragraphs)
