"""The justice bureau's supervision in the Ezhou 2019 scenario (stages 220–221).

1. 案卷评查: the 20 reviewed departments' closed 2019 cases are collected (归集) from the
   provincial platform's export (``data/filereview_closed_cases_2019.csv``, its own column layout)
   through ``fazhi.core.casework.collection``; the bureau's clerk opens the review with the
   recorded seed, which draws each department's quota (126 files); each file is scored against
   the checklist in force and its problems recorded (259 in all) with 2019 dates; the head
   notifies every department of its results (the Word notice kept on its case), which starts
   its rectification period; the market regulator's head replies. Figures 59, 60, 61.
2. 专项整治: the market regulator's 6 drug-field campaigns of 2019. Figure 44.

Idempotent: the review is found by its title, the campaigns by (organiser, topic, start); a
second build creates nothing.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from fazhi.core.casework.collection import CaseFields, CaseIn, CollectedState, EventIn, collect
from fazhi.core.casework.workflow import take
from fazhi.core.org.models import OrgUnit, Staff

from .. import campaigns, filereview
from ..models import Campaign, Checklist, FileReview, ReviewedFile

DATA = Path(__file__).resolve().parent / "data"
SOURCE_SYSTEM = "湖北省行政执法综合管理监督信息系统"
REVIEW_TITLE = "2019年度全市行政执法案卷评查"
REVIEW_SEED = "鄂州市司法局2019年度案卷评查"
CHECKLIST = "鄂州市行政执法案卷评查标准"
CHECKLIST_FROM = date(2019, 1, 1)
REVIEW_STARTED = date(2019, 11, 4)
SCORED_FROM = date(2019, 11, 11)
NOTIFIED_ON = date(2019, 12, 2)
REPLIED_ON = date(2019, 12, 20)
PROBLEMS_2019 = 259  # figures.md row 61: the seed's count, which the draw of problems fills
CLERK, HEAD = "sfj_clerk", "sfj_head"
REPLY = "已对评查发现的问题逐项整改，补正了相关文书，并组织全体执法人员培训。"
REPLYING = ("420700-SCJG", "scjg_head")  # the one department whose head is a persona


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines))


@dataclass(frozen=True)
class Dept:
    code: str
    abbr: str
    quota: int


def departments() -> list[Dept]:
    rows = _rows("filereview_departments.csv")
    return [Dept(r["code"], r["abbr"], int(r["quota"])) for r in rows]


def _d(value: str) -> date:
    return date.fromisoformat(value)


def closed_cases() -> dict[str, list[CaseIn]]:
    """The export's rows as collected cases, by department code."""
    out: dict[str, list[CaseIn]] = {}
    for r in _rows("filereview_closed_cases_2019.csv"):
        opened, decided, closed = _d(r["立案日期"]), _d(r["决定日期"]), _d(r["结案日期"])
        out.setdefault(r["办案单位编码"], []).append(
            CaseIn(
                external_id=r["来源编号"],
                fields=CaseFields(
                    title=r["案件名称"],
                    opened_on=opened,
                    state=CollectedState.CLOSED,
                    number=r["立案号"],
                    closed_on=closed,
                ),
                events=[
                    EventIn(opened, "立案", source_id=f"{r['来源编号']}-1"),
                    EventIn(decided, "决定", r["决定书文号"], source_id=f"{r['来源编号']}-2"),
                    EventIn(closed, "结案", source_id=f"{r['来源编号']}-3"),
                ],
            )
        )
    return out


def _checklist(bureau: OrgUnit) -> Checklist:
    checklist, _ = Checklist.objects.get_or_create(name=CHECKLIST, defaults={"owner_unit": bureau})
    if not checklist.versions.exists():
        filereview.new_checklist_version(
            checklist,
            CHECKLIST_FROM,
            [
                (r["code"], r["category"], r["text"], int(r["points"]))
                for r in _rows("filereview_checklist.csv")
            ],
            note="首次制定",
        )
    return checklist


def problem_plan(seed: int, files: int, total: int = PROBLEMS_2019) -> list[int]:
    """How many problems each of ``files`` files has, ``total`` in all: a pure function of the
    seed (every file at least one; the rest spread at random)."""
    rng = random.Random(f"{seed}:filereview:problems")
    counts = [1] * files
    for _ in range(total - files):
        counts[rng.randrange(files)] += 1
    return counts


def load_review(builder: Any, result: Any) -> None:
    bureau = OrgUnit.objects.get(code="420700-SFJ")
    if FileReview.objects.filter(owner_unit=bureau, title=REVIEW_TITLE).exists():
        result.existing = ReviewedFile.objects.filter(
            department_review__review__title=REVIEW_TITLE
        ).count()
        return
    depts = departments()
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=[d.code for d in depts])}
    clerk = Staff.objects.get(username=CLERK)
    head = Staff.objects.get(username=HEAD)
    # 1. The departments' closed cases, collected from the platform's export.
    by_dept = closed_cases()
    collected = 0
    for d in depts:
        checked, outcome = collect(
            by_dept[d.code], source_system=SOURCE_SYSTEM, owner=units[d.code], source=builder.source
        )
        if outcome is None:
            raise ValueError(f"{d.code}: {[p.message for p in checked.problems][:3]}")
        collected += outcome.created
    # 2. The review, drawn with its recorded seed.
    checklist = _checklist(bureau)
    review = filereview.start_review(
        owner_unit=bureau,
        title=REVIEW_TITLE,
        year=2019,
        seed=REVIEW_SEED,
        checklist=checklist,
        quotas={units[d.code]: d.quota for d in depts},
        started_on=REVIEW_STARTED,
        actor=clerk,
    )
    # 3. Scores and problems, file by file, dated in November 2019.
    version = checklist.version_on(SCORED_FROM)
    assert version is not None
    items = {i.code: i for i in version.items.all()}
    descriptions: dict[str, list[str]] = {}
    for r in _rows("filereview_problems.csv"):
        descriptions.setdefault(r["item"], []).append(r["description"])
    rng = random.Random(f"{builder.seed}:filereview:which")
    files = list(
        ReviewedFile.objects.filter(department_review__review=review)
        .select_related("department_review__case")
        .order_by("department_review__department__code", "position")
    )
    plan = problem_plan(builder.seed, len(files))
    for n, (rf, count) in enumerate(zip(files, plan, strict=True)):
        on = date.fromordinal(SCORED_FROM.toordinal() + n % 15)
        found = [rng.choice(sorted(descriptions)) for _ in range(count)]
        points = {}
        for code, item in items.items():
            lost = sum(1 for c in found if c == code) * max(2, item.points // 4)
            points[code] = max(0, item.points - lost)
        filereview.score_file(rf, points, on=on, actor=clerk)
        for code in found:
            filereview.record_problem(
                rf, rng.choice(descriptions[code]), on=on, item_code=code, actor=clerk
            )
    # 4. Every department is notified; the market regulator replies within its period.
    for dr in review.departments.select_related("case", "department"):
        take(dr.case, "notify", head, on=NOTIFIED_ON, data={"note": "请对照问题逐项整改"})
        # The results go to the department as the Word notice, kept on the case.
        filereview.result_document(dr, actor=head, on=NOTIFIED_ON)
        if dr.department.code == REPLYING[0]:
            replier = Staff.objects.get(username=REPLYING[1])
            take(
                dr.case,
                "reply",
                replier,
                on=REPLIED_ON,
                data={"rectified": REPLY},
            )
    result.created = collected + len(files)
    result.extra["problems"] = sum(plan)
    result.extra["departments"] = len(depts)


def load_campaigns(builder: Any, result: Any) -> None:
    organiser = OrgUnit.objects.get(code=campaigns.MARKET_REGULATOR)
    for r in _rows("campaigns_2019.csv"):
        started = _d(r["started_on"])
        have = Campaign.objects.filter(organiser=organiser, topic=r["topic"], started_on=started)
        if have.exists():
            result.existing += 1
            continue
        campaigns.start_campaign(
            organiser=organiser,
            topic=r["topic"],
            field="药品",
            started_on=started,
            ended_on=_d(r["ended_on"]),
            description=r["description"],
        )
        result.created += 1


STAGES: tuple[tuple[str, Callable[[Any, Any], None]], ...] = (
    ("行政执法案卷评查（2019 年，归集结案案卷、抽取、评分、通报整改）", load_review),
    ("市场监管药品领域专项整治（2019 年）", load_campaigns),
)
