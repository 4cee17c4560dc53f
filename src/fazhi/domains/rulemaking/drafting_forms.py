"""The forms of the drafting case: registration and each step's form."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.org.models import OrgUnit

from .choices import TextKind, TextState
from .drafting_choices import Adoption, CommentStatus, ReviewConclusion
from .models import Comment, LegalText, PlanEntry
from .models.drafting import DRAFT_KINDS
from .parsing import ParseError, parse

TEXT_HELP = "按条文格式录入：章用“## 第一章 总则”，条用“第一条 ……”，款另起一段，项用“（一）……”"


class DraftForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=DRAFT_KINDS)
    title = forms.CharField(label="名称", max_length=200)
    issuer = forms.ModelChoiceField(
        label="制定机关", queryset=OrgUnit.objects.filter(active=True).order_by("path")
    )
    plan_entry = forms.ModelChoiceField(
        label="年度计划项目", queryset=PlanEntry.objects.all(), required=False
    )
    amends = forms.ModelChoiceField(
        label="修订的现行文本（制定新文本的留空）",
        queryset=LegalText.objects.filter(
            kind__in=[TextKind.GOVERNMENT_RULE, TextKind.NORMATIVE_DOCUMENT],
            state=TextState.IN_FORCE,
        ),
        required=False,
    )
    market_related = forms.BooleanField(label="与市场主体生产经营活动密切相关", required=False)
    integrity_required = forms.BooleanField(label="须开展制度廉洁性评估", required=False)


class ResearchForm(forms.Form):
    summary = forms.CharField(label="调研情况", widget=forms.Textarea, max_length=8000)


def _parsed(text: str) -> str:
    try:
        parse(text)
    except ParseError as error:
        raise forms.ValidationError(str(error)) from error
    return text


class DraftTextForm(forms.Form):
    draft_text = forms.CharField(
        label="草案文本", widget=forms.Textarea, max_length=200000, help_text=TEXT_HELP
    )
    explanation = forms.CharField(
        label="起草说明", widget=forms.Textarea, max_length=20000, required=False
    )

    def clean_draft_text(self) -> str:
        return _parsed(self.cleaned_data["draft_text"])


class ReviseForm(forms.Form):
    draft_text = forms.CharField(
        label="修改后的草案文本", widget=forms.Textarea, max_length=200000, help_text=TEXT_HELP
    )
    reason = forms.CharField(label="修改说明", max_length=2000)

    def clean_draft_text(self) -> str:
        return _parsed(self.cleaned_data["draft_text"])


class ConsultationForm(forms.Form):
    closes_on = forms.DateField(label="征求意见截止日期")
    shortened_reason = forms.CharField(
        label="少于30日的理由（缩短期限时填写）", max_length=500, required=False
    )
    anonymous_allowed = forms.BooleanField(label="允许匿名提出意见", required=False)


class _CommentChoice(forms.Form):
    comment = forms.ModelChoiceField(label="意见", queryset=Comment.objects.none())
    statuses: tuple[str, ...] = ()

    def bind_case(self, case: Any) -> None:
        qs = Comment.objects.filter(consultation__draft__case=case)
        if self.statuses:
            qs = qs.filter(status__in=self.statuses)
        self.fields["comment"].queryset = qs  # type: ignore[attr-defined]  # a ModelChoiceField


class ModerateForm(_CommentChoice):
    statuses = (CommentStatus.PENDING,)
    decision = forms.ChoiceField(
        label="审核结果",
        choices=[(CommentStatus.PUBLISHED, "公开"), (CommentStatus.REJECTED, "不予公开")],
    )
    reason = forms.CharField(label="理由（不予公开的必填）", max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("decision") == CommentStatus.REJECTED
            and not (data.get("reason") or "").strip()
        ):
            self.add_error("reason", "不予公开的，须说明理由")
        return data


class AnswerForm(_CommentChoice):
    statuses = (CommentStatus.PUBLISHED,)
    adoption = forms.ChoiceField(label="采纳情况", choices=Adoption.choices)
    response = forms.CharField(label="说明", max_length=2000)


class FeedbackForm(forms.Form):
    summary = forms.CharField(label="意见采纳情况总体说明", widget=forms.Textarea, max_length=8000)


class SelfReviewForm(forms.Form):
    conclusion = forms.ChoiceField(label="结论", choices=ReviewConclusion.choices)
    opinion = forms.CharField(label="审查意见", widget=forms.Textarea, max_length=8000)


class NoteForm(forms.Form):
    note = forms.CharField(label="说明", max_length=2000, required=False)


class DeliberateForm(forms.Form):
    meeting = forms.CharField(label="审议会议", max_length=100, initial="市人民政府常务会议")
    note = forms.CharField(label="审议意见", max_length=2000, required=False)


class PublishForm(forms.Form):
    effective_from = forms.DateField(label="施行日期")
    early_effect_reason = forms.CharField(
        label="公布后30日内施行的理由（规章；依法可以自公布之日起施行的情形）",
        max_length=500,
        required=False,
    )
    gazette = forms.CharField(label="公报刊载", max_length=100, initial="鄂州市人民政府公报")
    doc_number = forms.CharField(label="文号（留空则统一编号）", max_length=80, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", max_length=500)
