"""Back-office forms of the lists: record a change to an entry, or open a new one.

The content of an entry is edited through a ModelForm built once per list from its version model
(``ItemVersion.base_fields`` + the list's ``content_fields``). The forms only collect and check
what the clerk typed; every write goes through ``lists.services`` (``record``, ``create_item``),
whose ``ValidationError`` is put back on the form by ``add_service_error``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import Any, cast

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone

from fazhi.core.org.display import field_label, model_field
from fazhi.core.org.models import Department
from fazhi.core.org.scoping import scoped, visible_unit_ids

from .choices import ALLOWED_ACTIONS, ListAction, ListState
from .flowchart import parse_steps
from .models import CatalogItem, DiscretionFactor, ItemVersion, PowerItem
from .services import version_fields

# The order the actions are offered in (the most frequent first).
ACTION_ORDER: tuple[str, ...] = (
    ListAction.AMEND,
    ListAction.ADJUST,
    ListAction.TRANSFER,
    ListAction.RETAIN,
    ListAction.CANCEL,
    ListAction.REPEAL,
)
# These actions record a decision about the entry as it stands: they change no content —
# except the fields that record the decision itself (a proof's status and what replaces it).
CONTENT_FREE_ACTIONS = frozenset({ListAction.RETAIN, ListAction.CANCEL, ListAction.REPEAL})
DECISION_FIELDS: dict[str, frozenset[str]] = {
    ListAction.CANCEL: frozenset({"status", "replacement"}),
    ListAction.REPEAL: frozenset({"status", "replacement"}),
}
STEP_SEPARATORS = ("｜", "|")

HELP_TEXTS = {
    "steps": "每行一个环节：环节名称｜承办人员或机构｜时限｜说明，后三项可省略；"
    "只在部分情形下才有的环节，名称加括号，如“（听证）”。流程图据此自动绘制。",
    "conditions": '免罚条件，按已声明的裁量情节填写，例如 [{"factor": "first_offence", '
    '"op": "=", "value": true}]',
    "basis_url": "法律法规原文的网址（可不填）",
}


def action_choices(state: str) -> list[tuple[str, str]]:
    """The actions ``ALLOWED_ACTIONS`` permits from ``state``, in display order."""
    allowed = ALLOWED_ACTIONS.get(state, frozenset())
    return [(str(a), str(ListAction(a).label)) for a in ACTION_ORDER if a in allowed]


def department_choices(user: Any) -> models.QuerySet:
    """The departments in which ``user`` may change list entries."""
    departments = scoped(user, Department, "view")
    return departments.filter(pk__in=visible_unit_ids(user, "change")).order_by("path")


def transfer_targets(user: Any, current: ItemVersion) -> models.QuerySet:
    """Departments of the same government as the entry's, other than its own."""
    departments = scoped(user, Department, "view")
    return (
        departments.filter(parent_id=current.department.parent_id)
        .exclude(pk=current.department_id)
        .order_by("path")
    )


def _normalise(value: Any) -> Any:
    """What a browser sends back for an unchanged value compares equal to what is stored."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    if isinstance(value, models.Model):
        return value.pk
    return value


def _attname(obj: models.Model, name: str) -> str:
    return model_field(type(obj), name).attname


def _verbose_name(obj: models.Model | type[models.Model], name: str) -> str:
    return field_label(obj if isinstance(obj, type) else type(obj), name)


def add_service_error(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ``ValidationError`` on the form: on its field where the form has one."""
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error(None, message)
        return
    for name, errors in exc.error_dict.items():
        for error in errors:
            for message in ValidationError(error).messages:
                if name in form.fields:
                    form.add_error(name, message)
                else:
                    label = _label_for(form, name)
                    form.add_error(None, f"{label}：{message}" if label else message)


def _label_for(form: forms.BaseForm, name: str) -> str:
    model = getattr(getattr(form, "_meta", None), "model", None)
    if model is None or name == "__all__":
        return ""
    try:
        return _verbose_name(model, name)
    except FieldDoesNotExist:  # an unknown key is shown without a label
        return ""


# ---------------------------------------------------------------------------------------------
# The declared procedure of a power item, one step a line


class StepsField(forms.CharField):
    """``PowerItemVersion.steps`` as lines of text: 名称｜承办｜时限｜说明."""

    widget = forms.Textarea(attrs={"rows": 6})

    def __init__(self, **kwargs: Any) -> None:
        for name in ("encoder", "decoder", "max_length"):
            kwargs.pop(name, None)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, str):
            return value
        lines = []
        for step in parse_steps(value):
            name = f"（{step.name}）" if step.optional else step.name
            parts = [name, step.actor, step.limit, step.note]
            while parts and not parts[-1]:
                parts.pop()
            lines.append("｜".join(parts))
        return "\n".join(lines)

    def to_python(self, value: Any) -> list[dict[str, str]]:  # type: ignore[override]
        text = super().to_python(value) or ""
        steps: list[dict[str, str]] = []
        for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
            line = line.strip()
            if not line:
                continue
            for sep in STEP_SEPARATORS[1:]:
                line = line.replace(sep, STEP_SEPARATORS[0])
            parts = [p.strip() for p in line.split(STEP_SEPARATORS[0])]
            if len(parts) > 4:
                raise ValidationError(f"第 {number} 行多于四项（名称｜承办｜时限｜说明）")
            if not parts[0]:
                raise ValidationError(f"第 {number} 行缺少环节名称")
            keys = ("name", "actor", "limit", "note")
            steps.append({k: v for k, v in zip(keys, parts, strict=False) if v})
        return steps

    def has_changed(self, initial: Any, data: Any) -> bool:
        return parse_steps(initial) != parse_steps(self.to_python(data))


def _formfield(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    if db_field.name == "steps" and isinstance(db_field, models.JSONField):
        kwargs["form_class"] = StepsField
    elif isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    elif isinstance(db_field, models.JSONField):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 4}))
    elif isinstance(db_field, models.TextField):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
    field = db_field.formfield(**kwargs)
    if field is not None:
        # A callable default (``list``) would add a hidden "initial" input: not wanted here.
        field.show_hidden_initial = False
        if isinstance(field.widget, forms.Textarea | forms.TextInput):
            field.widget.attrs.setdefault("style", "width:100%")
        verb = "选择" if db_field.choices or db_field.is_relation else "填写"
        field.error_messages["required"] = f"请{verb}{db_field.verbose_name}"
        if db_field.name in HELP_TEXTS:
            field.help_text = HELP_TEXTS[db_field.name]
    return field


class VersionForm(forms.ModelForm):
    """The editable fields of a version; subclassed per list by ``version_form_class``."""

    # Non-model fields shown before the content, in this order.
    lead_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, user: Any, departments: Iterable[int] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.user = user
        self._limit_references(list(departments))
        order = [*self.lead_fields, *self.content_names()]
        self.order_fields(order)

    @classmethod
    def content_names(cls) -> tuple[str, ...]:
        return tuple(cls._meta.fields or ())

    def _limit_references(self, departments: list[int]) -> None:
        """References are chosen among records the user may see (``restrict(user, "view")``):
        power items of the departments concerned, entries of the negative list in force; the
        value the entry has now stays selectable."""
        for name in self.content_names():
            field = self.fields.get(name)
            if not isinstance(field, forms.ModelChoiceField):
                continue
            model = field.queryset.model  # type: ignore[union-attr]
            qs = scoped(self.user, model, "view")
            current = self.initial.get(name)
            keep = models.Q(pk=_normalise(current)) if current else models.Q(pk__in=[])
            wanted = models.Q()
            if issubclass(model, CatalogItem):
                # Only entries in force: a draft's name must not reach a published page
                # through a link, and a cancelled entry is no basis for anything.
                wanted = models.Q(state=ListState.IN_FORCE)
                qs = qs.only("id", "code", "name").order_by("code")
            if model is PowerItem:
                wanted &= models.Q(department_id__in=departments)
                field.help_text = field.help_text or "可选择本部门的权力事项"
            field.queryset = qs.filter(wanted | keep)
            field.empty_label = "请选择" if field.required else "（无）"
        if "conditions" in self.fields:
            factors = scoped(self.user, DiscretionFactor, "view")
            codes = [f"{f.code}（{f.label}）" for f in factors.order_by("code")[:50]]
            if codes:
                self.fields["conditions"].help_text += "。可用的情节代码：" + "、".join(codes)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for name, value in list(data.items()):
            if isinstance(value, str):
                data[name] = value.replace("\r\n", "\n")
        return data

    def content_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.content_names()}


@cache
def version_form_class(model: type[CatalogItem]) -> type[VersionForm]:
    """The ModelForm of a list's editable version fields (``base_fields + content_fields``)."""
    form_class = forms.modelform_factory(
        model.version_model,
        form=VersionForm,
        fields=list(version_fields(model)),
        formfield_callback=_formfield,  # type: ignore[arg-type]
    )
    return cast(type[VersionForm], form_class)


def _date_field(label: str, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": f"请填写{label}",
            "invalid": f"{label}格式应为 YYYY-MM-DD，例如 2019-07-01",
        },
    )


def _reason_field(help_text: str) -> forms.CharField:
    return forms.CharField(
        label="理由",
        max_length=300,
        help_text=help_text,
        error_messages={"required": "请填写理由", "max_length": "理由不能超过 300 字"},
    )


# ---------------------------------------------------------------------------------------------
# 记录变更


class ChangeFormMixin(forms.Form):
    """The action, its reason and date, and for a transfer the receiving department; mixed
    into the list's version form by ``change_form``."""

    action = forms.ChoiceField(
        label="动作", error_messages={"required": "请选择动作", "invalid_choice": "不能选择该动作"}
    )
    department = forms.ModelChoiceField(
        label="承接部门",
        queryset=Department.objects.none(),
        required=False,
        help_text="仅“划转”时选择：本级政府的其他部门。划转后事项编码不变。",
        error_messages={"invalid_choice": "只能划转给本级政府的其他部门"},
    )
    valid_from = _date_field("生效日期", "该版本依法施行之日（不是录入之日）")
    reason = _reason_field("例如：依据《某某法》修正，或机构改革职责划转")
    # The version the form was filled from: a change recorded meanwhile is not overwritten.
    base = forms.IntegerField(widget=forms.HiddenInput, required=False)

    lead_fields = ("action", "department", "valid_from", "reason")
    current: ItemVersion

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        current = self.current
        action = data.get("action")
        if data.get("base") is not None and data["base"] != current.pk:
            raise ValidationError("该事项在您打开表单后已有新的版本，请刷新页面后重新填写")
        valid_from: date | None = data.get("valid_from")
        if valid_from is not None and valid_from < current.valid_from:
            self.add_error(
                "valid_from",
                f"生效日期不能早于现行版本的生效日期 {current.valid_from.isoformat()}",
            )
        target = data.get("department")
        if action == ListAction.TRANSFER and target is None:
            self.add_error("department", "划转须选择承接部门")
        elif action and action != ListAction.TRANSFER and target is not None:
            self.add_error("department", "只有“划转”可以改变实施部门；其他动作请不要选择承接部门")
        if action in CONTENT_FREE_ACTIONS:
            allowed = DECISION_FIELDS.get(action, frozenset())
            changed = [_verbose_name(self.current, n) for n in self.changes() if n not in allowed]
            if changed:
                self.add_error(
                    None,
                    f"“{ListAction(action).label}”不改变事项内容，但您修改了：{'、'.join(changed)}。"
                    "如需修改内容，请选择“修改”或“调整”。",
                )
        return data

    def changes(self) -> dict[str, Any]:
        """The content fields whose submitted value differs from the current version's."""
        current = self.current
        out: dict[str, Any] = {}
        for name in self.content_names():  # type: ignore[attr-defined]
            if name not in self.cleaned_data:
                continue
            new = self.cleaned_data[name]
            old = getattr(current, _attname(current, name))
            if name == "steps":
                if parse_steps(old) == parse_steps(new):
                    continue
            elif _normalise(old) == _normalise(new) or (old in (None, "") and new in (None, "")):
                continue
            out[name] = new
        return out

    def changed_labels(self) -> list[str]:
        return [_verbose_name(self.current, n) for n in self.changes()]


@cache
def _change_form_class(model: type[CatalogItem]) -> type[VersionForm]:
    class ChangeForm(ChangeFormMixin, version_form_class(model)):  # type: ignore[misc]
        pass

    ChangeForm.__name__ = ChangeForm.__qualname__ = f"{model.__name__}ChangeForm"
    return ChangeForm


def change_form(
    model: type[CatalogItem],
    data: Any,
    *,
    user: Any,
    current: ItemVersion,
    departments: Iterable[int],
) -> VersionForm:
    """The form recording a change to the entry whose open version is ``current``, prefilled
    from it; the actions offered are those ``ALLOWED_ACTIONS`` permits from its state."""
    initial: dict[str, Any] = {
        name: getattr(current, _attname(current, name)) for name in version_fields(model)
    }
    initial.update(valid_from=max(timezone.localdate(), current.valid_from), base=current.pk)
    form = _change_form_class(model)(data, user=user, departments=departments, initial=initial)
    form.current = current  # type: ignore[attr-defined]
    form.fields["action"].choices = [("", "请选择"), *action_choices(current.state)]  # type: ignore[attr-defined]
    if ListAction.TRANSFER in ALLOWED_ACTIONS[current.state]:
        form.fields["department"].queryset = transfer_targets(user, current)  # type: ignore[attr-defined]
    else:
        del form.fields["department"]
    return form


# ---------------------------------------------------------------------------------------------
# 新增


class CreateFormMixin(forms.Form):
    """Where and how a new entry is opened; mixed into the list's version form."""

    department = forms.ModelChoiceField(
        label="实施部门",
        queryset=Department.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": "只能在您所在的部门新增事项"},
    )
    publish = forms.TypedChoiceField(
        label="保存方式",
        choices=[("draft", "保存为草稿（仅本部门可见，之后再发布）"), ("now", "直接发布")],
        initial="draft",
        widget=forms.RadioSelect,
        coerce=lambda v: v == "now",
        error_messages={"required": "请选择保存方式"},
    )
    catalog_code = forms.CharField(
        label="事项编码（省库）",
        max_length=60,
        required=False,
        help_text="省政务服务事项库中的编码；本平台编码在保存时自动生成",
    )
    valid_from = _date_field("生效日期", "该事项依法施行之日")
    reason = _reason_field("例如：依据《某某法》第某条新增")

    lead_fields = ("department", "publish", "catalog_code", "valid_from", "reason")


@cache
def _create_form_class(model: type[CatalogItem]) -> type[VersionForm]:
    class CreateForm(CreateFormMixin, version_form_class(model)):  # type: ignore[misc]
        pass

    CreateForm.__name__ = CreateForm.__qualname__ = f"{model.__name__}CreateForm"
    return CreateForm


def create_form(model: type[CatalogItem], data: Any, *, user: Any) -> VersionForm:
    """The form opening a new entry in one of the departments where the user may change."""
    departments = department_choices(user)
    form = _create_form_class(model)(
        data,
        user=user,
        departments=list(departments.values_list("pk", flat=True)),
        initial={"valid_from": timezone.localdate()},
    )
    form.fields["department"].queryset = departments  # type: ignore[attr-defined]
    return form
