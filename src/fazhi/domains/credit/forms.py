"""The office forms of the credit app."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from fazhi.core.org.models import Entity
from fazhi.core.org.validators import is_valid_uscc

from .choices import Severity, SourceKind

ENTRY_KINDS = [
    (SourceKind.COMMITMENT.value, SourceKind.COMMITMENT.label),
    (SourceKind.LICENCE.value, SourceKind.LICENCE.label),
]


class EntryForm(forms.Form):
    """A department records credit information it recognised: a notify-commit commitment found
    untrue or not kept (with its severity), or a licence (good information)."""

    department = forms.ChoiceField(label="认定单位")
    uscc = forms.CharField(label="统一社会信用代码", max_length=18)
    source_kind = forms.ChoiceField(label="信息类别", choices=ENTRY_KINDS)
    severity = forms.ChoiceField(
        label="失信程度（告知承诺失信）", choices=[("", "—"), *Severity.choices], required=False
    )
    recognised_on = forms.DateField(
        label="文书认定日", widget=forms.DateInput(attrs={"type": "date"})
    )
    document_no = forms.CharField(label="认定文书文号", max_length=80)
    summary = forms.CharField(label="信息内容（失信行为或许可事项）", widget=forms.Textarea)
    basis = forms.CharField(label="认定依据", max_length=300)
    valid_until = forms.DateField(
        label="许可有效期至（行政许可）",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, units: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = {str(u.pk): u for u in units}
        field = cast(forms.ChoiceField, self.fields["department"])
        field.choices = [(str(u.pk), u.name) for u in units]

    def clean_uscc(self) -> Entity:
        code = self.cleaned_data["uscc"].strip().upper()
        entity = Entity.objects.filter(uscc=code).first() if is_valid_uscc(code) else None
        if entity is None:
            raise forms.ValidationError("市场主体名录中没有这个统一社会信用代码")
        return entity

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("source_kind")
        if kind == SourceKind.COMMITMENT and not data.get("severity"):
            self.add_error("severity", "告知承诺失信须写明失信程度")
        if kind == SourceKind.LICENCE and not data.get("valid_until"):
            self.add_error("valid_until", "行政许可信息须写明有效期至")
        if data.get("department") in self.units:
            data["department"] = self.units[data["department"]]
        return data
