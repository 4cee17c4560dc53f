"""Intake (行政复议法 第二十二条) and the parties (第十六条 第三人, 第十七条 代理人).

An application comes in online (an applicant's public account, verified by phone: they follow
the case under 我的办件), at the counter, by post, or orally (the handler records it on the
spot and the applicant confirms the record by signing). Each channel registers the case through
the workflow's own ``create`` (the same clocks), then records the applicant and the channel.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.db import transaction

from fazhi.core.accounts.submissions import SubmissionItem
from fazhi.core.casework.models import Case, Party
from fazhi.core.casework.workflow import (
    STAY,
    Refusal,
    StepContext,
    TransitionError,
    form_refusals,
    register_case,
)
from fazhi.core.org.choices import UnitKind
from fazhi.core.org.models import OrgUnit, Person

from .choices import OPEN_STATES
from .models import Application, PartyRecord
from .party_choices import AgentKind, Channel, ThirdPartyJoin
from .respondent import store_application
from .workflow import HANDLER, KIND, WORKFLOW, ReconsiderationForm

AGENTS_PER_PRINCIPAL = 2  # 第十七条第一款: 可以委托一至二名代理人


# -- registering an application ---------------------------------------------------------------


class ApplicantForm(forms.Form):
    applicant_name = forms.CharField(label="申请人姓名（名称）", max_length=50)
    applicant_id_number = forms.CharField(label="身份证件号码", max_length=20, required=False)
    applicant_phone = forms.CharField(label="联系电话", max_length=20, required=False)
    applicant_address = forms.CharField(label="住址", max_length=200, required=False)
    request = forms.CharField(label="行政复议请求", widget=forms.Textarea, max_length=4000)
    facts = forms.CharField(label="主要事实和理由", widget=forms.Textarea, max_length=8000)


class CounterForm(ReconsiderationForm, ApplicantForm):
    """The handler registers an application received at the counter, by post or orally."""

    channel = forms.ChoiceField(
        label="申请方式", choices=[c for c in Channel.choices if c[0] != Channel.ONLINE]
    )
    oral_record = forms.CharField(
        label="口头申请笔录（当场记录）", widget=forms.Textarea, max_length=8000, required=False
    )
    signed = forms.BooleanField(label="申请人已核对笔录并签字确认", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("channel") == Channel.ORAL:
            # 第二十二条第三款: 口头申请的, 当场记录; the record stands once the applicant signs it.
            if not (data.get("oral_record") or "").strip():
                self.add_error("oral_record", "口头申请须当场记录申请人的请求、事实、理由和时间")
            if not data.get("signed"):
                self.add_error("signed", "口头申请笔录须经申请人核对并签字确认")
        return data


def reconsideration_body() -> OrgUnit | None:
    """The body receiving online applications: ``FAZHI_RECONSIDERATION_BODY`` (an org unit
    code), by default the justice bureau of the site's government (it handles the government's
    reconsideration cases)."""
    code = getattr(settings, "FAZHI_RECONSIDERATION_BODY", "") or (
        f"{settings.FAZHI_SITE_GOVERNMENT[:6]}-SFJ"
    )
    return OrgUnit.objects.filter(code=code).first()


def owner_unit(case: Case) -> OrgUnit:
    owner = case.owner_unit()
    assert owner is not None  # every case is opened with its owner
    return owner


def _applicant(case: Case, data: Mapping[str, Any], account: Any = None) -> Party:
    owner = owner_unit(case)
    # An enterprise account applies for its entity only once its binding is verified.
    if account is not None and account.acts_for_entity:
        return Party.objects.create(case=case, role="applicant", entity=account.entity)
    person = Person.objects.create(
        name=data["applicant_name"],
        id_number=data.get("applicant_id_number", "") or "",
        phone=data.get("applicant_phone", "") or (account.phone if account else ""),
        address=data.get("applicant_address", "") or "",
        owner_unit=owner,
    )
    return Party.objects.create(case=case, role="applicant", person=person)


@transaction.atomic
def register_at_counter(actor: Any, data: Mapping[str, Any], *, on: date) -> Case:
    """At the counter, by post or orally: the handler registers it (their role is checked)."""
    form = CounterForm(data=data if hasattr(data, "getlist") else dict(data))
    if not form.is_valid():
        raise TransitionError(form_refusals(form, "行政复议法 第二十二条"))
    clean = form.cleaned_data
    case = register_case(KIND, actor, data, on=on)
    _applicant(case, clean)
    oral = clean["channel"] == Channel.ORAL
    app = Application.objects.create(
        case=case,
        channel=clean["channel"],
        request=clean["request"],
        facts=clean["facts"],
        oral_record=clean["oral_record"] if oral else "",
        signed_on=on if oral else None,
        recorded_by=actor,
    )
    store_application(case, app, clean["applicant_name"], actor)
    return case


@transaction.atomic
def apply_online(account: Any, data: Mapping[str, Any], *, on: date) -> Case:
    """By the applicant's public account (第二十二条第二款 指定的互联网渠道): registered in the
    reconsideration body's name, with no staff actor; the review clock starts on receipt."""
    body = reconsideration_body()
    if body is None or WORKFLOW.create is None:
        raise TransitionError(Refusal("本平台尚未设置行政复议机构", "行政复议法 第二十二条"))
    case = WORKFLOW.create(None, body, data, on)
    name = data.get("applicant_name") or account.display_name
    _applicant(case, {**data, "applicant_name": name}, account)
    app = Application.objects.create(
        case=case,
        channel=Channel.ONLINE,
        account=account,
        request=data.get("request", ""),
        facts=data.get("facts", ""),
    )
    store_application(case, app, name, None)
    return case


class OnlineForm(ApplicantForm):
    """The portal's application form: the same facts as the counter's, without the case list
    (the public names the decision by its number; it is linked when it is Fazhi's)."""

    title = forms.CharField(label="案由", max_length=200)
    act_complained = forms.CharField(
        label="被申请复议的行政行为", widget=forms.Textarea, max_length=4000
    )
    respondent = forms.ModelChoiceField(
        label="被申请人", queryset=OrgUnit.objects.filter(kind=UnitKind.DEPARTMENT)
    )
    knew_on = forms.DateField(
        label="知道该行政行为之日", widget=forms.DateInput(attrs={"type": "date"})
    )
    decision_number = forms.CharField(
        label="行政处罚（强制）决定书编号（如有）", max_length=60, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        number = (data.get("decision_number") or "").strip()
        data["reviewed_case"] = None
        if number:
            # A lookup to link the case, never shown to the applicant.
            data["reviewed_case"] = (
                Case.objects.filter(kind__in=["penalty", "coercion"], number=number)
                .unrestricted("网上复议申请关联被复议的执法案件")
                .first()
            )
        return data


def submissions(account: Any) -> Iterable[SubmissionItem]:
    """The account's own applications, for 我的办件."""
    rows = Application.objects.filter(account=account).select_related("case")
    for row in rows.order_by("-case__opened_on", "-id"):
        yield SubmissionItem(
            account_id=account.pk,
            title=f"行政复议申请：{row.case.title}",
            submitted_at=row.case.opened_on,
            status=row.case.get_state_display(),
            reference=row.case.number,
        )


# -- parties: 第三人 and 代理人 ----------------------------------------------------------------


class ThirdPartyForm(forms.Form):
    name = forms.CharField(label="第三人姓名（名称）", max_length=50)
    id_number = forms.CharField(label="身份证件号码", max_length=20, required=False)
    phone = forms.CharField(label="联系电话", max_length=20, required=False)
    joined_by = forms.ChoiceField(label="参加方式", choices=ThirdPartyJoin.choices)
    interest = forms.CharField(label="与本案的利害关系", max_length=300)


class PrincipalChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_role_display()}：{obj}"


class AgentForm(forms.Form):
    principal = PrincipalChoice(label="委托人", queryset=Party.objects.none())
    name = forms.CharField(label="代理人姓名", max_length=50)
    id_number = forms.CharField(label="身份证件号码", max_length=20, required=False)
    phone = forms.CharField(label="联系电话", max_length=20, required=False)
    agent_kind = forms.ChoiceField(label="代理人类别", choices=AgentKind.choices)
    mandate = forms.CharField(label="授权委托书载明的委托事项、权限和期限", max_length=300)

    def bind_case(self, case: Case) -> None:
        field = self.fields["principal"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Party.objects.filter(case=case, role__in=["applicant", "third_party"])


def agents_within_limit(ctx: StepContext) -> Refusal | None:
    principal = ctx.data.get("principal")
    if principal is None:  # the form's own refusal says so
        return None
    if PartyRecord.objects.filter(principal=principal).count() >= AGENTS_PER_PRINCIPAL:
        return Refusal(
            f"{principal} 已委托两名代理人，申请人、第三人可以委托一至二名代理人",
            "行政复议法 第十七条第一款",
        )
    return None


def _person(case: Case, data: Mapping[str, Any]) -> Person:
    return Person.objects.create(
        name=data["name"],
        id_number=data.get("id_number", "") or "",
        phone=data.get("phone", "") or "",
        owner_unit=owner_unit(case),
    )


def _third_party_added(ctx: StepContext, event: Any) -> None:
    party = Party.objects.create(
        case=ctx.case, role="third_party", person=_person(ctx.case, ctx.data)
    )
    PartyRecord.objects.create(
        party=party, case=ctx.case, joined_by=ctx.data["joined_by"], interest=ctx.data["interest"]
    )


def _agent_added(ctx: StepContext, event: Any) -> None:
    party = Party.objects.create(case=ctx.case, role="agent", person=_person(ctx.case, ctx.data))
    PartyRecord.objects.create(
        party=party,
        case=ctx.case,
        principal=ctx.data["principal"],
        agent_kind=ctx.data["agent_kind"],
        mandate=ctx.data["mandate"],
    )


# -- the steps --------------------------------------------------------------------------------

OPEN = list(OPEN_STATES)
WORKFLOW.add(
    "add_third_party",
    "第三人参加复议",
    OPEN,
    STAY,
    staff_roles=[HANDLER],
    basis="行政复议法 第十六条",
    form=ThirdPartyForm,
    effect=_third_party_added,
)
WORKFLOW.add(
    "add_agent",
    "登记委托代理人",
    OPEN,
    STAY,
    staff_roles=[HANDLER],
    basis="行政复议法 第十七条",
    gates=[agents_within_limit],
    form=AgentForm,
    effect=_agent_added,
)
