"""The upload form: which department, which file, and what to do with bad rows."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.org.models import OrgUnit

from .choices import ImportMode
from .excel import FileRefused, check_upload
from .specs import ImportSpec


class ImportForm(forms.Form):
    department: forms.ModelChoiceField[OrgUnit] = forms.ModelChoiceField(
        label="导入部门",
        queryset=None,  # set per user in __init__
        empty_label=None,
        error_messages={"invalid_choice": "只能导入到您所在的部门"},
    )
    file = forms.FileField(
        label="Excel 文件（.xlsx）",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    mode = forms.ChoiceField(
        label="有错误行时",
        choices=ImportMode.choices,
        initial=ImportMode.ALL_OR_NOTHING,
        widget=forms.RadioSelect,
    )
    valid_from = forms.DateField(
        label="生效日期",
        required=False,
        help_text="留空为今天；文件中有“生效日期”列的，以该列为准",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reason = forms.CharField(
        label="变更理由",
        max_length=300,
        required=False,
        help_text="新增和修改的版本记录此理由；文件中有“理由”列的，以该列为准",
    )

    def __init__(self, *args: Any, user: Any, spec: ImportSpec, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spec = spec
        self.fields["department"].queryset = spec.departments(user)  # type: ignore[attr-defined]
        if not spec.versioned:
            del self.fields["valid_from"]
            del self.fields["reason"]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            check_upload(upload.name, upload.size, upload)
        except FileRefused as exc:
            raise forms.ValidationError(exc.reason) from None
        return upload
