"""The township's handled penalty cases of the Ezhou 2019 scenario (stage 230).

泽林镇 (鄂城区) has no sector system: its comprehensive-enforcement office handles the whole
procedure in Fazhi (乡镇综合执法). The stage gives the town what it needs to act — its officer
pair with credentials issued through the credential service, its legal reviewer and its head
(the personas ``zl_*``; created here if the accounts stage has not), the two penalty powers of
the town's own list, the 文号 prefixes of its letters — and then walks its 2019 cases through
``take()`` step by step, each by the persona in its role on the case's 2019 business dates:
立案 → 调查终结 → 法制审核 → 告知 → 决定 → 结案, one lead not filed (beyond the limitation),
with the documents each step calls for made from the registered forms and a photo of each
investigation recorded in the full-process record.

Idempotence: a case is keyed by its title in the town; the staff, officers, power items and
文号 rules by their natural keys. A second run creates nothing. No figure of the seed report is
counted here.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from fazhi.core.casework.documents import generate_document, get_form, input_form
from fazhi.core.casework.models import Case, DocumentNumbering, Party
from fazhi.core.casework.workflow import refusals_for, register_case, take
from fazhi.core.org import services as credentials
from fazhi.core.org.choices import CredentialStatus, Role
from fazhi.core.org.models import Entity, Officer, OrgUnit, Person, RoleAssignment, Staff
from fazhi.domains.lists import services as lists
from fazhi.domains.lists.models import PowerItem
from fazhi.shell.scenario.planning import Digest

from ..evidence import record_evidence

TOWNSHIP = "420704100000"  # 鄂城区泽林镇 (统计用区划代码 420704100)
DISTRICT = "420704000000"
# The town's own list took effect with the 2018 lists (lists.scenario.vocab.LIST_2018), so the
# city's "what changed in 2019" is not the town's.
LIST_FROM = date(2018, 7, 1)
LIST_REASON = "2018年版泽林镇权责清单（乡镇综合执法）"

# The personas (shell/scenario/data/personas.csv) and their roles in the town.
OFFICER_1, OFFICER_2, REVIEWER, HEAD = "zl_officer1", "zl_officer2", "zl_reviewer", "zl_head"
ROLES = {
    OFFICER_1: Role.OFFICER,
    OFFICER_2: Role.OFFICER,
    REVIEWER: Role.LEGAL_REVIEWER,
    HEAD: Role.DEPARTMENT_HEAD,
}
# The pair's credentials: exam and issue in 2018, before their 2019 cases.
CREDENTIALS = {
    OFFICER_1: ("420704100001", date(2018, 4, 20), date(2018, 5, 28)),
    OFFICER_2: ("420704100002", date(2018, 4, 20), date(2018, 5, 28)),
}
# 初次从事法制审核的人员应当取得法律职业资格 (行政处罚法 第五十八条第二款, from 2021): the town's
# reviewer holds one, so the case page offers the review in any year.
REVIEWER_QUALIFICATION = ("A20174207041001", date(2017, 12, 20))

STRAW = "straw"
STACKING = "stacking"
POWERS = {
    STRAW: (
        "对在人口集中地区露天焚烧秸秆的处罚",
        "《中华人民共和国大气污染防治法》第七十七条、第一百一十九条第二款",
    ),
    STACKING: (
        "对在街道两侧和公共场地堆放物料的处罚",
        "《城市市容和环境卫生管理条例》第十四条、第三十六条、第三十九条",
    ),
}
PREFIXES = {
    "立案审批": "泽林综执立字",
    "处罚告知": "泽林综执告字",
    "听证通知": "泽林综执听字",
    "处罚决定": "泽林综执罚字",
    "不予处罚": "泽林综执不罚字",
}


@dataclass(frozen=True)
class HandledCase:
    """One 2019 case of the town and the business date of each of its steps."""

    power: str
    what: str  # the case's title after the party's name
    violation_on: date
    lead_on: date
    facts: str
    place: str
    file_on: date | None = None
    not_filed_reason: str = ""
    investigate_on: date | None = None
    findings: str = ""
    review_on: date | None = None
    notify_on: date | None = None
    decide_on: date | None = None
    decision: str = ""
    fine: Decimal | None = None
    close_on: date | None = None


CASES = (
    HandledCase(
        STRAW, "露天焚烧秸秆案", date(2019, 3, 8), date(2019, 3, 11),
        "群众反映泽林镇某村村口有人露天焚烧秸秆，烟尘较大", "泽林镇某村村口",
        file_on=date(2019, 3, 12), investigate_on=date(2019, 3, 14),
        findings="当事人于2019年3月8日在泽林镇某村村口露天焚烧油菜秸秆约三亩，产生大量烟尘",
        review_on=date(2019, 3, 18), notify_on=date(2019, 3, 19), decide_on=date(2019, 3, 27),
        decision="罚款人民币壹仟元", fine=Decimal("1000"), close_on=date(2019, 4, 8),
    ),
    HandledCase(
        STACKING, "占道堆放建筑材料案", date(2019, 4, 15), date(2019, 4, 16),
        "巡查发现集镇主街一侧堆放砂石、砖块，占用人行道", "泽林镇集镇主街",
        file_on=date(2019, 4, 17), investigate_on=date(2019, 4, 19),
        findings="当事人未经批准在集镇主街人行道堆放砂石约十立方米、砖块约两千块，妨碍通行",
        review_on=date(2019, 4, 23), notify_on=date(2019, 4, 24), decide_on=date(2019, 5, 8),
        decision="责令限期清理，并处罚款人民币贰仟元", fine=Decimal("2000"),
        close_on=date(2019, 5, 20),
    ),
    HandledCase(
        STACKING, "占道堆放杂物案", date(2019, 8, 5), date(2019, 8, 6),
        "巡查发现集镇农贸市场出口堆放杂物", "泽林镇集镇农贸市场出口",
        file_on=date(2019, 8, 7), investigate_on=date(2019, 8, 9),
        findings="当事人在农贸市场出口堆放纸箱等杂物，经责令已当场清理",
        review_on=date(2019, 8, 13), notify_on=date(2019, 8, 14), decide_on=date(2019, 8, 22),
        decision="警告", close_on=date(2019, 8, 30),
    ),
    HandledCase(
        STRAW, "焚烧稻草案", date(2019, 10, 28), date(2019, 10, 29),
        "秸秆禁烧巡查发现田间焚烧稻草", "泽林镇某村农田",
        file_on=date(2019, 10, 30), investigate_on=date(2019, 11, 1),
        findings="当事人于2019年10月28日在农田内焚烧稻草约一亩",
        review_on=date(2019, 11, 5), notify_on=date(2019, 11, 6), decide_on=date(2019, 11, 15),
        decision="罚款人民币伍佰元", fine=Decimal("500"), close_on=date(2019, 11, 25),
    ),
    HandledCase(
        STRAW, "焚烧秸秆旧案线索", date(2017, 1, 10), date(2019, 6, 3),
        "群众反映当事人2017年1月曾在村口焚烧秸秆", "泽林镇某村村口",
        not_filed_reason="违法行为发生于2017年1月10日，至今已超过二年未被发现，"
        "依法不再给予行政处罚（行政处罚法 第三十六条）",
        file_on=date(2019, 6, 4),
    ),
)  # fmt: skip


# -- the town and its people ----------------------------------------------------------------


def _staff(unit: OrgUnit, username: str, digest: Digest) -> Staff:
    staff = Staff.objects.filter(username=username).first()
    if staff is None:  # the accounts stage has not run with the town's personas
        staff = Staff(username=username, display_name=username)
        staff.set_unusable_password()
        staff.save()
        digest.add("staff", username)
    _, created = RoleAssignment.objects.get_or_create(
        staff=staff, role=ROLES[username], org_unit=unit
    )
    if created:
        digest.add("role", username, ROLES[username])
    return staff


def _officer(unit: OrgUnit, staff: Staff, digest: Digest) -> Officer:
    number, exam_on, issued_on = CREDENTIALS[staff.username]
    officer = Officer.objects.filter(credential_no=number).first()
    if officer is not None:
        return officer
    person = Person.objects.filter(staff=staff).first() or Person.objects.create(
        name=staff.display_name, owner_unit=unit, staff=staff
    )
    officer = Officer.objects.create(person=person, department=unit, staff=staff)
    credentials.record_exam(officer, score=86, on=exam_on)
    officer = credentials.issue(officer, credential_no=number, fields="综合行政执法", on=issued_on)
    digest.add("officer", staff.username, number)
    return officer


def _powers(unit: OrgUnit, digest: Digest) -> dict[str, PowerItem]:
    have = {p.name: p for p in PowerItem.objects.filter(department=unit, kind="penalty")}
    items: dict[str, PowerItem] = {}
    for key, (name, basis) in POWERS.items():
        item = have.get(name)
        if item is None:
            created = lists.create_item(
                PowerItem,
                department=unit,
                valid_from=LIST_FROM,
                reason=LIST_REASON,
                fields={"name": name, "kind": "penalty", "legal_basis": basis},
            )
            assert isinstance(created, PowerItem)
            item = created
            digest.add("power", name)
        items[key] = item
    return items


def _numbering(unit: OrgUnit, digest: Digest) -> None:
    for number_type, prefix in PREFIXES.items():
        _, created = DocumentNumbering.objects.get_or_create(
            org_unit=unit, number_type=number_type, defaults={"prefix": prefix}
        )
        if created:
            digest.add("numbering", number_type, prefix)


# -- the cases ----------------------------------------------------------------------------


def _moment(day: date, hour: int, minute: int = 0) -> str:
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}"


def _document(code: str, case: Case, actor: Staff, on: date, data: dict[str, Any]) -> None:
    """A document made as on the case page: its input form validated, then generated."""
    form = get_form(code)
    bound = input_form(form, case, {f"d-{k}": v for k, v in data.items()})
    if bound is None or not bound.is_valid():
        raise ValueError(f"{form.title}: {bound.errors if bound else '无输入表单'}")
    generate_document(
        code, owner_unit=case.owner_unit(), case=case, data=bound.cleaned_data, actor=actor,
        issued_on=on,
    )  # fmt: skip


def photo(seed: str) -> bytes:
    """A small real PNG (a 16×16 grey square whose shade comes from ``seed``): the scenario's
    stand-in for the officers' site photo, a valid image file with its own digest."""
    shade = zlib.crc32(seed.encode()) & 0xFF
    raw = b"".join(b"\x00" + bytes([shade]) * 16 for _ in range(16))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 16, 16, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _walk(
    spec: HandledCase,
    entity: Entity,
    item: PowerItem,
    people: dict[str, Staff],
    pair: tuple[Officer, Officer],
) -> Case:
    title = f"{entity.name}{spec.what}"
    officer1, officer2 = people[OFFICER_1], people[OFFICER_2]
    head, reviewer = people[HEAD], people[REVIEWER]
    case = register_case(
        "penalty",
        officer1,
        {
            "title": title,
            "power_item": item.pk,
            "violation_on": spec.violation_on.isoformat(),
            "facts": spec.facts,
        },
        on=spec.lead_on,
    )
    Party.objects.create(case=case, role="party", entity=entity)
    officers = {"officer_a": pair[0].pk, "officer_b": pair[1].pk}
    assert spec.file_on is not None
    _document(
        "enforcement.filing_approval",
        case,
        officer1,
        spec.lead_on,
        {**officers, "source": "投诉举报" if "群众" in spec.facts else "监督检查",
         "opinion": "建议立案调查" if not spec.not_filed_reason else "建议不予立案"},
    )  # fmt: skip
    if spec.not_filed_reason:
        take(case, "not_file", head, data={"reason": spec.not_filed_reason}, on=spec.file_on)
        return case
    take(case, "file", head, on=spec.file_on)
    _document(
        "enforcement.inspection_record",
        case,
        officer2,
        spec.file_on,
        {**officers, "started_at": _moment(spec.file_on, 9), "ended_at": _moment(spec.file_on, 10),
         "place": spec.place, "present": f"{entity.legal_representative or '当事人'}（当事人）",
         "record": spec.findings},
    )  # fmt: skip
    assert spec.investigate_on and spec.notify_on and spec.decide_on and spec.close_on
    _document(
        "enforcement.inquiry_record",
        case,
        officer1,
        spec.investigate_on,
        {**officers, "started_at": _moment(spec.investigate_on, 14),
         "ended_at": _moment(spec.investigate_on, 15, 10), "place": "泽林镇综合执法办公室",
         "interviewee": f"{entity.legal_representative or '当事人'}（{entity.name}负责人）",
         "record": f"问：{spec.facts}，是否属实？\n答：属实。\n问：还有什么补充？\n"
                   "答：没有，今后一定改正。"},
    )  # fmt: skip
    investigated = take(
        case,
        "investigate",
        officer1,
        data={**officers, "findings": spec.findings},
        on=spec.investigate_on,
    )
    record_evidence(
        case,
        investigated,
        photo(title),
        "现场照片.png",
        kind="photo",
        actor=officer2,
        description=f"{spec.place}现场照片",
    )
    take(case, "review", reviewer, data={"opinion": "事实清楚，证据确凿，程序合法，同意"},
         on=spec.review_on)  # fmt: skip
    # The notice carries the reviewed penalty (the sector's order: review, then notice).
    notice = {"fine": str(spec.fine) if spec.fine is not None else "", "content": spec.findings}
    take(case, "notify", officer2, data=notice, on=spec.notify_on)
    _document(
        "enforcement.penalty_notice",
        case,
        officer2,
        spec.notify_on,
        {"proposed": spec.decision, "proposed_fine": str(spec.fine or "")},
    )
    data: dict[str, Any] = {"decision": spec.decision}
    if spec.fine is not None:
        data["fine"] = str(spec.fine)
    take(case, "decide", head, data=data, on=spec.decide_on)
    _document(
        "enforcement.decision",
        case,
        head,
        spec.decide_on,
        {
            "evidence": "现场检查笔录、询问笔录、现场照片",
            "payment": "到鄂州农村商业银行泽林支行缴纳",
        },
    )
    decision = case.documents.filter(form="enforcement.decision").order_by("-id").first()
    assert decision is not None
    _document(
        "enforcement.service_receipt",
        case,
        officer1,
        spec.decide_on,
        {"document": decision.pk, "recipient": entity.name, "address": entity.address or spec.place,
         "method": "in_person", "server": f"{pair[0].person.name}、{pair[1].person.name}"},
    )  # fmt: skip
    receipt = case.documents.filter(form="enforcement.service_receipt").order_by("-id").first()
    # The decision handed over on the day it was announced (送达), published under the rules
    # of its day where they require it (第四十八条), the fine paid before closing.
    take(
        case,
        "serve",
        officer1,
        data={"document": decision.pk, "method": "in_person", "recipient": entity.name,
              "receipt": receipt.pk if receipt else ""},
        on=spec.decide_on,
    )  # fmt: skip
    if not refusals_for(case, "publicize", officer1):
        take(case, "publicize", officer1, on=spec.decide_on)
    if spec.fine:
        take(case, "pay", officer1, data={"amount": str(spec.fine)}, on=spec.close_on)
    take(case, "close", officer1, on=spec.close_on)
    return case


def _parties(count: int) -> list[Entity]:
    """Market entities of 鄂城区 (the scenario's pool), those of 泽林 first, in a fixed order."""
    pool = Entity.objects.filter(region__code=DISTRICT).order_by("uscc")
    local = list(pool.filter(address__contains="泽林")[:count])
    if len(local) < count:
        local += list(pool.exclude(pk__in=[e.pk for e in local])[: count - len(local)])
    if len(local) < count:
        raise ValueError("鄂城区的市场主体不足，请先运行机构与市场主体阶段")
    return local


def load_handled(builder: Any, result: Any) -> None:
    unit = OrgUnit.objects.get(code=TOWNSHIP)
    digest = Digest()
    people = {username: _staff(unit, username, digest) for username in ROLES}
    reviewer = people[REVIEWER]
    if not reviewer.legal_qualification_no:
        reviewer.legal_qualification_no, reviewer.legal_qualified_on = REVIEWER_QUALIFICATION
        reviewer.save(update_fields=["legal_qualification_no", "legal_qualified_on"])
    pair = (
        _officer(unit, people[OFFICER_1], digest),
        _officer(unit, people[OFFICER_2], digest),
    )
    assert all(o.status == CredentialStatus.ISSUED for o in pair)
    items = _powers(unit, digest)
    _numbering(unit, digest)
    entities = _parties(len(CASES))
    have = set(
        Case.objects.filter(kind="penalty", participants__org_unit=unit).values_list(
            "title", flat=True
        )
    )
    created = 0
    for spec, entity in zip(CASES, entities, strict=True):
        if f"{entity.name}{spec.what}" in have:
            result.existing += 1
            continue
        case = _walk(spec, entity, items[spec.power], people, pair)
        created += 1
        digest.add("case", case.title, case.number, case.state, case.closed_on or "")
    result.created = created
    result.extra["cases"] = created
    builder.audit("casework.Case", created, digest, township=TOWNSHIP, cases=created)
