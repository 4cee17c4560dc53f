"""Helpers of the penalty procedure tests: a case taken to a given stage by the right people."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from fazhi.core.casework.files import store_document
from fazhi.core.casework.workflow import register_case, take

from .conftest import officer

SERIAL = itertools.count(1)
DISCUSSION = {"attendees": "局长、副局长", "opinions": "同意", "conclusion": "同意拟处罚"}


def qualify(people: Any) -> None:
    people.rita.legal_qualification_no = "A20184201000001"
    people.rita.legal_qualified_on = date(2018, 12, 1)
    people.rita.save()


def investigated(
    org: Any, people: Any, item: Any, *, on: date = date(2024, 3, 4), **extra: Any
) -> tuple[Any, list[Any]]:
    """A case filed on 2024-03-01 and investigated by two credentialed officers on ``on``."""
    n = next(SERIAL)
    pair = [officer(org, "周一", f"P{n}a"), officer(org, "吴二", f"P{n}b")]
    data = {
        "title": "销售过期食品案",
        "power_item": item.pk,
        "violation_on": "2024-02-01",
        "facts": "举报",
        **extra,
    }
    case = register_case("penalty", people.alice, data, on=date(2024, 3, 1))
    take(case, "file", people.henry, on=date(2024, 3, 1))
    take(
        case,
        "investigate",
        people.alice,
        data={"officer_a": pair[0].pk, "officer_b": pair[1].pk, "findings": "属实"},
        on=on,
    )
    qualify(people)
    return case, pair


def notified(
    case: Any, people: Any, *, fine: str | None = "5000", on: date = date(2024, 3, 6)
) -> Any:
    """Reviewed (市场监管: before the notice) and notified on ``on``."""
    take(case, "review", people.rita, data={"opinion": "同意"}, on=on)
    data = {"fine": fine} if fine is not None else {}
    return take(case, "notify", people.alice, data=data, on=on)


def documents(case: Any, org: Any, on: date) -> tuple[Any, Any]:
    decision = store_document(
        b"decision", "decision.pdf", owner_unit=org.scjg, kind="行政处罚决定书",
        title="行政处罚决定书", case=case, issued_on=on,
    )  # fmt: skip
    receipt = store_document(
        b"receipt", "receipt.pdf", owner_unit=org.scjg, kind="送达回证", title="送达回证",
        case=case,
    )  # fmt: skip
    return decision, receipt


def serve(case: Any, org: Any, people: Any, *, on: date) -> Any:
    decision, receipt = documents(case, org, on)
    data = {
        "document": decision.pk,
        "method": "in_person",
        "receipt": receipt.pk,
        "recipient": "鄂州市甲乙有限公司",
    }
    return take(case, "serve", people.alice, data=data, on=on)
