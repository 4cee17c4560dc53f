"""提请行政复议委员会咨询 (行政复议法 第五十二条) and its consultative opinion (第六十一条第三款).

The head of the reconsideration body refers a major or complex case and names the members who
advise on it. A member — often external (专家、学者), holding the personal role 复议委员会非常任
委员 — takes part in the case personally (a ``Participant`` with ``staff``), so the one scoping
method shows them that case and no other; they give their opinion on the case page, and the
opinion is shown to whoever decides (the case page's reconsideration panel).
"""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.casework.models import Case, Participant
from fazhi.core.casework.workflow import STAY, Refusal, StepContext
from fazhi.core.org.choices import Role
from fazhi.core.org.models import Staff

from .choices import OPEN_STATES
from .hearings import StaffChoice
from .models import CommitteeOpinion, CommitteeReferral
from .party_choices import CommitteeGround
from .workflow import HEAD, WORKFLOW, accepted

MEMBER_ROLE = "committee_member"


class ReferForm(forms.Form):
    ground = forms.ChoiceField(label="提请咨询的情形", choices=CommitteeGround.choices)
    questions = forms.CharField(label="咨询事项", widget=forms.Textarea, max_length=4000)
    member_1 = StaffChoice(label="委员一", queryset=Staff.objects.none())
    member_2 = StaffChoice(label="委员二", queryset=Staff.objects.none(), required=False)
    member_3 = StaffChoice(label="委员三", queryset=Staff.objects.none(), required=False)

    def bind_case(self, case: Case) -> None:
        members = Staff.objects.filter(is_active=True, roles__role=Role.COMMITTEE_MEMBER).distinct()
        for name in ("member_1", "member_2", "member_3"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = members


class OpinionForm(forms.Form):
    opinion = forms.CharField(label="咨询意见", widget=forms.Textarea, max_length=8000)


def referral(case: Case) -> CommitteeReferral | None:
    return CommitteeReferral.objects.filter(case=case).order_by("-id").first()


def referred(ctx: StepContext) -> Refusal | None:
    if referral(ctx.case) is None:
        return Refusal(
            "本案尚未提请行政复议委员会咨询",
            "行政复议法 第五十二条",
            missing_step="refer_committee",
        )
    return None


def not_yet_given(ctx: StepContext) -> Refusal | None:
    current = referral(ctx.case)
    if current is not None and current.opinions.filter(member=ctx.actor).exists():
        return Refusal("您已就本次咨询提出意见", "行政复议法 第五十二条")
    return None


def _referred(ctx: StepContext, event: Any) -> None:
    CommitteeReferral.objects.create(
        case=ctx.case,
        ground=ctx.data["ground"],
        questions=ctx.data["questions"],
        referred_on=ctx.on,
        referred_by=ctx.actor,
    )
    for i in (1, 2, 3):
        member = ctx.data.get(f"member_{i}")
        if member is not None:
            Participant.objects.get_or_create(case=ctx.case, staff=member, role=MEMBER_ROLE)


def _opinion_given(ctx: StepContext, event: Any) -> None:
    current = referral(ctx.case)
    assert current is not None  # the gate says so
    CommitteeOpinion.objects.create(
        referral=current,
        case=ctx.case,
        member=ctx.actor,
        opinion=ctx.data["opinion"],
        given_on=ctx.on,
    )


WORKFLOW.add(
    "refer_committee",
    "提请行政复议委员会咨询",
    list(OPEN_STATES),
    STAY,
    staff_roles=[HEAD],
    basis="行政复议法 第五十二条",
    gates=[accepted],
    form=ReferForm,
    effect=_referred,
)
WORKFLOW.add(
    "committee_opinion",
    "提出咨询意见",
    list(OPEN_STATES),
    STAY,
    staff_roles=[Role.COMMITTEE_MEMBER],
    by_roles=[MEMBER_ROLE],
    basis="行政复议法 第五十二条、第六十一条第三款",
    gates=[referred, not_yet_given],
    form=OpinionForm,
    effect=_opinion_given,
)
