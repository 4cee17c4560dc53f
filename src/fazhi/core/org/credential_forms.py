"""The small forms of the credential lifecycle, one per action of the officer page."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from .choices import CredentialAction
from .services import VALIDITY_YEARS


class StepForm(forms.Form):
    on = forms.DateField(label="办理日期", initial=timezone.localdate)
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonedStepForm(StepForm):
    """Suspending or revoking a credential restricts an officer: the reason is recorded."""

    note = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}))


class ExamForm(StepForm):
    score = forms.IntegerField(label="考试成绩", min_value=0, max_value=100)


class IssueForm(StepForm):
    credential_no = forms.CharField(label="执法证号", max_length=30)
    areas = forms.CharField(label="执法领域", max_length=200)
    valid_until = forms.DateField(
        label="有效期至",
        required=False,
        help_text=f"不填则自发证日期起 {VALIDITY_YEARS} 年",
    )


class AnnualCheckForm(StepForm):
    passed = forms.TypedChoiceField(
        label="年审结果",
        choices=[("1", "合格"), ("0", "不合格（暂扣证件）")],
        coerce=lambda v: v == "1",
    )


FORMS: dict[str, type[StepForm]] = {
    CredentialAction.EXAM: ExamForm,
    CredentialAction.ISSUE: IssueForm,
    CredentialAction.ANNUAL_CHECK: AnnualCheckForm,
    CredentialAction.SUSPEND: ReasonedStepForm,
    CredentialAction.REINSTATE: StepForm,
    CredentialAction.REVOKE: ReasonedStepForm,
}
