"""Enforcement in the Ezhou 2019 scenario: the sectors' collected cases and the ecology
bureau's case-review meetings (docs/figures.md rows 47, 48, 54–57).

The cases come from the sectors' own exports under ``data/collected/`` (see ``make_files``),
each read in its own column layout (``enforcement.collected.read_ecology`` / ``read_transport``)
and collected through ``casework.collection.collect`` — the same path as a file import or a
push, one audit event per department. The meetings are recorded by the bureau's head through
``meetings.record_meeting``, with their 2019 dates. Idempotent: a second run collects every
case as unchanged and records no meeting twice.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from fazhi.core.casework.collection import CaseIn, collect
from fazhi.core.casework.models import Case
from fazhi.core.org.models import OrgUnit, Staff
from fazhi.shell.scenario.planning import Digest, rng_for

from .. import meetings
from ..collected import read_ecology, read_transport
from ..models import AttendanceRole, Meeting, MeetingDecision

DATA = Path(__file__).resolve().parent / "data" / "collected"
ECOLOGY_SYSTEM = "湖北省生态环境行政处罚案件管理系统"
TRANSPORT_SYSTEM = "湖北省交通运输综合执法管理系统"
ECOLOGY_CLERK = "sthj_clerk"
ECOLOGY_HEAD = "sthj_head"
TRANSPORT = "鄂州市交通运输局"
ECOLOGY = "鄂州市生态环境局"


def _ecology_units() -> dict[str, OrgUnit]:
    return {u.name: u for u in OrgUnit.objects.filter(name__startswith=ECOLOGY)}


def _collect(
    result: Any, cases: list[CaseIn], system: str, owner: OrgUnit, actor: Staff | None
) -> None:
    plan, outcome = collect(
        cases,
        source_system=system,
        owner=owner,
        actor=actor,
        source=f"fazhi demo: {system}",
    )
    if outcome is None:
        problems = "; ".join(f"{plan.cases[p.case].external_id} {p.message}" for p in plan.problems)
        raise RuntimeError(f"场景数据无法归集（{owner}）：{problems}")
    result.created += outcome.created
    result.existing += outcome.unchanged + outcome.updated


def load_collected(builder: Any, result: Any) -> None:
    """The ecology bureau's (and its 分局') and the transport bureau's cases of 2019."""
    units = _ecology_units()
    clerk = Staff.objects.filter(username=ECOLOGY_CLERK).first()
    by_unit: dict[str, list[CaseIn]] = defaultdict(list)
    with (DATA / "ecology_penalties.csv").open(encoding="utf-8") as fh:
        unit_of = {row["案件编号"]: row["办案机构"] for row in csv.DictReader(fh)}
    for case in read_ecology(DATA / "ecology_penalties.csv"):
        by_unit[unit_of[case.external_id]].append(case)
    for name, cases in sorted(by_unit.items()):
        owner = units[name]
        _collect(result, cases, ECOLOGY_SYSTEM, owner, clerk if owner.name == ECOLOGY else None)
    transport = OrgUnit.objects.get(name=TRANSPORT)
    _collect(result, read_transport(DATA / "transport_penalties.csv"), TRANSPORT_SYSTEM,
             transport, None)  # fmt: skip


def load_meetings(builder: Any, result: Any) -> None:
    """The ecology bureau's 11 case-review meetings of 2019, recorded by its head."""
    bureau = OrgUnit.objects.get(name=ECOLOGY)
    head = Staff.objects.get(username=ECOLOGY_HEAD)
    with (DATA / "ecology_meetings.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    have = set(Meeting.objects.filter(department=bureau).values_list("held_on", "subject"))
    wanted = {x for row in rows for x in row["审议案件"].split("、")}
    cases = dict(
        Case.objects.filter(source_system=ECOLOGY_SYSTEM, external_id__in=wanted).values_list(
            "external_id", "pk"
        )
    )
    digest = Digest()
    for row in rows:
        held = date.fromisoformat(row["会议日期"])
        if (held, row["会议名称"]) in have:
            result.existing += 1
            continue
        attendance = [meetings.Attendee(row["主持人"], AttendanceRole.CHAIR, "局长")]
        attendance += [
            meetings.Attendee(name, AttendanceRole.MEMBER) for name in row["参会人员"].split("、")
        ]
        attendance += [
            meetings.Attendee(name.split("（")[0], AttendanceRole.OBSERVER, "法律顾问")
            for name in row["列席人员"].split("、")
            if name
        ]
        attendance.append(meetings.Attendee(row["记录人"], AttendanceRole.RECORDER))
        items = [
            meetings.Item(
                cases[ext],
                "案件事实清楚，证据确凿，适用法律正确，程序合法，处罚幅度符合裁量基准。",
                MeetingDecision.AGREE,
            )
            for ext in row["审议案件"].split("、")
        ]
        meetings.record_meeting(
            department=bureau,
            held_on=held,
            subject=row["会议名称"],
            place=row["地点"],
            attendance=attendance,
            items=items,
            actor=head,
        )
        digest.add(row["会议日期"], row["会议名称"], row["审议案件"])
        result.created += 1
    builder.audit("enforcement.Meeting", result.created, digest, meetings=result.created)


# Who published each bureau's decisions of 2019 through the platform (the back office's
# 执法公示 page): most within the period, a few late, one never (so supervision has something
# to flag). A setting of the scenario, not a figure of the report.
PUBLISHERS = {ECOLOGY: ECOLOGY_CLERK, TRANSPORT: "jtys_clerk"}
LATE_PER_MILLE = 40
NEVER_PER_MILLE = 15


def load_publications(builder: Any, result: Any) -> None:
    """The bureaus' clerks publish their collected 2019 decisions through the disclosure gate,
    by the sector's rules (``publicity.publish_decision``, as the 执法公示 page does), each on
    a working day after its decision."""
    from fazhi.core.clock.calendar import get_calendar
    from fazhi.core.disclosure.models import Publication

    from .. import publicity
    from ..models import EnforcementCase

    calendar = get_calendar()
    rng = rng_for(builder.seed, "enforcement.publications")
    for name, username in PUBLISHERS.items():
        clerk = Staff.objects.filter(username=username).first()
        unit = OrgUnit.objects.filter(name=name).first()
        if clerk is None or unit is None:
            continue
        owed = publicity.required_decisions([unit], 2019).filter(case__source_system__gt="")
        done = set(Publication.objects.filter(case__in=owed.values("case")).values_list(
            "case_id", flat=True))  # fmt: skip
        for ec in owed.order_by("decided_on", "pk").select_related("case"):
            roll = rng.randrange(1000)  # drawn for every decision, so a rerun draws the same
            if ec.case_id in done or roll < NEVER_PER_MILLE or ec.decided_on is None:
                continue
            late = roll < NEVER_PER_MILLE + LATE_PER_MILLE
            due = publicity.rule_due(EnforcementCase.objects.get(pk=ec.pk)) or ec.decided_on
            on = (
                calendar.add_workdays(due, 1 + roll % 3)
                if late
                else min(due, calendar.add_workdays(ec.decided_on, 1 + roll % 5))
            )
            publicity.publish_decision(ec.case, actor=clerk, on=on)
            result.created += 1


STAGES: tuple[tuple[str, Callable[[Any, Any], None]], ...] = (
    ("归集执法案件（生态环境、交通运输 2019 年处罚）", load_collected),
    ("生态环境案审会（2019 年）", load_meetings),
    ("执法决定公示（生态环境、交通运输 2019 年）", load_publications),
)
