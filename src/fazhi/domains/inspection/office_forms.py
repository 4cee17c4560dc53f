"""The back office's forms for plans and campaigns; every error in plain Chinese, naming the
field, the value and the rule."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms

from fazhi.core.org.models import OrgUnit
from fazhi.core.org.scoping import scoped

from . import rules
from .models import CheckItem, InspectionPlan
from .running import SECRET_MAX_BYTES, SECRET_MIN_BYTES, items_in_force

RATIO_EXAMPLE = "A:20 B:30 C:60 D:200 未分类:0"


class RatiosField(forms.CharField):
    """Per-class ratios in per mille, written ``分类:千分比`` separated by spaces or commas."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 400)
        kwargs.setdefault(
            "help_text",
            f"每类写成“分类:千分比”，用空格分隔，如 {RATIO_EXAMPLE}。名录库中出现的每个分类"
            "（含没有分类结果的“未分类”）都须有比例，否则冻结名录库时拒绝。",
        )
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dict):
            return " ".join(f"{k}:{v}" for k, v in value.items())
        return value

    def to_python(self, value: Any) -> dict[str, int]:  # type: ignore[override]
        text = super().to_python(value) or ""
        out: dict[str, int] = {}
        for part in re.split(r"[\s,，;；、]+", text.replace("：", ":").strip()):
            if not part:
                continue
            name, sep, number = part.partition(":")
            name = name.strip()
            if not sep or not name:
                raise forms.ValidationError(
                    f"“{part}”格式不对，应写成“分类:千分比”，如 A:20", code="format"
                )
            if not re.fullmatch(r"\d{1,4}", number.strip()) or int(number) > 1000:
                raise forms.ValidationError(
                    f"分类“{name}”的比例“{number}”应为0至1000之间的整数（千分比）", code="range"
                )
            if name in out:
                raise forms.ValidationError(f"分类“{name}”填写了两次", code="duplicate")
            out[name] = int(number)
        return out

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise forms.ValidationError(
                f"请填写各分类的抽查比例，如 {RATIO_EXAMPLE}", code="required"
            )


class PlanForm(forms.Form):
    department = forms.ModelChoiceField(
        label="部门",
        queryset=OrgUnit.objects.none(),
        error_messages={"required": "请选择部门", "invalid_choice": "您不能为这个部门制定计划"},
    )
    year = forms.IntegerField(
        label="年度",
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": "请填写年度",
            "invalid": "年度应为四位数字",
            "min_value": "年度不能早于2000年",
            "max_value": "年度不能晚于2100年",
        },
    )
    title = forms.CharField(
        label="计划名称",
        max_length=200,
        required=False,
        help_text="不填则为“部门+年度双随机抽查工作计划”",
    )
    scheme = forms.CharField(
        label="信用风险分类体系",
        max_length=40,
        initial="市场监管",
        error_messages={"required": "请填写本计划使用的信用风险分类体系，如“市场监管”"},
    )
    ratios = RatiosField(label="各类抽查比例（‰）")
    team_size = forms.IntegerField(
        label="每组检查人员数",
        initial=2,
        error_messages={"required": "请填写每组检查人员数", "invalid": "每组检查人员数应为整数"},
    )
    no_repeat_days = forms.IntegerField(
        label="不重复抽查间隔（日）",
        initial=365,
        min_value=0,
        max_value=3650,
        error_messages={
            "required": "请填写不重复抽查间隔",
            "invalid": "不重复抽查间隔应为整数（日）",
            "min_value": "不重复抽查间隔不能为负数",
            "max_value": "不重复抽查间隔不能超过3650日",
        },
    )
    yearly_cap = forms.IntegerField(
        label="同一企业年度检查次数上限",
        initial=rules.default_yearly_cap,
        min_value=1,
        max_value=100,
        error_messages={
            "required": "请填写同一企业年度检查次数上限（国办发〔2024〕54号：须公布上限）",
            "invalid": "检查次数上限应为整数",
            "min_value": "检查次数上限至少为1次",
            "max_value": "检查次数上限不能超过100次",
        },
    )
    publication_workdays = forms.IntegerField(
        label="结果公示期限（工作日）",
        initial=20,
        error_messages={"required": "请填写结果公示期限", "invalid": "结果公示期限应为整数"},
    )
    exclude_own_grid = forms.BooleanField(label="不得抽派本网格执法人员", required=False)

    def __init__(
        self, *args: Any, units: list[OrgUnit], plan: InspectionPlan | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        if plan is not None:  # changing a draft: its department and year stay
            del self.fields["department"], self.fields["year"]
            return
        field = self.fields["department"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = OrgUnit.objects.filter(pk__in=[u.pk for u in units])
        if len(units) == 1:
            field.initial = units[0].pk

    def clean_team_size(self) -> int:
        size = self.cleaned_data["team_size"]
        if size < 2:
            raise forms.ValidationError(
                "每组至少两名持证执法人员（行政处罚法 第四十二条；国发〔2019〕5号）"
            )
        if size > 20:
            raise forms.ValidationError("每组检查人员数不能超过20人")
        return int(size)

    def clean_publication_workdays(self) -> int:
        days = self.cleaned_data["publication_workdays"]
        if not 1 <= days <= 20:
            raise forms.ValidationError(
                "结果公示期限应为1至20个工作日（企业信息公示暂行条例 第六条：二十个工作日内公示）"
            )
        return int(days)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        dept, year = data.get("department"), data.get("year")
        if (
            self.plan is None
            and dept
            and year
            and InspectionPlan.objects.filter(department=dept, year=year).exists()
        ):
            self.add_error("year", f"{dept.name}已有{year}年度的抽查计划（每个部门每年一份计划）")
        return data


class ItemChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.name}"


class PartnerItemChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.department.name}：{obj.code} {obj.name}"


class EntryForm(forms.Form):
    """One campaign of the plan (and, for a joint one, its partners and their items)."""

    name = forms.CharField(
        label="任务名称", max_length=200, error_messages={"required": "请填写任务名称"}
    )
    starts_on = forms.DateField(
        label="计划开始",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "请填写计划开始日期", "invalid": "日期格式应为 2019-04-01"},
    )
    ends_on = forms.DateField(
        label="计划结束",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "请填写计划结束日期", "invalid": "日期格式应为 2019-04-30"},
    )
    items = ItemChoiceField(
        label="本部门抽查事项（现行有效）",
        queryset=CheckItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "请至少选择一个本部门的抽查事项",
            "invalid_choice": "所选抽查事项不在本部门现行有效的抽查事项清单中",
        },
    )
    partners = forms.ModelMultipleChoiceField(
        label="联合抽查部门（进一次门、查多项事）",
        queryset=OrgUnit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "所选部门没有现行有效的抽查事项，不能联合抽查"},
    )
    partner_items = PartnerItemChoiceField(
        label="联合抽查部门的抽查事项",
        queryset=CheckItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "所选事项不在联合部门现行有效的抽查事项清单中"},
    )
    ratios = RatiosField(label="本任务的抽查比例（‰，不填则按计划）", required=False)

    def __init__(self, *args: Any, plan: InspectionPlan, user: Any, on: date, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.plan = plan
        in_force = scoped(user, CheckItem).filter(pk__in=items_in_force(on).values("pk"))
        own = in_force.filter(department=plan.department).order_by("code")
        others = in_force.exclude(department=plan.department).select_related("department")
        self._set("items", own)
        self._set("partner_items", others.order_by("department__code", "code"))
        self._set(
            "partners",
            OrgUnit.objects.filter(pk__in=others.values("department_id")).order_by("code"),
        )

    def _set(self, name: str, qs: Any) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = qs

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and starts.year != self.plan.year:
            self.add_error("starts_on", f"任务须在计划年度（{self.plan.year}年）内开始")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "计划结束日期不能早于开始日期")
        partners = list(data.get("partners") or [])
        partner_items = list(data.get("partner_items") or [])
        chosen = {p.pk for p in partners}
        for item in partner_items:
            if item.department_id not in chosen:
                self.add_error(
                    "partner_items",
                    f"事项“{item.name}”属于{item.department.name}，须先将其选为联合抽查部门",
                )
        have = {i.department_id for i in partner_items}
        for p in partners:
            if p.pk not in have:
                self.add_error("partner_items", f"请为联合抽查部门{p.name}选择至少一个抽查事项")
        if starts:
            in_force = set(items_in_force(starts).values_list("pk", flat=True))
            for item in [*(data.get("items") or []), *partner_items]:
                if item.pk not in in_force:
                    self.add_error(
                        None, f"抽查事项“{item.name}”在计划开始日期（{starts}）不在有效期内"
                    )
        return data


SECRET_HELP = (
    f"{SECRET_MIN_BYTES * 2}至{SECRET_MAX_BYTES * 2}位十六进制字符（0–9、a–f）。"
    "不填则由系统生成，只显示一次，请抄录保存；系统只保存其 SHA-256 摘要，揭示前不保存秘密值本身。"
)


class CommitForm(forms.Form):
    secret = forms.CharField(
        label="我的秘密值",
        required=False,
        max_length=SECRET_MAX_BYTES * 2 + 10,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text=SECRET_HELP,
    )
    commitment = forms.CharField(
        label="或：自行计算的承诺值（SHA-256，64位十六进制）",
        required=False,
        max_length=70,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean_commitment(self) -> str:
        value = (self.cleaned_data.get("commitment") or "").strip().lower()
        if value and not re.fullmatch(r"[0-9a-f]{64}", value):
            raise forms.ValidationError("承诺值应为64位十六进制字符（0–9、a–f）")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("secret") and data.get("commitment"):
            raise forms.ValidationError("秘密值和承诺值只填一项")
        return data


class RevealForm(forms.Form):
    secret = forms.CharField(
        label="我的秘密值",
        max_length=SECRET_MAX_BYTES * 2 + 10,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        error_messages={"required": "请填写提交承诺时保存的秘密值"},
    )
