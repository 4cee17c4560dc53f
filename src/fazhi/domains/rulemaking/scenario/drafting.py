"""The drafting stages of the Ezhou 2019 scenario (orders 410–412, after the law library).

410: 鄂州市人民政府's issuing-body list, seeded from the org units' flag and published
(2019-01-02), the earlier text of 《鄂州市古树名木保护管理办法》 (2016, recorded as history before
the platform, as the library's statutes are), and the 2019 plan approved and published.
411: the rules — 《鄂州市物业管理实施办法》, 《鄂州市城镇二次供水管理办法》 and 《鄂州市再生资源回收
管理暂行办法》 made, 《鄂州市古树名木保护管理办法》 amended, 《鄂州市绿化管理办法》 researched and
《鄂州市控制和查处违法建设办法》 deferred — each walked through the workflow steps staff use, by a
persona in its role on its 2019 business date: research, the draft, at least 30 days of public
consultation with a few comments of the public (moderated, one refused with its reason), the
revision after it (the comments follow their articles), the answers and the published feedback,
the fair-competition review and the integrity assessment where they apply, the legality review by
the justice bureau, the executive meeting, signing, publication and the effective date.
412: the two normative documents 鄂州市人民政府 issued in 2019, the same way.

Idempotence: the list by its entries, the plan by (government, year), a draft by its title; a
second run creates nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fazhi import registry
from fazhi.core.accounts.models import PublicAccount
from fazhi.core.casework.models import Case
from fazhi.core.casework.workflow import register_case, take, take_system
from fazhi.core.org.models import OrgUnit, Staff
from fazhi.shell.scenario.accounts import persona_account
from fazhi.shell.scenario.planning import Digest

from .. import consultation as consult
from .. import issuers
from ..choices import TextKind, TextState
from ..drafting import KIND
from ..drafting_choices import CommentStatus, PlanCategory
from ..library import store_provisions
from ..models import Draft, IssuingBody, LegalText, PlanEntry, RulemakingPlan, TextVersion
from ..parsing import parse
from . import drafting_texts as texts

CITY = "420700000000"
PERSONAS = (
    ("gov_clerk", "clerk", CITY, "市人民政府办公室经办人（决策事项目录、会议议题、公布归档）"),
    ("gov_head", "department_head", CITY, "市人民政府行政首长（常务会议集体讨论决定）"),
    ("sfj_reviewer", "legal_reviewer", "420700-SFJ", "市司法局合法性审查人员"),
    ("zjj_clerk", "clerk", "420700-ZJJ", "市住建局经办人（决策承办单位）"),
    ("zjj_head", "department_head", "420700-ZJJ", "市住建局负责人（决策承办单位）"),
    ("fgw_clerk", "clerk", "420700-FGW", "市发改委经办人（决策承办单位）"),
    ("fgw_head", "department_head", "420700-FGW", "市发改委负责人（决策承办单位）"),
    ("swj_clerk", "clerk", "420700-SWJ", "市商务局经办人（规章起草）"),
    ("swj_head", "department_head", "420700-SWJ", "市商务局负责人（规章起草）"),
    ("lyj_clerk", "clerk", "420700-LYJ", "市林业局经办人（规章起草）"),
    ("lyj_head", "department_head", "420700-LYJ", "市林业局负责人（规章起草）"),
    ("cgw_clerk", "clerk", "420700-CGW", "市城管执法委经办人（规章、规范性文件起草）"),
    ("cgw_head", "department_head", "420700-CGW", "市城管执法委负责人（规章、规范性文件起草）"),
)
LIST_ON = date(2019, 1, 2)
PLAN_APPROVED, PLAN_PUBLISHED = date(2019, 1, 18), date(2019, 1, 25)
# Residents commenting on the portal (fictitious accounts of the scenario).
COMMENTERS = (
    ("17100001001", "张建国"),
    ("17100001002", "李秀英"),
    ("17100001003", "刘洋"),
    ("17100001004", "陈静"),
)


def register_personas() -> None:
    for username, role, unit, description in PERSONAS:
        registry.persona(username, role, unit, description, app="rulemaking")


def staff(username: str, digest: Digest) -> Staff:
    """The persona's account (created here if the accounts stage has not run) in its role."""
    _, role, code, _description = next(p for p in PERSONAS if p[0] == username)
    return persona_account(username, role, code, digest)


def _people(digest: Digest) -> dict[str, Staff]:
    return {p[0]: staff(p[0], digest) for p in PERSONAS}


def _accounts() -> list[PublicAccount]:
    out = []
    for phone, name in COMMENTERS:
        account, _ = PublicAccount.objects.get_or_create(
            phone=phone, defaults={"display_name": name, "kind": "citizen"}
        )
        out.append(account)
    return out


# -- 410: the list, the earlier text, the plan -----------------------------------------------


@dataclass(frozen=True)
class EntrySpec:
    title: str
    kind: str
    unit: str
    category: str = PlanCategory.FORMAL
    due: str = "2019年"
    amends: bool = False


ENTRIES = (
    EntrySpec(texts.PROPERTY.title, TextKind.GOVERNMENT_RULE, "420700-ZJJ", due="2019年上半年"),
    EntrySpec(texts.WATER.title, TextKind.GOVERNMENT_RULE, "420700-ZJJ", due="2019年第三季度"),
    EntrySpec(texts.RECYCLING.title, TextKind.GOVERNMENT_RULE, "420700-SWJ", due="2019年"),
    EntrySpec(
        texts.TREES_2019.title, TextKind.GOVERNMENT_RULE, "420700-LYJ", due="2019年", amends=True
    ),
    EntrySpec(texts.GREENING.title, TextKind.GOVERNMENT_RULE, "420700-CGW", PlanCategory.RESEARCH),
    EntrySpec(texts.CONSTRUCTION.title, TextKind.GOVERNMENT_RULE, "420700-CGW", due="2019年"),
    EntrySpec(texts.INVESTMENT.title, TextKind.NORMATIVE_DOCUMENT, "420700-FGW"),
    EntrySpec(texts.ROADS.title, TextKind.NORMATIVE_DOCUMENT, "420700-CGW"),
)


def _earlier_trees(city: OrgUnit) -> LegalText:
    """The 2016 text of 《鄂州市古树名木保护管理办法》, made before the platform: recorded as it
    was promulgated (as the library records statutes), so that 2019 amends it."""
    text = LegalText.objects.filter(title=texts.TREES_2016.title, issuing_unit=city).first()
    if text is not None:
        return text
    text = LegalText.objects.create(
        kind=TextKind.GOVERNMENT_RULE,
        title=texts.TREES_2016.title,
        short_title=texts.TREES_2016.title,
        issuing_body=city.name,
        issuing_unit=city,
        state=TextState.IN_FORCE,
        public=True,
    )
    version = TextVersion.objects.create(
        text=text,
        label="2016年公布",
        doc_number="鄂州市人民政府令第3号",
        state=TextState.IN_FORCE,
        promulgated_on=date(2016, 5, 20),
        effective_from=date(2016, 7, 1),
        source="鄂州市人民政府公报2016年第5期（平台启用前公布，按原文登记）",
    )
    store_provisions(version, parse(texts.TREES_2016.markdown()).nodes)
    return text


def load_list_and_plan(builder: Any, result: Any) -> None:
    digest = Digest()
    people = _people(digest)
    city = OrgUnit.objects.get(code=CITY)
    clerk = people["gov_clerk"]
    if IssuingBody.objects.filter(department=city).exists():
        result.existing += IssuingBody.objects.count()
    else:
        made = issuers.seed_from_flags(
            city, on=LIST_ON, actor=clerk, reason="依据机构职能和“三定”规定梳理制定主体"
        )
        issuers.publish_list(city, on=LIST_ON, actor=clerk)
        result.created += len(made)
        digest.add("list", len(made))
    trees = _earlier_trees(city)
    if RulemakingPlan.objects.filter(government=city, year=2019).exists():
        result.existing += 1
    else:
        plan = issuers.make_plan(
            city,
            2019,
            [
                {
                    "title": e.title,
                    "kind": e.kind,
                    "category": e.category,
                    "drafting_unit": OrgUnit.objects.get(code=e.unit),
                    "due": e.due,
                    "amends": trees if e.amends else None,
                }
                for e in ENTRIES
            ],
            approved_on=PLAN_APPROVED,
        )
        issuers.publish_plan(plan, on=PLAN_PUBLISHED, actor=clerk)
        result.created += plan.entries.count()
        digest.add("plan", plan.pk, plan.entries.count())
    result.extra["issuing_bodies"] = IssuingBody.objects.count()
    builder.audit("rulemaking.IssuingBody", result.created, digest, issuing_bodies=result.created)


# -- 411, 412: the drafts walked ---------------------------------------------------------------


@dataclass(frozen=True)
class Walk:
    """One draft's 2019 dates (``None``: the draft stops before that step)."""

    text: texts.Text
    revised: texts.Text | None
    clerk: str
    head: str
    opened: date
    researched: date
    drafted: date | None = None
    consult: tuple[date, date] | None = None
    revised_on: date | None = None
    feedback: date | None = None
    submitted: date | None = None
    reviewed: date | None = None
    meeting: tuple[str, date] | None = None
    signed: date | None = None
    published: tuple[date, date, str] | None = None  # published, effective, 文号
    deferred: tuple[date, str] | None = None
    market_related: bool = False
    integrity: bool = False
    comments: tuple[tuple[int, int, str], ...] = field(default=())  # (commenter, article, text)


RULES = (
    Walk(
        texts.PROPERTY,
        texts.PROPERTY_REVISED,
        "zjj_clerk",
        "zjj_head",
        opened=date(2019, 1, 28),
        researched=date(2019, 2, 15),
        drafted=date(2019, 2, 22),
        consult=(date(2019, 2, 25), date(2019, 3, 27)),
        revised_on=date(2019, 3, 29),
        feedback=date(2019, 4, 2),
        submitted=date(2019, 4, 3),
        reviewed=date(2019, 4, 15),
        meeting=("市人民政府第31次常务会议", date(2019, 4, 25)),
        signed=date(2019, 4, 28),
        published=(date(2019, 5, 6), date(2019, 6, 6), "鄂州市人民政府令第11号"),
        integrity=True,
        comments=(
            (0, 5, "建议明确业主委员会备案后主管部门的指导职责。"),
            (1, 8, "物业企业限制业主使用电梯的，建议规定处罚措施。"),
            (2, 0, "建议增加物业服务质量评价的内容。"),
            (3, 6, "加微信领取免费礼品，详询客服。"),
        ),
    ),
    Walk(
        texts.WATER,
        texts.WATER_REVISED,
        "zjj_clerk",
        "zjj_head",
        opened=date(2019, 3, 4),
        researched=date(2019, 3, 29),
        drafted=date(2019, 4, 8),
        consult=(date(2019, 4, 10), date(2019, 5, 13)),
        revised_on=date(2019, 5, 16),
        feedback=date(2019, 5, 20),
        submitted=date(2019, 5, 21),
        reviewed=date(2019, 6, 4),
        meeting=("市人民政府第35次常务会议", date(2019, 6, 20)),
        signed=date(2019, 6, 24),
        published=(date(2019, 7, 1), date(2019, 8, 1), "鄂州市人民政府令第12号"),
        comments=(
            (1, 5, "储水设施清洗频次建议提高到每季度一次。"),
            (3, 4, "老旧小区二次供水设施改造资金由谁承担，建议明确。"),
        ),
    ),
    Walk(
        texts.RECYCLING,
        texts.RECYCLING_REVISED,
        "swj_clerk",
        "swj_head",
        opened=date(2019, 4, 1),
        researched=date(2019, 4, 26),
        drafted=date(2019, 5, 6),
        consult=(date(2019, 5, 8), date(2019, 6, 10)),
        revised_on=date(2019, 6, 12),
        feedback=date(2019, 6, 14),
        submitted=date(2019, 6, 17),
        reviewed=date(2019, 6, 28),
        meeting=("市人民政府第38次常务会议", date(2019, 8, 13)),
        signed=date(2019, 8, 16),
        published=(date(2019, 8, 26), date(2019, 10, 1), "鄂州市人民政府令第13号"),
        market_related=True,
        comments=(
            (0, 4, "备案要求是否会增加小微回收经营者负担，建议简化。"),
            (2, 5, "建议台账保存期限不少于两年。"),
        ),
    ),
    Walk(
        texts.TREES_2019,
        texts.TREES_REVISED,
        "lyj_clerk",
        "lyj_head",
        opened=date(2019, 5, 6),
        researched=date(2019, 5, 31),
        drafted=date(2019, 6, 10),
        consult=(date(2019, 6, 12), date(2019, 7, 15)),
        revised_on=date(2019, 7, 17),
        feedback=date(2019, 7, 19),
        submitted=date(2019, 7, 22),
        reviewed=date(2019, 8, 2),
        meeting=("市人民政府第41次常务会议", date(2019, 9, 10)),
        signed=date(2019, 9, 12),
        published=(date(2019, 9, 20), date(2019, 11, 1), "鄂州市人民政府令第14号"),
        comments=((1, 5, "建议保护标志统一样式并标注二维码。"),),
    ),
    Walk(
        texts.GREENING,
        None,
        "cgw_clerk",
        "cgw_head",
        opened=date(2019, 3, 11),
        researched=date(2019, 11, 22),
    ),
    Walk(
        texts.CONSTRUCTION,
        None,
        "cgw_clerk",
        "cgw_head",
        opened=date(2019, 2, 18),
        researched=date(2019, 4, 19),
        drafted=date(2019, 5, 10),
        deferred=(
            date(2019, 8, 20),
            "上位法《湖北省违法建设治理条例》正在制定，为与上位法衔接，经市人民政府研究暂缓出台",
        ),
    ),
)
DOCUMENTS = (
    Walk(
        texts.INVESTMENT,
        texts.INVESTMENT_REVISED,
        "fgw_clerk",
        "fgw_head",
        opened=date(2019, 5, 6),
        researched=date(2019, 5, 24),
        drafted=date(2019, 6, 3),
        consult=(date(2019, 6, 5), date(2019, 7, 8)),
        revised_on=date(2019, 7, 10),
        feedback=date(2019, 7, 12),
        submitted=date(2019, 7, 15),
        reviewed=date(2019, 7, 26),
        meeting=("市人民政府第40次常务会议", date(2019, 8, 27)),
        signed=date(2019, 8, 29),
        published=(date(2019, 9, 3), date(2019, 9, 3), "鄂州政规〔2019〕1号"),
        market_related=True,
        comments=(
            (2, 5, "建议明确不得由施工单位垫资建设的法律责任。"),
            (0, 4, "建议审批事项通过在线平台办理。"),
        ),
    ),
    Walk(
        texts.ROADS,
        texts.ROADS_REVISED,
        "cgw_clerk",
        "cgw_head",
        opened=date(2019, 6, 3),
        researched=date(2019, 6, 21),
        drafted=date(2019, 7, 1),
        consult=(date(2019, 7, 3), date(2019, 8, 5)),
        revised_on=date(2019, 8, 7),
        feedback=date(2019, 8, 9),
        submitted=date(2019, 8, 12),
        reviewed=date(2019, 8, 23),
        meeting=("市人民政府第42次常务会议", date(2019, 9, 24)),
        signed=date(2019, 9, 26),
        published=(date(2019, 10, 8), date(2019, 11, 8), "鄂州政规〔2019〕2号"),
        comments=(
            (3, 4, "挖掘道路竣工后清理现场应当规定具体时限。"),
            (1, 0, "建议公开审批进度。"),
        ),
    ),
)
SPAM_REASON = "含与草案无关的广告信息，依规不予公开"
ADOPTIONS = ("adopted", "partly", "not_adopted")


def _entry(title: str) -> PlanEntry:
    return PlanEntry.objects.get(plan__government__code=CITY, plan__year=2019, title=title)


def _walk(w: Walk, kind: str, people: dict[str, Staff], accounts: list[PublicAccount]) -> Case:
    clerk, head = people[w.clerk], people[w.head]
    gov_clerk, gov_head, reviewer = people["gov_clerk"], people["gov_head"], people["sfj_reviewer"]
    entry = _entry(w.text.title)
    case = register_case(
        KIND,
        clerk,
        {
            "kind": kind,
            "title": w.text.title,
            "issuer": OrgUnit.objects.get(code=CITY).pk,
            "plan_entry": entry.pk,
            "market_related": w.market_related,
            "integrity_required": w.integrity,
        },
        on=w.opened,
    )
    take(
        case,
        "complete_research",
        clerk,
        on=w.researched,
        data={"summary": "赴有关区、街道和企业开展调研，召开座谈会听取意见，形成调研报告。"},
    )
    if w.drafted is None:
        return case
    take(
        case,
        "start_drafting",
        clerk,
        on=w.drafted,
        data={
            "draft_text": w.text.markdown(),
            "explanation": f"为解决本市{w.text.title.removeprefix('鄂州市')}中的突出问题，"
            "在调研基础上起草了本草案。",
        },
    )
    if w.deferred is not None:
        on, reason = w.deferred
        take(case, "defer", gov_head, on=on, data={"reason": reason})
        return case
    assert w.consult and w.revised and w.published and w.meeting  # a walk to publication
    opened, closes = w.consult
    take(
        case,
        "open_consultation",
        clerk,
        on=opened,
        data={"closes_on": closes, "anonymous_allowed": False},
    )
    # Read afresh: ``case.draft`` keeps the row as it was when the case was registered.
    d = Draft.objects.get(case=case)
    c = d.consultations.get()
    assert c.publication is not None
    articles = list(d.current.articles()) if d.current else []
    made = []
    for i, (who, article, body) in enumerate(w.comments):
        key = ""
        if article:
            key = d.anchors.get(placements__provision=articles[article - 1]).key
        on = date.fromordinal(opened.toordinal() + 3 + 2 * i)
        made.append(
            consult.submit_comment(
                c.publication, body=body, on=on, anchor_key=key, account=accounts[who]
            )
        )
    for comment in made:
        spam = "微信" in comment.body
        take(
            case,
            "moderate_comment",
            clerk,
            on=date.fromordinal(comment.submitted_on.toordinal() + 1),
            data={
                "comment": comment.pk,
                "decision": CommentStatus.REJECTED if spam else CommentStatus.PUBLISHED,
                "reason": SPAM_REASON if spam else "",
            },
        )
    take(case, "close_consultation", clerk, on=closes)
    take(
        case,
        "revise_draft",
        clerk,
        on=w.revised_on,
        data={"draft_text": w.revised.markdown(), "reason": "根据公开征求意见情况修改"},
    )
    for i, comment in enumerate(c.comments.filter(status=CommentStatus.PUBLISHED).order_by("pk")):
        adoption = ADOPTIONS[i % len(ADOPTIONS)]
        take(
            case,
            "answer_comment",
            clerk,
            on=w.feedback,
            data={
                "comment": comment.pk,
                "adoption": adoption,
                "response": {
                    "adopted": "已采纳，相应条文已修改。",
                    "partly": "部分采纳，在相关条文中作了原则规定。",
                    "not_adopted": "未采纳，该事项由上位法规定或不属于本草案调整范围。",
                }[adoption],
            },
        )
    take(
        case,
        "publish_feedback",
        clerk,
        on=w.feedback,
        data={"summary": "对公众意见逐条研究，采纳情况及理由如下。"},
    )
    for step, wanted in (
        ("fair_competition_review", w.market_related),
        ("integrity_assessment", w.integrity),
    ):
        if wanted:
            take(
                case,
                step,
                clerk,
                on=w.feedback,
                data={"conclusion": "passed", "opinion": "经审查，草案未发现问题。"},
            )
    assert w.submitted and w.reviewed and w.signed
    take(case, "submit_review", head, on=w.submitted, data={"note": "已履行起草程序，送请审核"})
    take(
        case,
        "legality_opinion",
        reviewer,
        on=w.reviewed,
        data={
            "conclusion": "passed",
            "opinion": "制定主体合法，未超越法定职权；内容不违反上位法；起草程序符合规定。",
        },
    )
    meeting, held_on = w.meeting
    take(case, "deliberate", gov_head, on=held_on, data={"meeting": meeting})
    take(case, "sign", gov_head, on=w.signed)
    published, effective, number = w.published
    take(
        case,
        "publish",
        gov_clerk,
        on=published,
        data={
            "effective_from": effective,
            "gazette": f"鄂州市人民政府公报{published.year}年第{published.month}期",
            "doc_number": number,
        },
    )
    take_system(case, "take_effect", on=effective)
    return case


def _walk_all(builder: Any, result: Any, walks: tuple[Walk, ...], kind: str) -> None:
    digest = Digest()
    people = _people(digest)
    accounts = _accounts()
    have = set(Case.objects.filter(kind=KIND).values_list("title", flat=True))
    for w in walks:
        if w.text.title in have:
            result.existing += 1
            continue
        case = _walk(w, kind, people, accounts)
        result.created += 1
        digest.add("draft", case.number, case.title, case.state)
    builder.audit("rulemaking.Draft", result.created, digest, drafts=result.created)


def load_rules(builder: Any, result: Any) -> None:
    _walk_all(builder, result, RULES, TextKind.GOVERNMENT_RULE)


def load_documents(builder: Any, result: Any) -> None:
    _walk_all(builder, result, DOCUMENTS, TextKind.NORMATIVE_DOCUMENT)


STAGES = [
    ("制定主体清单与2019年度规章和规范性文件制定计划", load_list_and_plan),
    ("政府规章的制定与修订（2019）", load_rules),
    ("政府规范性文件的制定（2019）", load_documents),
]
