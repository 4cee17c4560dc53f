"""The lawsuit steps' forms; a form with ``bind_case`` offers only the case's own defendants
(or its open suggestions)."""

from __future__ import annotations

from django import forms

from fazhi.core.casework.models import Case
from fazhi.core.org.models import OrgUnit

from ..litigation_choices import JUDGED, AbsenceReason, Appearer, DecisionType
from ..models import JudicialSuggestion, LawsuitDefendant


class _CaseBound(forms.Form):
    """A step's form whose defendant choices are the case's own defendants."""

    def bind_case(self, case: Case) -> None:
        units = LawsuitDefendant.objects.filter(lawsuit__case=case).values_list("org_unit_id")
        if "defendant" in self.fields:
            field = self.fields["defendant"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = OrgUnit.objects.filter(pk__in=units)


class LawsuitForm(forms.Form):
    title = forms.CharField(label="案由", max_length=200)
    court = forms.CharField(label="一审法院", max_length=100)
    court_number = forms.CharField(label="法院案号", max_length=60)
    plaintiffs = forms.CharField(label="原告（每行一人）", widget=forms.Textarea, max_length=2000)
    served_on = forms.DateField(label="收到起诉状副本之日")
    defendant = forms.ModelChoiceField(
        label="被告（作出行政行为的行政机关）", queryset=OrgUnit.objects.all()
    )
    reconsideration_body = forms.ModelChoiceField(
        label="复议机关（维持原行政行为的，为共同被告）",
        queryset=OrgUnit.objects.all(),
        required=False,
    )
    other_defendants = forms.ModelMultipleChoiceField(
        label="其他被告", queryset=OrgUnit.objects.all(), required=False
    )
    reconsideration_case = forms.ModelChoiceField(
        label="经复议的，复议案件（本平台办理的）",
        queryset=Case.objects.filter(kind="reconsideration"),
        required=False,
    )
    enforcement_case = forms.ModelChoiceField(
        label="被诉的执法案件（本平台办理的）",
        queryset=Case.objects.filter(kind__in=["penalty", "coercion"]),
        required=False,
    )


class DefenceForm(_CaseBound):
    defendant = forms.ModelChoiceField(label="被告", queryset=OrgUnit.objects.none())
    evidence = forms.CharField(
        label="提交的证据和规范性文件", widget=forms.Textarea, max_length=4000
    )


class HearingForm(_CaseBound):
    defendant = forms.ModelChoiceField(label="被告", queryset=OrgUnit.objects.none())
    appearer = forms.ChoiceField(label="出庭人员", choices=Appearer.choices)
    name = forms.CharField(label="出庭人姓名", max_length=50, required=False)
    post = forms.CharField(label="职务", max_length=50, required=False)
    absence_reason = forms.ChoiceField(
        label="负责人未出庭的理由",
        choices=[("", "—"), *AbsenceReason.choices],
        required=False,
    )
    absence_note = forms.CharField(label="理由说明", max_length=500, required=False)
    head_requested = forms.BooleanField(label="法院书面建议负责人出庭", required=False)


class JudgeForm(forms.Form):
    decision_type = forms.ChoiceField(
        label="裁判文书",
        choices=[(DecisionType.JUDGMENT.value, "判决"), (DecisionType.RULING.value, "裁定")],
    )
    outcome = forms.ChoiceField(label="结果", choices=JUDGED)
    note = forms.CharField(label="裁判要旨", widget=forms.Textarea, max_length=4000, required=False)


class AppealForm(forms.Form):
    appellant = forms.ChoiceField(
        label="上诉人", choices=[("plaintiff", "原告"), ("defendant", "被告"), ("third", "第三人")]
    )
    court = forms.CharField(label="二审法院", max_length=100)
    court_number = forms.CharField(label="二审案号", max_length=60)


class RetrialForm(forms.Form):
    court = forms.CharField(label="再审法院", max_length=100)
    court_number = forms.CharField(label="再审案号", max_length=60)


class EndForm(forms.Form):
    note = forms.CharField(label="说明", widget=forms.Textarea, max_length=2000, required=False)


class SuggestionForm(_CaseBound):
    defendant = forms.ModelChoiceField(label="被建议单位", queryset=OrgUnit.objects.none())
    court = forms.CharField(label="提出建议的法院", max_length=100)
    content = forms.CharField(label="建议内容", widget=forms.Textarea, max_length=4000)
    reply_due = forms.DateField(label="建议书载明的答复期限", required=False)


class SuggestionReplyForm(forms.Form):
    suggestion = forms.ModelChoiceField(
        label="司法建议", queryset=JudicialSuggestion.objects.none()
    )
    reply = forms.CharField(label="答复内容", widget=forms.Textarea, max_length=4000)

    def bind_case(self, case: Case) -> None:
        field = self.fields["suggestion"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = JudicialSuggestion.objects.filter(
            lawsuit__case=case, replied_on__isnull=True
        )
