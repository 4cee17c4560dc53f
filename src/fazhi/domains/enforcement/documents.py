"""执法文书: the enforcement forms, filled from the case's own records.

Registered with casework's document mechanism (``register_form``), each with the case kinds
whose case page offers it, the input form for what the officer adds there (the place and
time of an inquiry, its record …) and the staff roles that make it. Everything the case
already knows comes from its records, never retyped: the parties, the facts, the power item
and its legal basis as in force on the filing date, the officers who acted with their
credential numbers (from the step that recorded them, or chosen on the input form), the
decision and the fine. A document whose step has not happened yet is refused with the
article that orders the steps (no 决定书 before the 负责人 decides, 行政处罚法 第五十七条).

Numbers: the letters to the party draw their 文号 per unit and type (``number_type``, the
unit's 文号规则 sets the prefix); the records (笔录) and the approval form carry the case
number.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django import forms
from django.utils import timezone

from fazhi.core.casework.choices import ServiceMethod
from fazhi.core.casework.documents import (
    TEMPLATES_DIR as CASEWORK_TEMPLATES,
)
from fazhi.core.casework.documents import (
    DocumentError,
    date_cn,
    register_form,
)
from fazhi.core.casework.models import Case, Document, Event, Party
from fazhi.core.org.choices import Role
from fazhi.domains.lists.models import PowerItem
from fazhi.domains.lists.services import as_of

from .models import EnforcementCase
from .officers import OfficerPair as _Pair

TEMPLATES = Path(__file__).resolve().parent / "doc_templates"
KINDS = frozenset({"penalty", "coercive_measure"})
PENALTY = frozenset({"penalty"})
HANDLERS = frozenset({Role.OFFICER, Role.CLERK})
DECIDERS = frozenset({Role.OFFICER, Role.CLERK, Role.DEPARTMENT_HEAD})

# 行政处罚法 第五十五条: 执法人员在调查或者进行检查时，应当主动向当事人或者有关人员出示执法证件。
SHOWN = (
    "执法人员已向被询问（检查）人出示执法证件，"
    "告知其有如实回答询问、协助调查的义务和申请回避的权利。"
)


# -- what the case knows --------------------------------------------------------------------


def _detail(case: Case | None) -> EnforcementCase:
    ec = (
        EnforcementCase.objects.select_related("power_item").filter(case=case).first()
        if case is not None
        else None
    )
    if ec is None:
        raise DocumentError("执法文书须由行政执法案件制作")
    return ec


def party_text(case: Case) -> str:
    """The parties as the letters name them: name and 统一社会信用代码 or 证件号码."""
    parts = []
    for p in Party.objects.filter(case=case, role="party").select_related("entity", "person"):
        if p.entity is not None:
            parts.append(f"{p.entity.name}（统一社会信用代码：{p.entity.uscc}）")
        elif p.person is not None:
            ident = f"（证件号码：{p.person.id_number}）" if p.person.id_number else ""
            parts.append(f"{p.person.name}{ident}")
    if not parts:
        raise DocumentError("本案尚未登记当事人，不能制作文书")
    return "、".join(parts)


def legal_basis(ec: EnforcementCase, on: date) -> str:
    """The power item's 设定依据 as in force on ``on`` (the power list's version that day)."""
    if ec.power_item is None:
        return ""
    version = as_of(PowerItem, on).filter(item=ec.power_item).first()
    return version.legal_basis if version is not None and version.legal_basis else ""


def _last(case: Case, *kinds: str) -> Event | None:
    return Event.objects.filter(case=case, kind__in=kinds).order_by("-occurred_on", "-id").first()


def officer_text(officers: list[Mapping[str, Any]]) -> str:
    return "、".join(
        f"{o['name'].split('（')[0]}（执法证号：{o['credential_no']}）" for o in officers
    )


def _recorded_officers(case: Case) -> list[Mapping[str, Any]]:
    """The officers of the latest act that recorded them (调查、现场检查、强制措施 …)."""
    for event in Event.objects.filter(case=case).order_by("-occurred_on", "-id"):
        officers = event.data.get("officers") if isinstance(event.data, dict) else None
        if officers:
            return list(officers)
    return []


def _facts(case: Case, ec: EnforcementCase) -> str:
    investigated = _last(case, "investigate")
    if investigated is not None and investigated.data.get("findings"):
        return str(investigated.data["findings"])
    return ec.facts


def _money(amount: Any) -> str:
    value = Decimal(str(amount)).quantize(Decimal("0.01"))
    return f"{value:,}元"


def _moment(value: datetime) -> str:
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{date_cn(local.date())}{local.hour}时{local.minute:02d}分"


def reconsideration_body(case: Case) -> str:
    """Where the party applies for reconsideration: the people's government of the unit's
    level for a department (行政复议法 第二十四条), the one above for a government."""
    owner = case.owner_unit()
    if owner is None or owner.parent is None:
        return "上一级行政机关"
    return (
        owner.parent.name
        if owner.parent.name.endswith("人民政府")
        else f"{owner.parent.name}人民政府"
    )


def _common(case: Case | None) -> tuple[Case, EnforcementCase, dict[str, Any]]:
    ec = _detail(case)
    assert case is not None
    filed = _last(case, "file")
    basis_on = filed.business_date if filed is not None else case.opened_on
    return (
        case,
        ec,
        {
            "party_text": party_text(case),
            "item_name": ec.power_item.name if ec.power_item else "",
            "legal_basis": legal_basis(ec, basis_on) or "有关法律、法规",
            "facts": _facts(case, ec),
            "filed_date": date_cn(filed.business_date) if filed is not None else "",
        },
    )


# -- input forms ----------------------------------------------------------------------------


class OfficerPair(_Pair):
    """Two officers of the case's department with an issued credential (行政处罚法 第四十二条,
    行政强制法 第十八条); their credential numbers go into the document."""

    distinct_basis = "行政处罚法 第四十二条"


def _moment_field(label: str) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )


class FilingInput(OfficerPair):
    SOURCES = ("投诉举报", "监督检查", "上级交办", "有关部门移送", "其他")
    source = forms.ChoiceField(label="案件来源", choices=[(s, s) for s in SOURCES])
    opinion = forms.CharField(label="承办人意见", widget=forms.Textarea, max_length=2000)


class InquiryInput(OfficerPair):
    started_at = _moment_field("询问开始时间")
    ended_at = _moment_field("询问结束时间")
    place = forms.CharField(label="询问地点", max_length=200)
    interviewee = forms.CharField(label="被询问人（姓名、身份）", max_length=200)
    record = forms.CharField(
        label="询问内容（问答，每行一段）", widget=forms.Textarea, max_length=20000
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("started_at")
            and data.get("ended_at")
            and data["ended_at"] < data["started_at"]
        ):
            raise forms.ValidationError("结束时间不能早于开始时间")
        return data


class InspectionInput(OfficerPair):
    started_at = _moment_field("检查开始时间")
    ended_at = _moment_field("检查结束时间")
    place = forms.CharField(label="检查地点", max_length=200)
    present = forms.CharField(label="在场人（姓名、身份）", max_length=200)
    record = forms.CharField(label="现场检查情况", widget=forms.Textarea, max_length=20000)


class NoticeInput(forms.Form):
    proposed = forms.CharField(label="拟作出的行政处罚", max_length=1000)
    proposed_fine = forms.DecimalField(
        label="拟罚款金额（元）", min_value=0, decimal_places=2, required=False
    )
    hearing = forms.BooleanField(label="告知听证权利（较大数额罚款等，第六十三条）", required=False)


class HearingInput(forms.Form):
    hearing_at = _moment_field("听证时间")
    place = forms.CharField(label="听证地点", max_length=200)
    host = forms.CharField(label="听证主持人（非本案调查人员）", max_length=100)
    public = forms.BooleanField(label="公开举行", required=False, initial=True)


class DecisionInput(forms.Form):
    evidence = forms.CharField(
        label="证据（名称，以顿号分隔）",
        max_length=2000,
        initial="现场检查笔录、询问笔录、现场照片",
    )
    statement = forms.CharField(
        label="当事人陈述、申辩及采纳情况", widget=forms.Textarea, max_length=4000, required=False
    )
    payment = forms.CharField(
        label="缴款方式", max_length=500, required=False, initial="凭本决定书到指定银行缴纳"
    )


class NoPenaltyInput(forms.Form):
    # 行政处罚法 第三十三条 (2021): the three grounds, each with its paragraph.
    REASONS = {
        "minor": ("违法行为轻微并及时改正，没有造成危害后果", "第三十三条第一款"),
        "first": ("初次违法且危害后果轻微并及时改正", "第三十三条第一款"),
        "no_fault": ("当事人有证据足以证明没有主观过错", "第三十三条第二款"),
    }
    reason = forms.ChoiceField(
        label="不予处罚的理由", choices=[(k, v[0]) for k, v in REASONS.items()]
    )
    education = forms.CharField(
        label="教育情况（第三十三条第三款）", widget=forms.Textarea, max_length=2000
    )


class ReceiptInput(forms.Form):
    document = forms.ModelChoiceField(label="送达的文书", queryset=Document.objects.none())
    recipient = forms.CharField(label="受送达人", max_length=100)
    address = forms.CharField(label="送达地点", max_length=200)
    method = forms.ChoiceField(label="送达方式", choices=ServiceMethod.choices)
    server = forms.CharField(label="送达人", max_length=100)

    def bind_case(self, case: Case) -> None:
        field = self.fields["document"]
        if isinstance(field, forms.ModelChoiceField):
            # The case's own issued letters (a receipt is never served with a receipt).
            field.queryset = (
                Document.objects.filter(case=case)
                .exclude(form="")
                .exclude(form__endswith="service_receipt")
            )


# -- contexts -------------------------------------------------------------------------------


def _period(data: Mapping[str, Any]) -> str:
    return f"{_moment(data['started_at'])}至{_moment(data['ended_at'])}"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in str(text).splitlines() if line.strip()]


def filing_context(case: Case | None, data: Mapping[str, Any]) -> Mapping[str, Any]:
    case, ec, ctx = _common(case)
    filed = _last(case, "file", "not_file")
    if filed is None:
        approval = "（待负责人审批）"
    else:
        signed = f"{filed.actor or ''} {date_cn(filed.business_date)}"
        if filed.kind == "file":
            approval = f"同意立案。{signed}"
        else:
            approval = f"不予立案：{filed.data.get('reason', '')} {signed}"
    return {
        **ctx,
        "source": data["source"],
        "violation_date": date_cn(ec.violation_on),
        "officer_text": officer_text(data["officers"]),
        "opinion": data["opinion"],
        "approval": approval,
    }


def inquiry_context(case: Case | None, data: Mapping[str, Any]) -> Mapping[str, Any]:
    if case is None:
        raise DocumentError("询问笔录须由案件制作")
    return {
        "period": _period(data),
        "place": data["place"],
        "officer_text": officer_text(data["officers"]),
        "interviewee": data["interviewee"],
        "shown": SHOWN,
        "paragraphs": _lines(data["record"]),
    }


def inspection_context(case: Case | None, data: Mapping[str, Any]) -> Mapping[str, Any]:
    """现场检查笔录, also the 现场笔录 of a coercive measure (行政强制法 第十八条第七项)."""
    if case is None:
        raise DocumentError("现场检查笔录须由案件制作")
    return {
        "period": _period(data),
        "place": data["place"],
        "party_text": party_text(case),
        "officer_text": officer_text(data["officers"]),
        "present": data["present"],
        "shown": SHOWN,
        "paragraphs": _lines(data["record"]),
    }


def notice_context(case: Case | None, data: Mapping[str, Any]) -> Mapping[str, Any]:
    case, _, ctx = _common(case)
    if _last(case, "investigate") is None:
        raise DocumentError("调查终结前不能制作行政处罚告知书（行政处罚法 第四十四条）")
    proposed = str(data["proposed"])
    fine = data.get("proposed_fine")
    if fine:
        proposed = f"{proposed}（罚款{_money(fine)}）"
    hearing = (
        "你（单位）有权要求听证，如要求听证，应当在收到本告知书之日起五个工作日内提出"
        "（《中华人民共和国行政处罚法》第六十三条、第六十四条）；"
        if data.get("hearing")
        else ""
    )
    statement = "如要求陈述、申辩，应当在收到本告知书之日起五个工作日内向本机关提出；"
    return {
        **ctx,
        "proposed": proposed,
        "hearing_text": statement + hearing,
        "officer_text": officer_text(_recorded_officers(case)) or "—",
    }


def hearing_context(case: Case | None, data: Mapping[str, Any]) -> Mapping[str, Any]:
    case, _, ctx = _common(case)
    if _last(case, "notify") is None:
        raise DocumentError("告知听证权利前不能制作听证通知书（行政处罚法 第六十四条）")
    return {
        **ctx,
        "case_title": case.title,
        "hearing_time": _moment(data["hearing_at"]),
        "place": data["place"],
        "host": data["host"],
        "public_text": "听证公开举行。" if data.get("public") else "依法不公开举行。",
    }


def decision_context(case: Case | None, data: Mapping[str, Any]) -> Mapping[str, Any]:
    case, ec, ctx = _common(case)
    decided = _last(case, "decide")
    if decided is None:
        raise DocumentError(
            "负责人尚未作出处罚决定，不能制作行政处罚决定书（行政处罚法 第五十七条）"
        )
    notified = _last(case, "notify")
    statement = str(data.get("statement") or "").strip() or "当事人在规定期限内未提出陈述、申辩"
    notified_text = (
        f"本机关于{date_cn(notified.business_date)}告知你（单位）拟作出行政处罚的事实、理由、"
        f"依据及依法享有的权利。{statement}。"
        if notified is not None
        else ""
    )
    fine = decided.data.get("fine") or ec.fine
    payment = ""
    if fine:
        how = data.get("payment") or "到指定银行缴纳"
        payment = (
            f"罚款{_money(fine)}，自收到本决定书之日起十五日内缴纳（{how}）。"
            "到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不超过罚款的数额"
            "（《中华人民共和国行政处罚法》第六十七条、第七十二条）。"
        )
    return {
        **ctx,
        "evidence": data["evidence"],
        "notified_text": notified_text,
        "decision": str(decided.data.get("decision", "")),
        "payment_text": payment,
        "reconsideration_body": reconsideration_body(case),
    }


def no_penalty_context(case: Case | None, data: Mapping[str, Any]) -> Mapping[str, Any]:
    case, _, ctx = _common(case)
    if _last(case, "investigate") is None:
        raise DocumentError("调查终结前不能作出不予行政处罚决定（行政处罚法 第五十七条）")
    reason, article = NoPenaltyInput.REASONS[data["reason"]]
    return {
        **ctx,
        "reason": reason,
        "article": article,
        "education": f"本机关已对当事人进行教育：{data['education']}",
        "reconsideration_body": reconsideration_body(case),
    }


def receipt_context(case: Case | None, data: Mapping[str, Any]) -> Mapping[str, Any]:
    """送达回证 on casework's own template: the document served, to whom, where and how."""
    served = data["document"]
    if case is None or served.case_id != case.pk:
        raise DocumentError("只能送达本案的文书")
    return {
        "served_title": served.title,
        "served_number": f"（{served.number}）" if served.number else "",
        "recipient": data["recipient"],
        "address": data["address"],
        "method": ServiceMethod(data["method"]).label,
        "server": data["server"],
        "remark": f"案号：{case.number}",
    }


FORMS = (
    register_form(
        "enforcement.filing_approval", "立案审批表", TEMPLATES / "filing_approval.docx",
        filing_context, number_type="立案审批", kinds=PENALTY, input_form=FilingInput,
        staff_roles=HANDLERS,
    ),
    register_form(
        "enforcement.inquiry_record", "询问笔录", TEMPLATES / "inquiry_record.docx",
        inquiry_context, kinds=KINDS, input_form=InquiryInput, staff_roles=HANDLERS,
    ),
    register_form(
        "enforcement.inspection_record", "现场检查笔录", TEMPLATES / "inspection_record.docx",
        inspection_context, kinds=KINDS, input_form=InspectionInput, staff_roles=HANDLERS,
    ),
    register_form(
        "enforcement.penalty_notice", "行政处罚告知书", TEMPLATES / "penalty_notice.docx",
        notice_context, number_type="处罚告知", kinds=PENALTY, input_form=NoticeInput,
        staff_roles=HANDLERS,
    ),
    register_form(
        "enforcement.hearing_notice", "听证通知书", TEMPLATES / "hearing_notice.docx",
        hearing_context, number_type="听证通知", kinds=PENALTY, input_form=HearingInput,
        staff_roles=HANDLERS,
    ),
    register_form(
        "enforcement.decision", "行政处罚决定书", TEMPLATES / "decision.docx",
        decision_context, number_type="处罚决定", kinds=PENALTY, input_form=DecisionInput,
        staff_roles=DECIDERS,
    ),
    register_form(
        "enforcement.no_penalty", "不予行政处罚决定书", TEMPLATES / "no_penalty.docx",
        no_penalty_context, number_type="不予处罚", kinds=PENALTY, input_form=NoPenaltyInput,
        staff_roles=DECIDERS,
    ),
    register_form(
        "enforcement.service_receipt", "送达回证", CASEWORK_TEMPLATES / "service_receipt.docx",
        receipt_context, kinds=KINDS, input_form=ReceiptInput, staff_roles=HANDLERS,
    ),
)  # fmt: skip
