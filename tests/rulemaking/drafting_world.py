"""Fixtures of the drafting tests (imported by the test modules: the app's conftest is shared
with other work): the city on its issuing-body list, a 2019 plan with a rule drafted by the
market regulator, the government's office clerk and head, the justice bureau's legal reviewer,
and helpers that walk a draft through its steps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from fazhi.core.accounts.models import PublicAccount
from fazhi.core.casework.workflow import register_case, take
from fazhi.core.org.choices import Role
from fazhi.domains.rulemaking import consultation as consult
from fazhi.domains.rulemaking import issuers
from fazhi.domains.rulemaking.choices import TextKind
from fazhi.domains.rulemaking.models import Draft, PlanEntry
from tests.conftest import Org, People, make_staff

TEXT = """# 鄂州市农贸市场管理办法

## 第一章 总则

第一条 为了规范农贸市场管理，制定本办法。

第二条 本办法适用于本市中心城区的农贸市场。

## 第二章 经营管理

第三条 市场开办者应当建立食用农产品进货查验制度。

第四条 市场开办者应当公示投诉电话。

## 第三章 附则

第五条 本办法自公布之日起三十日后施行。
"""
# The revision: a new article before the old 第三条, and the old 第四条 reworded.
REVISED = """# 鄂州市农贸市场管理办法

## 第一章 总则

第一条 为了规范农贸市场管理，制定本办法。

第二条 本办法适用于本市中心城区的农贸市场。

## 第二章 经营管理

第三条 市场开办者应当配备专职食品安全管理人员。

第四条 市场开办者应当建立食用农产品进货查验制度。

第五条 市场开办者应当公示投诉电话和举报电话。

## 第三章 附则

第六条 本办法自公布之日起三十日后施行。
"""

OPENED = date(2019, 3, 1)
DRAFTED = date(2019, 3, 11)
CONSULT, CLOSE = date(2019, 3, 12), date(2019, 4, 12)
REVISED_ON, FEEDBACK = date(2019, 4, 15), date(2019, 4, 16)
SUBMIT, OPINION = date(2019, 4, 17), date(2019, 4, 26)  # 7 working days later
MEETING, SIGNED, PUBLISHED = date(2019, 5, 7), date(2019, 5, 8), date(2019, 5, 10)
EFFECTIVE = date(2019, 6, 10)


@dataclass
class World:
    org: Org
    people: People
    gov_clerk: Any
    gov_head: Any
    reviewer: Any
    entry: Any
    citizen: Any


@pytest.fixture(name="dworld")
def dworld_fixture(org: Org, people: People) -> World:
    org.city.may_issue_documents = True
    org.city.save()
    issuers.seed_from_flags(org.city, on=date(2019, 1, 2))
    issuers.publish_list(org.city, on=date(2019, 1, 2))
    plan = issuers.make_plan(
        org.city,
        2019,
        [
            {
                "title": "鄂州市农贸市场管理办法",
                "kind": TextKind.GOVERNMENT_RULE,
                "drafting_unit": org.scjg,
                "due": "2019年",
            }
        ],
        approved_on=date(2019, 1, 20),
    )
    citizen = PublicAccount.objects.create(
        phone="13900000001", display_name="王小明", kind="citizen"
    )
    return World(
        org,
        people,
        make_staff("gov_clerk", (Role.CLERK, org.city)),
        make_staff("gov_head", (Role.DEPARTMENT_HEAD, org.city)),
        make_staff("lena", (Role.LEGAL_REVIEWER, org.sfj)),
        PlanEntry.objects.get(plan=plan),
        citizen,
    )


def draft_of(case: Any) -> Draft:
    """The draft as it stands now (``case.draft`` would keep the row first read)."""
    return Draft.objects.get(case=case)


def new_draft(w: World, on: date = OPENED, **extra: Any) -> Any:
    data = {
        "kind": TextKind.GOVERNMENT_RULE,
        "title": "鄂州市农贸市场管理办法",
        "issuer": w.org.city.pk,
        "plan_entry": w.entry.pk,
        **extra,
    }
    return register_case("rule_drafting", w.people.alice, data, on=on)


def drafted(w: World, **extra: Any) -> Any:
    case = new_draft(w, **extra)
    take(case, "start_drafting", w.people.alice, on=DRAFTED, data={"draft_text": TEXT})
    return case


def consulting(w: World, *, anonymous: bool = False, **extra: Any) -> Any:
    case = drafted(w, **extra)
    take(
        case,
        "open_consultation",
        w.people.alice,
        on=CONSULT,
        data={"closes_on": CLOSE, "anonymous_allowed": anonymous},
    )
    return case


def comment(w: World, case: Any, article: int, body: str, *, account: Any = "citizen") -> Any:
    d = draft_of(case)
    c = d.consultations.get()
    key = ""
    if article:
        key = d.anchors.get(placements__provision=list(c.version.articles())[article - 1]).key
    who = w.citizen if account == "citizen" else account
    return consult.submit_comment(
        c.publication, body=body, on=date(2019, 3, 20), anchor_key=key, account=who
    )


def moderate(w: World, case: Any, cm: Any, decision: str = "published", reason: str = "") -> None:
    take(
        case,
        "moderate_comment",
        w.people.alice,
        on=date(2019, 3, 21),
        data={"comment": cm.pk, "decision": decision, "reason": reason},
    )


def consulted(w: World, **extra: Any) -> Any:
    """A draft whose consultation closed with one comment (on 第四条), revised and answered,
    its feedback published."""
    case = consulting(w, **extra)
    cm = comment(w, case, 4, "建议同时公示市场监督管理部门的举报电话。")
    moderate(w, case, cm)
    take(case, "close_consultation", w.people.alice, on=CLOSE)
    take(
        case,
        "revise_draft",
        w.people.alice,
        on=REVISED_ON,
        data={"draft_text": REVISED, "reason": "根据征求意见修改"},
    )
    take(
        case,
        "answer_comment",
        w.people.alice,
        on=FEEDBACK,
        data={"comment": cm.pk, "adoption": "adopted", "response": "已采纳。"},
    )
    take(case, "publish_feedback", w.people.alice, on=FEEDBACK, data={"summary": "逐条研究。"})
    return case


def reviewed(w: World, **extra: Any) -> Any:
    case = consulted(w, **extra)
    take(case, "submit_review", w.people.henry, on=SUBMIT)
    take(
        case,
        "legality_opinion",
        w.reviewer,
        on=OPINION,
        data={"conclusion": "passed", "opinion": "合法。"},
    )
    return case


def published(w: World, effective: date = EFFECTIVE, **data: Any) -> Any:
    case = reviewed(w)
    take(case, "deliberate", w.gov_head, on=MEETING, data={"meeting": "市人民政府第20次常务会议"})
    take(case, "sign", w.gov_head, on=SIGNED)
    take(
        case,
        "publish",
        w.gov_clerk,
        on=PUBLISHED,
        data={"effective_from": effective, "gazette": "鄂州市人民政府公报2019年第5期", **data},
    )
    return case
