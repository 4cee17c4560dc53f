"""The city's 2019 decision catalog and its major decisions (stage 420).

鄂州市人民政府's 2019 catalog is approved by the city party committee and published in March,
adjusted in August (one item cancelled, one added, each with its reason). Two decisions then
walk every statutory procedure of 重大行政决策程序暂行条例 (in force from 2019-09-01) through the
same workflow steps staff use, each by a persona in its role on its 2019 business date: public
comment for at least 30 days, a hearing with its list published and its materials delivered 7
days before, expert review, risk assessment (the second decision's first report finds the risk
uncontrollable, the draft is adjusted and assessed again), the legality review by the justice
bureau with a legal adviser (at least 7 working days), the executive meeting (members speak,
the mayor last; a member's dissent recorded), the report to the party committee, publication,
archiving and an implementation report.

Idempotence: the catalog is keyed by (government, year), its items by number, a decision by its
title; a second run creates nothing. The legality reviews enter the opinions register (row 33).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fazhi.core.casework.models import Case
from fazhi.core.casework.workflow import register_case, take
from fazhi.core.org.models import LegalAdviser
from fazhi.shell.scenario.planning import Digest

from .. import catalog as catalogs
from ..choices import AdjustmentAction, DecisionCategory
from ..models import CatalogItem, DecisionCatalog, Meeting
from .common import staff, unit

CITY = "420700000000"
SFJ = "420700-SFJ"


@dataclass(frozen=True)
class ItemSpec:
    title: str
    category: str
    unit: str
    planned: str
    hearing: bool = False
    fair_competition: bool = False


ITEMS = (
    ItemSpec(
        "鄂州市中心城区老旧小区改造实施方案",
        DecisionCategory.PUBLIC_POLICY,
        "420700-ZJJ",
        "2019年第四季度",
        hearing=True,
    ),
    ItemSpec(
        "鄂州市城区居民生活用水阶梯价格调整方案",
        DecisionCategory.PUBLIC_POLICY,
        "420700-FGW",
        "2019年第四季度",
        hearing=True,
        fair_competition=True,
    ),
    ItemSpec("鄂州市城市地下综合管廊专项规划", DecisionCategory.PLAN, "420700-ZJJ", "2019年"),
    ItemSpec("鄂州市“十四五”规划基本思路", DecisionCategory.PLAN, "420700-FGW", "2020年"),
)
ADDED = ItemSpec(
    "鄂州市城区停车设施建设三年行动计划", DecisionCategory.PROJECT, "420700-ZJJ", "2020年第一季度"
)
APPROVED_ON, APPROVAL = date(2019, 2, 27), "中共鄂州市委常委会会议（2019年2月27日）同意"
PUBLISHED_ON, ADJUSTED_ON = date(2019, 3, 5), date(2019, 8, 15)
CANCEL_REASON = "该规划已纳入省级专项规划统一编制，本级不再作为重大行政决策事项"
ADD_REASON = "城区停车难问题突出，经市政府研究增列为年度重大行政决策事项"


@dataclass(frozen=True)
class DecisionSpec:
    item: int  # the catalog number
    clerk: str
    head: str
    opened: date
    draft: str
    consult: tuple[date, date]  # opened, closes (and closed)
    comments: int
    adoption: str
    hearing: date
    experts: date
    risks: tuple[tuple[date, str], ...]
    adjusted: date | None
    submitted: date
    reviewed: date
    placed: date
    meeting: tuple[str, date]
    opinions: str
    reported: date
    published: date
    archived: date
    implementation: date


DECISIONS = (
    DecisionSpec(
        1,
        "zjj_clerk",
        "zjj_head",
        date(2019, 9, 2),
        "一、改造范围：中心城区2000年以前建成的老旧小区43个。二、改造内容：基础类、完善类、提升类。"
        "三、资金：市区财政、居民出资和社会资本共担。",
        (date(2019, 9, 3), date(2019, 10, 8)),
        46,
        "收到意见46条，采纳21条（增加加装电梯、适老化改造内容），部分采纳9条，未采纳16条并说明理由。",
        date(2019, 10, 15),
        date(2019, 10, 16),
        ((date(2019, 10, 18), "controllable"),),
        None,
        date(2019, 10, 21),
        date(2019, 10, 30),
        date(2019, 11, 4),
        ("第47次", date(2019, 11, 12)),
        "常务副市长|同意|\n副市长（分管城建）|同意|建议分年度实施\n副市长（分管财政）|同意|\n"
        "市政府秘书长|同意|\n市财政局局长|不同意|资金缺口较大，建议缩小首批范围",
        date(2019, 11, 14),
        date(2019, 11, 20),
        date(2019, 11, 29),
        date(2019, 12, 20),
    ),
    DecisionSpec(
        2,
        "fgw_clerk",
        "fgw_head",
        date(2019, 9, 9),
        "一、第一阶梯年用水量180立方米以内，水价不变；二、第二阶梯181至240立方米，加价50%；"
        "三、第三阶梯240立方米以上，加价100%；四、低保户每户每月减免5立方米。",
        (date(2019, 9, 10), date(2019, 10, 14)),
        128,
        "收到意见128条，采纳35条（提高第一阶梯水量、扩大减免对象），部分采纳20条，未采纳73条并说明理由。",
        date(2019, 10, 17),
        date(2019, 10, 18),
        ((date(2019, 10, 21), "uncontrollable"), (date(2019, 10, 24), "controllable")),
        date(2019, 10, 23),
        date(2019, 10, 28),
        date(2019, 11, 6),
        date(2019, 11, 15),
        ("第48次", date(2019, 11, 26)),
        "常务副市长|同意|\n副市长（分管发改）|同意|\n副市长（分管民政）|同意|加强困难群众保障\n"
        "市政府秘书长|弃权|",
        date(2019, 11, 28),
        date(2019, 12, 5),
        date(2019, 12, 16),
        date(2019, 12, 30),
    ),
)
HEARING_PLACE = "鄂州市政务服务中心听证室"
EXPERTS = (
    "陈教授|武汉大学法学院|无|\n刘高工|湖北省城乡规划设计研究院|无|\n"
    "张会计师|湖北鄂州会计师事务所|无|"
)
RISK_ASSESSOR = "鄂州市社会稳定风险评估中心"


def _catalog(government: Any, clerk: Any, digest: Digest) -> DecisionCatalog:
    catalog, created = DecisionCatalog.objects.get_or_create(government=government, year=2019)
    if not created:
        return catalog
    for number, spec in enumerate(ITEMS, 1):
        CatalogItem.objects.create(
            catalog=catalog,
            number=number,
            title=spec.title,
            category=spec.category,
            undertaking_unit=unit(spec.unit),
            planned=spec.planned,
            hearing=spec.hearing,
            fair_competition=spec.fair_competition,
            added_on=date(2019, 2, 20),
        )
    catalogs.approve(catalog, on=APPROVED_ON, approval_ref=APPROVAL)
    catalogs.publish_catalog(catalog, on=PUBLISHED_ON, actor=clerk)
    cancelled = catalog.items.get(number=3)
    catalogs.adjust(
        catalog,
        AdjustmentAction.CANCEL,
        on=ADJUSTED_ON,
        reason=CANCEL_REASON,
        item=cancelled,
        actor=clerk,
    )
    catalogs.adjust(
        catalog,
        AdjustmentAction.ADD,
        on=ADJUSTED_ON,
        reason=ADD_REASON,
        actor=clerk,
        changes={
            "title": ADDED.title,
            "category": ADDED.category,
            "undertaking_unit": unit(ADDED.unit),
            "planned": ADDED.planned,
        },
    )
    digest.add("catalog", catalog.pk, catalog.items.count())
    return catalog


def _meeting(government: Any, session: str, held_on: date) -> Meeting:
    meeting, _ = Meeting.objects.get_or_create(
        government=government,
        kind="executive",
        session=session,
        defaults={"held_on": held_on, "chair": "市长"},
    )
    return meeting


def _walk(spec: DecisionSpec, item: CatalogItem, people: dict[str, Any], adviser: Any) -> Case:
    clerk, head = people[spec.clerk], people[spec.head]
    gov_clerk, gov_head, reviewer = people["gov_clerk"], people["gov_head"], people["sfj_reviewer"]
    case = register_case(
        "major_decision",
        clerk,
        {"item": item.pk, "title": item.title, "draft": spec.draft},
        on=spec.opened,
    )
    opened, closes = spec.consult
    take(
        case,
        "open_consultation",
        clerk,
        on=opened,
        data={"closes_on": closes, "channels": "鄂州市人民政府网站、鄂州日报"},
    )
    take(
        case,
        "close_consultation",
        clerk,
        on=closes,
        data={"comments": spec.comments, "adoption": spec.adoption},
    )
    take(
        case,
        "hold_hearing",
        clerk,
        on=spec.hearing,
        data={
            "place": HEARING_PLACE,
            "draft_published_on": opened,
            "selection_published_on": date.fromordinal(opened.toordinal() + 7),
            "participants_published_on": date.fromordinal(spec.hearing.toordinal() - 10),
            "materials_delivered_on": date.fromordinal(spec.hearing.toordinal() - 7),
            "participants": "消费者（居民）代表9名、经营者代表3名、人大代表政协委员4名、专家2名",
            "record_signed": True,
        },
    )
    take(
        case,
        "expert_review",
        clerk,
        on=spec.experts,
        data={
            "method": "论证会",
            "experts": EXPERTS,
            "opinion": "方案必要、可行，建议细化分步实施安排",
            "adoption": "已采纳，细化了分年度实施计划",
        },
    )
    for i, (on, conclusion) in enumerate(spec.risks):
        if i and spec.adjusted is not None:
            take(
                case,
                "adjust_draft",
                clerk,
                on=spec.adjusted,
                data={
                    "draft": spec.draft + "五、分两年逐步实施，并设置过渡期。",
                    "reason": "风险评估认为一次性调整风险不可控，调整为分步实施",
                },
            )
        take(
            case,
            "risk_assessment",
            clerk,
            on=on,
            data={
                "assessor": RISK_ASSESSOR,
                "risk_points": "群众承受能力、舆情",
                "measures": "分步实施、困难群体保障、舆情监测与处置预案",
                "conclusion": conclusion,
            },
        )
    take(
        case,
        "submit_review",
        head,
        on=spec.submitted,
        data={
            "procedures_note": "已履行公众参与（含听证）、专家论证、风险评估程序",
            "fair_competition_note": "经公平竞争审查，未含排除、限制竞争内容"
            if item.fair_competition
            else "",
        },
    )
    take(
        case,
        "legality_opinion",
        reviewer,
        on=spec.reviewed,
        data={
            "conclusion": "lawful",
            "advisers": [adviser.pk],
            "opinion": "决策事项符合法定权限，决策草案的形成履行了法定程序，"
            "内容符合法律、法规、规章和国家政策的规定。",
        },
    )
    session, held_on = spec.meeting
    meeting = _meeting(item.catalog.government, session, held_on)
    take(case, "place_on_agenda", gov_clerk, on=spec.placed, data={"meeting": meeting.pk})
    take(
        case,
        "decide",
        gov_head,
        on=held_on,
        data={
            "outcome": "adopted",
            "opinions": spec.opinions,
            "head_opinion": "同意，按会议意见修改完善后印发实施",
        },
    )
    take(
        case,
        "report_to_party",
        gov_clerk,
        on=spec.reported,
        data={"note": "已向中共鄂州市委请示报告"},
    )
    take(case, "publish", gov_clerk, on=spec.published)
    take(case, "archive", gov_clerk, on=spec.archived)
    take(
        case,
        "report_implementation",
        clerk,
        on=spec.implementation,
        data={
            "summary": "已制定实施细则并启动首批实施",
            "problems": "",
        },
    )
    return case


def load_decisions(builder: Any, result: Any) -> None:
    digest = Digest()
    people = {
        name: staff(name, digest)
        for name in (
            "gov_clerk",
            "gov_head",
            "sfj_reviewer",
            "zjj_clerk",
            "zjj_head",
            "fgw_clerk",
            "fgw_head",
        )
    }
    government = unit(CITY)
    catalog = _catalog(government, people["gov_clerk"], digest)
    # The lawyer the justice bureau retains gives the legal opinion in each review (第二十八条).
    adviser = (
        LegalAdviser.objects.filter(assignments__org_unit__code=SFJ, kind="lawyer")
        .order_by("license_no")
        .first()
        or LegalAdviser.objects.filter(kind="lawyer").order_by("license_no").first()
    )
    if adviser is None:
        raise RuntimeError("法律顾问尚未载入：须先运行“法律顾问与派驻”阶段")
    have = set(Case.objects.filter(kind="major_decision").values_list("title", flat=True))
    created = 0
    for spec in DECISIONS:
        item = catalog.items.get(number=spec.item)
        if item.title in have:
            result.existing += 1
            continue
        case = _walk(spec, item, people, adviser)
        created += 1
        digest.add("decision", case.number, case.title, case.state)
    result.created = created
    result.extra["decisions"] = created
    builder.audit("decisions.MajorDecision", created, digest, decisions=created)
