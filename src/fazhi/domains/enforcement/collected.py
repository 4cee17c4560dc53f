"""Collected enforcement cases (归集): the decision a sector system reports, on the case.

Casework collects the case itself (``fazhi.core.casework.collection``, kind
``collected_enforcement``); this module registers enforcement's detail of it — the decision's
fields of ``EnforcementCase`` — so that both collect fronts (the Excel file's 案件 row and the
push API's flat keys) carry them and a re-import upserts them like the case's own fields.

It also reads the sectors' own exports (``read_ecology``, ``read_transport``): each sector
system has its own column layout, one row per case; a reader turns its rows into the collect
format (``CaseIn``), which then goes through ``collection.collect`` like any other collect.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from fazhi.core.casework.collection import (
    COLLECTED_KIND,
    CaseFields,
    CaseIn,
    CollectedState,
    Detail,
    EventIn,
    PartyIn,
    register_detail,
)

from .choices import Outcome, PenaltyType, Procedure
from .models import EnforcementCase

# The decision's fields a sector system reports.
DECISION_FIELDS = (
    "outcome",
    "penalty_type",
    "procedure",
    "decision_no",
    "decided_on",
    "fine",
    "served_on",
    "category",
    "vehicle_plate",
)
HEARING = "听证"  # the event kind of a hearing held, in every sector's timeline


def _initial(case: CaseIn, owner_id: int) -> dict[str, Any]:
    # The sector systems do not report the violation's date; the filing date bounds it from
    # above (a violation is filed after it happened), and the model requires a date.
    assert case.fields is not None
    return {"violation_on": case.fields.opened_on, "owner_id": owner_id}


DETAIL = register_detail(COLLECTED_KIND, Detail(EnforcementCase, DECISION_FIELDS, _initial))

# --------------------------------------------------------------------------------------------
# The sectors' own exports
# --------------------------------------------------------------------------------------------


def _rows(path: Path) -> Iterable[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh)


def _day(text: str) -> date | None:
    text = text.strip()
    return date.fromisoformat(text.replace("/", "-")) if text else None


def read_ecology(path: Path) -> list[CaseIn]:
    """The ecology bureau's 环境行政处罚 export: one row per decision (罚款 in 元), the hearing
    held (if any) in 听证日期. Columns: 案件编号, 案件名称, 当事人名称, 统一社会信用代码, 立案日期,
    处罚决定书文号, 处罚决定日期, 罚款金额（元）, 送达日期, 听证日期, 结案日期, 承办人."""
    cases = []
    for row in _rows(path):
        opened = _day(row["立案日期"])
        decided = _day(row["处罚决定日期"])
        served = _day(row["送达日期"])
        closed = _day(row["结案日期"])
        hearing = _day(row["听证日期"])
        assert opened is not None and decided is not None
        actor = row["承办人"].strip()
        events = [EventIn(opened, "立案", "经负责人批准立案", actor, f"{row['案件编号']}-LA")]
        if hearing is not None:
            events.append(
                EventIn(hearing, HEARING, "应当事人申请举行听证", actor, f"{row['案件编号']}-TZ")
            )
        events.append(
            EventIn(decided, "决定", f"作出行政处罚决定（{row['处罚决定书文号']}）", actor,
                    f"{row['案件编号']}-JD")
        )  # fmt: skip
        if served is not None:
            events.append(EventIn(served, "送达", "送达行政处罚决定书", actor,
                                  f"{row['案件编号']}-SD"))  # fmt: skip
        fine = Decimal(row["罚款金额（元）"].replace(",", "")) if row["罚款金额（元）"] else None
        cases.append(
            CaseIn(
                external_id=row["案件编号"],
                fields=CaseFields(
                    title=row["案件名称"],
                    opened_on=opened,
                    state=CollectedState.CLOSED if closed else CollectedState.EXECUTING,
                    number=row["案件编号"],
                    closed_on=closed,
                ),
                parties=[PartyIn("entity", row["当事人名称"], uscc=row["统一社会信用代码"])],
                events=events,
                detail={
                    "outcome": Outcome.PENALTY,
                    "penalty_type": PenaltyType.FINE if fine else PenaltyType.WARNING,
                    "procedure": Procedure.ORDINARY,
                    "decision_no": row["处罚决定书文号"],
                    "decided_on": decided,
                    "fine": fine,
                    "served_on": served,
                    "category": "环境违法",
                    "vehicle_plate": "",
                },
            )
        )
    return cases


def read_transport(path: Path) -> list[CaseIn]:
    """The transport bureau's 道路运输行政处罚 export: one row per case, the vehicle's plate and
    the sector's category (出租车违规经营 / 非法营运). Columns: 案号, 违法类别, 车牌号码, 当事人,
    身份证号, 案由, 立案日期, 处罚决定书号, 决定日期, 罚款（元）, 送达日期, 结案日期, 执法人员."""
    cases = []
    for row in _rows(path):
        opened = _day(row["立案日期"])
        decided = _day(row["决定日期"])
        served = _day(row["送达日期"])
        closed = _day(row["结案日期"])
        assert opened is not None and decided is not None
        actor = row["执法人员"].strip()
        fine = Decimal(row["罚款（元）"]) if row["罚款（元）"] else None
        cases.append(
            CaseIn(
                external_id=row["案号"],
                fields=CaseFields(
                    title=row["案由"],
                    opened_on=opened,
                    state=CollectedState.CLOSED if closed else CollectedState.EXECUTING,
                    number=row["案号"],
                    closed_on=closed,
                ),
                parties=[PartyIn("person", row["当事人"], id_number=row["身份证号"])],
                events=[
                    EventIn(opened, "立案", row["案由"], actor, f"{row['案号']}-LA"),
                    EventIn(
                        decided,
                        "决定",
                        f"作出行政处罚决定（{row['处罚决定书号']}）",
                        actor,
                        f"{row['案号']}-JD",
                    ),
                ],
                detail={
                    "outcome": Outcome.PENALTY,
                    "penalty_type": PenaltyType.FINE if fine else PenaltyType.WARNING,
                    "procedure": Procedure.ORDINARY,
                    "decision_no": row["处罚决定书号"],
                    "decided_on": decided,
                    "fine": fine,
                    "served_on": served,
                    "category": row["违法类别"],
                    "vehicle_plate": row["车牌号码"],
                },
            )
        )
    return cases
