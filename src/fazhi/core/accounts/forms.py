from __future__ import annotations

from django import forms

from fazhi.core.org.validators import normalize_code, validate_uscc

from .choices import AccountKind
from .validators import normalize_phone, validate_mobile


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label="手机号码",
        max_length=20,
        widget=forms.TextInput(
            attrs={"inputmode": "tel", "autocomplete": "tel", "placeholder": "11位手机号码"}
        ),
    )

    def clean_phone(self) -> str:
        phone = normalize_phone(self.cleaned_data["phone"])
        validate_mobile(phone)
        return phone


class CodeForm(forms.Form):
    code = forms.RegexField(
        label="短信验证码",
        regex=r"^[0-9]{6}$",
        error_messages={"invalid": "请输入6位数字验证码。"},
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "maxlength": "6",
                "placeholder": "6位数字",
            }
        ),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()


class SignUpForm(forms.Form):
    display_name = forms.CharField(label="称呼", max_length=50, help_text="姓名或企业名称")
    kind = forms.ChoiceField(
        label="账号类型", choices=AccountKind.choices, widget=forms.RadioSelect
    )
    agree = forms.BooleanField(
        label="我已阅读并同意：手机号码仅用于登录和办理事项通知，不对外公开。",
        error_messages={"required": "请阅读并同意个人信息处理说明。"},
    )

    def clean_display_name(self) -> str:
        name = " ".join(self.cleaned_data["display_name"].split())
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
            raise forms.ValidationError("称呼不能包含控制字符。")
        return name


class BindingForm(forms.Form):
    uscc = forms.CharField(label="统一社会信用代码", max_length=40)
    representative = forms.CharField(label="法定代表人（经营者）姓名", max_length=50)

    def clean_uscc(self) -> str:
        code = normalize_code(self.cleaned_data["uscc"])
        validate_uscc(code)
        return code
