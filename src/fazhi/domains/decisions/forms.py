"""The step forms of a major decision (workflow.py) and of the meeting agenda."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q

from fazhi.core.org.models import LegalAdviser, OrgUnit

from .choices import MeetingOutcome, ReviewConclusion, RiskConclusion, Stance
from .models import CatalogItem, Meeting

YES = {"是", "有", "yes", "y", "1", "true"}
STANCES = {str(label): value for value, label in Stance.choices}


def _lines(text: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.replace("｜", "|").split("|")]
        for line in text.splitlines()
        if line.strip()
    ]


class DecisionForm(forms.Form):
    # 条例 第三条第三款: a major decision is a matter of the catalog the party committee agreed to.
    item = forms.ModelChoiceField(
        label="目录事项",
        queryset=CatalogItem.objects.filter(
            catalog__state__in=["approved", "published"], cancelled_on__isnull=True
        ),
        error_messages={"invalid_choice": "请选择经同级党委同意的决策事项目录中的事项"},
    )
    title = forms.CharField(label="决策名称", max_length=200)
    draft = forms.CharField(label="决策草案及说明", widget=forms.Textarea, max_length=20000)
    not_public_reason = forms.CharField(
        label="依法不予公开的理由（无则留空）", max_length=500, required=False
    )


class ConsultationForm(forms.Form):
    closes_on = forms.DateField(label="征求意见截止日期")
    shortened_reason = forms.CharField(
        label="少于30日的理由（因情况紧急等原因缩短期限时填写）", max_length=500, required=False
    )
    channels = forms.CharField(label="公布途径", max_length=200, initial="政府网站、政务新媒体")


class CloseConsultationForm(forms.Form):
    comments = forms.IntegerField(label="收到意见（条）", min_value=0)
    adoption = forms.CharField(label="意见研究采纳情况", widget=forms.Textarea, max_length=8000)


class HearingForm(forms.Form):
    place = forms.CharField(label="地点", max_length=200)
    draft_published_on = forms.DateField(label="公布草案及听证时间地点日期")
    selection_published_on = forms.DateField(label="公布参加人遴选办法日期", required=False)
    participants_published_on = forms.DateField(label="公布参加人名单日期")
    materials_delivered_on = forms.DateField(label="听证材料送达参加人日期")
    participants = forms.CharField(label="听证参加人名单", widget=forms.Textarea, max_length=4000)
    record_signed = forms.BooleanField(label="参加人已确认听证记录并签字", required=False)


class ExpertReviewForm(forms.Form):
    method = forms.CharField(label="论证方式", max_length=50, initial="论证会")
    experts = forms.CharField(
        label="论证专家（每行：姓名|工作单位|与决策事项有无直接利害关系（有/无）|说明）",
        widget=forms.Textarea,
        max_length=4000,
    )
    opinion = forms.CharField(label="论证意见", widget=forms.Textarea, max_length=8000)
    adoption = forms.CharField(
        label="论证意见研究采纳情况", widget=forms.Textarea, max_length=8000, required=False
    )

    def clean_experts(self) -> list[dict[str, Any]]:
        rows = []
        for cells in _lines(self.cleaned_data["experts"]):
            if len(cells) < 2 or not cells[0] or not cells[1]:
                raise forms.ValidationError("每位专家须写明姓名和工作单位，以“|”分隔")
            cells += [""] * (4 - len(cells))
            rows.append(
                {
                    "name": cells[0],
                    "affiliation": cells[1],
                    "direct_interest": cells[2].lower() in YES,
                    "interest": cells[3],
                }
            )
        if not rows:
            raise forms.ValidationError("至少填写一位论证专家")
        return rows


class RiskForm(forms.Form):
    assessor = forms.CharField(label="评估单位", max_length=100)
    risk_points = forms.CharField(label="风险点", widget=forms.Textarea, max_length=8000)
    measures = forms.CharField(label="防范措施和处置预案", widget=forms.Textarea, max_length=8000)
    conclusion = forms.ChoiceField(label="评估结论", choices=RiskConclusion.choices)


class AdjustForm(forms.Form):
    draft = forms.CharField(label="调整后的决策草案", widget=forms.Textarea, max_length=20000)
    reason = forms.CharField(label="调整理由", widget=forms.Textarea, max_length=4000)


class SubmitReviewForm(forms.Form):
    procedures_note = forms.CharField(
        label="履行决策法定程序的说明", widget=forms.Textarea, max_length=8000
    )
    fair_competition_note = forms.CharField(
        label="公平竞争审查情况（涉及市场主体经济活动的）",
        widget=forms.Textarea,
        max_length=4000,
        required=False,
    )


class LegalityOpinionForm(forms.Form):
    conclusion = forms.ChoiceField(label="审查结论", choices=ReviewConclusion.choices)
    opinion = forms.CharField(label="合法性审查意见", widget=forms.Textarea, max_length=8000)
    advisers = forms.ModelMultipleChoiceField(
        label="提出法律意见的法律顾问", queryset=LegalAdviser.objects.all(), required=False
    )
    public_lawyers = forms.CharField(label="提出法律意见的公职律师", max_length=200, required=False)

    def bind_case(self, case: Any) -> None:
        # The advisers the reviewing office manages (or retains), not every adviser's name.
        units = case.participants.filter(role="reviewer").values("org_unit_id")
        field = self.fields["advisers"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = LegalAdviser.objects.filter(
            Q(owner_unit_id__in=units) | Q(assignments__org_unit_id__in=units)
        ).distinct()


class AgendaForm(forms.Form):
    meeting = forms.ModelChoiceField(label="会议", queryset=Meeting.objects.all())

    def bind_case(self, case: Any) -> None:
        # Only the decision body's own meetings are offered.
        field = self.fields["meeting"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Meeting.objects.filter(
            government_id__in=case.participants.filter(role="handler").values("org_unit_id")
        )


class DiscussionForm(forms.Form):
    outcome = forms.ChoiceField(label="决定", choices=MeetingOutcome.choices)
    opinions = forms.CharField(
        label="会议组成人员意见（按发言顺序，每行：姓名|同意/不同意/弃权|意见）",
        widget=forms.Textarea,
        max_length=8000,
    )
    head_opinion = forms.CharField(
        label="行政首长意见（最后发表）", widget=forms.Textarea, max_length=4000
    )
    against_majority_reasons = forms.CharField(
        label="与多数意见不一致的理由", widget=forms.Textarea, max_length=4000, required=False
    )

    def clean_opinions(self) -> list[dict[str, str]]:
        rows = []
        for cells in _lines(self.cleaned_data["opinions"]):
            cells += [""] * (3 - len(cells))
            if not cells[0] or cells[1] not in STANCES:
                raise forms.ValidationError(
                    f"“{'|'.join(cells)}”：须写明姓名和意见（同意、不同意或弃权）"
                )
            rows.append({"member": cells[0], "stance": STANCES[cells[1]], "remarks": cells[2]})
        if not rows:
            raise forms.ValidationError("集体讨论须记录会议组成人员的意见")
        return rows


class PartyReportForm(forms.Form):
    note = forms.CharField(label="请示报告情况", max_length=500)


class ImplementationForm(forms.Form):
    summary = forms.CharField(label="执行情况", widget=forms.Textarea, max_length=8000)
    problems = forms.CharField(
        label="存在问题", widget=forms.Textarea, max_length=8000, required=False
    )


class PostEvaluationForm(forms.Form):
    evaluator = forms.CharField(label="评估单位", max_length=100)
    evaluator_unit = forms.ModelChoiceField(
        label="评估单位（本平台机构，可不选）", queryset=OrgUnit.objects.all(), required=False
    )
    trigger = forms.CharField(label="评估原因", max_length=200)
    findings = forms.CharField(label="评估结论", widget=forms.Textarea, max_length=8000)


class ReasonForm(forms.Form):
    reasons = forms.CharField(label="理由", widget=forms.Textarea, max_length=4000)
