"""行政复议决定书 and 行政复议调解书: made from the case's records, numbered, served.

- The decision document (第七十五条) is made once the head has decided (the ``decide`` step,
  第六十一、六十二条); its article follows the outcome (第六十三至六十九条). A decision that
  orders the respondent to do something (变更, 撤销并责令重作, 确认违法并采取补救措施, 责令履行)
  states what and within how many days; that is recorded for performance supervision
  (``performance.py``) in the same transaction as the document.
- The mediation document (第七十三条) is made for a case ended by mediation.
- Both are offered on the case page to the body's handler and head (``register_form``) and are
  served through casework's ``record_service``; the decision takes effect on service
  (第七十五条第二款), which starts the performance period when served on the respondent.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from django import forms
from django.db import transaction

from fazhi.core.casework.documents import DocumentError, date_cn, register_form
from fazhi.core.casework.models import Case, Document, Event, Party
from fazhi.core.casework.service import record_service
from fazhi.core.org.choices import Role

from .choices import Outcome, Procedure
from .decision_choices import ALWAYS_TRACKED, ORDERING_OUTCOMES
from .models import DecisionPerformance, ReconsiderationCase

TEMPLATES = Path(__file__).resolve().parent / "doc_templates"
KIND = "reconsideration"
MAKERS = frozenset({Role.RECONSIDERATION_HANDLER, Role.RECONSIDERATION_HEAD})
DECISION_FORM = "disputes.decision"
MEDIATION_FORM = "disputes.mediation"
DECISION_FORMS = (DECISION_FORM, MEDIATION_FORM)

# The article of 行政复议法 (2023) each decision rests on.
ARTICLES: dict[str, str] = {
    Outcome.VARY: "第六十三条",
    Outcome.REVOKE: "第六十四条",
    Outcome.DECLARE_UNLAWFUL: "第六十五条",
    Outcome.ORDER_PERFORMANCE: "第六十六条",
    Outcome.DECLARE_VOID: "第六十七条",
    Outcome.UPHOLD: "第六十八条",
    Outcome.CLAIM_REJECTED: "第六十九条",
}

# 行政诉讼法 第四十五条: 不服复议决定的，可以在收到复议决定书之日起十五日内向人民法院提起诉讼.
REMEDY = (
    "申请人如不服本决定，可以自收到本决定书之日起十五日内，依法向人民法院提起行政诉讼"
    "（《中华人民共和国行政诉讼法》第四十五条）。"
)


def _detail(case: Case | None) -> ReconsiderationCase:
    rc = ReconsiderationCase.objects.filter(case=case).first() if case is not None else None
    if rc is None:
        raise DocumentError("行政复议文书须由行政复议案件制作")
    return rc


def body_name(case: Case) -> str:
    """The reconsideration body in whose name the decision is made (第六十一条: 以行政复议机关
    的名义作出): the people's government the handling office (复议机构) belongs to."""
    owner = case.owner_unit()
    if owner is None:
        return ""
    if owner.parent is not None and owner.kind != "government":
        return (
            owner.parent.name
            if owner.parent.name.endswith("人民政府")
            else (f"{owner.parent.name}人民政府")
        )
    return owner.name


def _names(case: Case, *roles: str) -> str:
    names = []
    for p in Party.objects.filter(case=case, role__in=roles).select_related("person", "entity"):
        if p.entity is not None:
            names.append(f"{p.entity.name}（统一社会信用代码：{p.entity.uscc}）")
        elif p.person is not None:
            names.append(p.person.name)
    return "、".join(names)


def accepted_on(case: Case) -> date | None:
    """The day of acceptance, whether by the handler's step or deemed on the lapse day."""
    event = (
        Event.objects.filter(case=case, to_state="accepted")
        .exclude(from_state="accepted")
        .order_by("occurred_on", "id")
        .first()
    )
    return event.occurred_on if event is not None else None


def _paragraphs(text: Any) -> list[str]:
    return [p.strip() for p in str(text or "").splitlines() if p.strip()]


def _common(case: Case | None) -> tuple[Case, ReconsiderationCase, dict[str, Any]]:
    rc = _detail(case)
    assert case is not None
    applicants = _names(case, "applicant")
    if not applicants:
        raise DocumentError("本案尚未登记申请人，不能制作文书")
    respondent = rc.respondent()
    accepted = accepted_on(case)
    if accepted is None:
        raise DocumentError("复议申请尚未受理，不能制作决定书（行政复议法 第三十条）")
    return (
        case,
        rc,
        {
            "body_name": body_name(case),
            "applicants": applicants,
            "third_parties": _names(case, "third_party"),
            "respondent": respondent.name if respondent is not None else "",
            "act_complained": rc.act_complained,
            "applied_date": date_cn(case.opened_on),
            "accepted_date": date_cn(accepted),
        },
    )


def default_decision_text(outcome: str, act: str, days: int | None, required: str) -> str:
    within = f"自收到本决定书之日起{days}日内" if days else "在一定期限内"
    texts = {
        Outcome.UPHOLD: f"维持被申请人作出的{act}。",
        Outcome.REVOKE: f"撤销被申请人作出的{act}"
        + (f"，责令被申请人{within}重新作出行政行为。" if required else "。"),
        Outcome.VARY: f"变更被申请人作出的{act}：{required}。",
        Outcome.DECLARE_UNLAWFUL: f"确认被申请人作出的{act}违法"
        + (f"，责令被申请人{within}采取补救措施。" if required else "。"),
        Outcome.ORDER_PERFORMANCE: f"责令被申请人{within}{required}。",
        Outcome.DECLARE_VOID: f"确认被申请人作出的{act}无效。",
        Outcome.CLAIM_REJECTED: "驳回申请人的行政复议请求。",
    }
    return texts[Outcome(outcome)]


class DecisionInput(forms.Form):
    claims = forms.CharField(label="申请人请求", widget=forms.Textarea, max_length=4000)
    facts = forms.CharField(label="经审理查明（每行一段）", widget=forms.Textarea, max_length=20000)
    reasoning = forms.CharField(
        label="本机关认为（每行一段）", widget=forms.Textarea, max_length=20000
    )
    required_act = forms.CharField(
        label="被申请人应当履行的内容（责令履行、重新作出行政行为、补救措施、变更后的内容）",
        widget=forms.Textarea,
        max_length=2000,
        required=False,
    )
    period_days = forms.IntegerField(
        label="履行期限（自收到决定书之日起，日）", min_value=1, max_value=365, required=False
    )
    decision_text = forms.CharField(
        label="决定内容（留空则按复议决定类型生成）",
        widget=forms.Textarea,
        max_length=4000,
        required=False,
    )


class MediationInput(forms.Form):
    agreement = forms.CharField(
        label="调解协议内容（每行一项）", widget=forms.Textarea, max_length=8000
    )
    required_act = forms.CharField(
        label="被申请人应当履行的内容", widget=forms.Textarea, max_length=2000, required=False
    )
    period_days = forms.IntegerField(
        label="履行期限（自调解书生效之日起，日）", min_value=1, max_value=365, required=False
    )


def _performance_text(required: str, days: int | None, *, mediation: bool = False) -> str:
    if not required:
        return ""
    start = "本调解书生效" if mediation else "收到本决定书"
    return (
        f"被申请人应当自{start}之日起{days}日内{required}，并将履行情况书面报送本机关"
        "（《中华人民共和国行政复议法》第七十七条）。"
    )


def _track(case: Case, outcome: str, required: str, days: int | None) -> None:
    """Record what the document orders, for performance supervision. Runs inside
    ``generate_document``'s transaction: a document that fails to render records nothing."""
    if not required:
        DecisionPerformance.objects.filter(case=case, served_on__isnull=True).delete()
        return
    assert days is not None
    DecisionPerformance.objects.update_or_create(
        case=case,
        defaults={"outcome": outcome, "required_act": required, "period_days": days},
    )


def _ordering_fields(outcome: str, data: Mapping[str, Any]) -> tuple[str, int | None]:
    required = str(data.get("required_act") or "").strip()
    days = data.get("period_days")
    if outcome in ALWAYS_TRACKED and not required:
        raise DocumentError(
            "责令履行的决定须写明被申请人应当履行的内容和期限（行政复议法 第六十六条）"
        )
    if required and outcome not in ORDERING_OUTCOMES:
        raise DocumentError(f"“{Outcome(outcome).label}”决定不责令被申请人履行，履行内容应留空")
    if required and not days:
        raise DocumentError("须写明履行期限（行政复议法 第六十四条、第六十六条：在一定期限内）")
    return required, (int(days) if days else None)


def decision_context(case: Case | None, data: Mapping[str, Any]) -> Mapping[str, Any]:
    case, rc, common = _common(case)
    if case.state == "mediated":
        raise DocumentError(
            "本案以调解结案，应当制作行政复议调解书，不制作决定书（行政复议法 第七十三条）"
        )
    if case.state != "decided" or not rc.outcome:
        raise DocumentError(
            "尚未作出行政复议决定，不能制作决定书；请先由负责人“作出行政复议决定”"
            "（行政复议法 第六十一条、第七十五条）"
        )
    if rc.outcome not in ARTICLES:
        raise DocumentError(
            f"本案以“{rc.get_outcome_display()}”结案，应当制作行政复议调解书或者终止决定，"
            "不制作决定书（行政复议法 第七十三条、第七十四条）"
        )
    required, days = _ordering_fields(rc.outcome, data)
    text = str(data.get("decision_text") or "").strip() or default_decision_text(
        rc.outcome, rc.act_complained, days, required
    )
    _track(case, rc.outcome, required, days)
    extended = case.deadlines.filter(key="reconsideration.decision", extension_amount__gt=0)
    return {
        **common,
        "procedure": Procedure(rc.procedure).label if rc.procedure else "普通程序",
        "course": "因案情复杂，经批准延长审理期限。" if extended.exists() else "",
        "claims": str(data.get("claims", "")),
        "facts": _paragraphs(data.get("facts")),
        "reasoning": _paragraphs(data.get("reasoning")),
        "article": ARTICLES[rc.outcome],
        "decision_text": text,
        "performance_text": _performance_text(required, days),
        "remedy": REMEDY,
    }


def mediation_context(case: Case | None, data: Mapping[str, Any]) -> Mapping[str, Any]:
    case, rc, common = _common(case)
    if rc.outcome != Outcome.MEDIATE:
        raise DocumentError(
            "本案未以调解结案，不能制作调解书（行政复议法 第七十三条：当事人经调解达成协议的）"
        )
    agreement = _paragraphs(data.get("agreement"))
    if not agreement:
        raise DocumentError("调解书须写明调解协议内容")
    required, days = _ordering_fields(rc.outcome, data)
    _track(case, rc.outcome, required, days)
    return {
        **common,
        "agreement": agreement,
        "performance_text": _performance_text(required, days, mediation=True),
    }


FORMS = (
    register_form(
        DECISION_FORM, "行政复议决定书", TEMPLATES / "decision.docx", decision_context,
        number_type="复议决定", kinds={KIND}, input_form=DecisionInput, staff_roles=MAKERS,
    ),
    register_form(
        MEDIATION_FORM, "行政复议调解书", TEMPLATES / "mediation.docx", mediation_context,
        number_type="复议调解", kinds={KIND}, input_form=MediationInput, staff_roles=MAKERS,
    ),
)  # fmt: skip


# -- service ------------------------------------------------------------------------------------


def decision_documents(case: Case) -> Any:
    return Document.objects.filter(case=case, form__in=DECISION_FORMS).order_by("issued_on", "pk")


def served_on(case: Case) -> date | None:
    """The first day a decision (or mediation) document of the case was served: from then it
    is in force (第七十五条第二款) and may be published (第七十九条)."""
    from fazhi.core.casework.models import Service

    first = (
        Service.objects.filter(document__case=case, document__form__in=DECISION_FORMS)
        .order_by("served_on")
        .first()
    )
    return first.served_on if first is not None else None


def serve(
    document: Document,
    *,
    method: str,
    served_on: date,
    actor: Any,
    to_respondent: bool = False,
    recipient: str = "",
    party: Party | None = None,
    receipt: Document | None = None,
    tracking_number: str = "",
    note: str = "",
) -> Any:
    """Serve the decision or mediation document (casework's service, with its proof); served
    on the respondent, the performance period it sets starts (第七十五条第二款)."""
    if document.form not in DECISION_FORMS or document.case is None:
        raise DocumentError("只能在此登记行政复议决定书、调解书的送达")
    case = document.case
    if to_respondent:
        respondent = _detail(case).respondent()
        recipient = recipient or (respondent.name if respondent is not None else "")
    with transaction.atomic():
        service = record_service(
            document,
            method=method,
            served_on=served_on,
            party=party,
            recipient=recipient,
            receipt=receipt,
            tracking_number=tracking_number,
            note=note,
            actor=actor,
        )
        if to_respondent:
            from .performance import start_period

            start_period(case, document, served_on, actor=actor)
    return service
