"""Filter sets: one declared per model (NetBox's ``filtersets.py``), shared by the back-office
list, its Excel export, its filter choices and the API, so a filter means the same everywhere
and a bad value is refused the same way everywhere (HTTP 400 with a Chinese message).

``ScopedFilterSet`` is the base of all of them. A foreign-key filter resolves its value only
among the related records the request's user may see (``restrict``): a hidden record's id is
refused exactly like an id that does not exist, so a filter can neither widen a list nor tell
that a hidden record exists. Booleans are strict (``true``/``false``, ``是``/``否``): an
unknown word is an error, never silently "all".

This module also holds the org tree's and the register's filter sets.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import django_filters as df
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpRequest
from django.utils import timezone

from .choices import CredentialStatus
from .models import Department, Entity, Government, LegalAdviser, Officer, OrgUnit, Person, Region
from .scoping import ensure_restricted

# The message a refused filter answers with (the field messages below it say what was wrong).
INVALID_FILTERS = "筛选条件无效"


class FilterError(Exception):
    """Invalid filter values: ``errors`` maps each parameter to its Chinese messages."""

    def __init__(self, errors: dict[str, list[str]], labels: dict[str, str] | None = None) -> None:
        super().__init__(INVALID_FILTERS)
        self.errors = errors
        self.labels = labels or {}

    @property
    def messages(self) -> list[str]:
        """One line per problem, naming the filter as the screen labels it."""
        return [
            f"{self.labels.get(name, name)}：{m}"
            for name, msgs in self.errors.items()
            for m in msgs
        ]


def restricted(model: type[models.Model]) -> Callable[[HttpRequest | None], models.QuerySet]:
    """The queryset a foreign-key filter chooses from: what the request's user may see."""

    def queryset(request: HttpRequest | None) -> models.QuerySet:
        user = getattr(request, "user", None)
        return ensure_restricted(model._default_manager.restrict(user, "view"))  # type: ignore[attr-defined]

    return queryset


TRUE = frozenset({"true", "1", "yes", "是", "t", "True"})
FALSE = frozenset({"false", "0", "no", "否", "f", "False"})


class StrictBooleanField(forms.Field):
    """``true``/``false`` (or ``1``/``0``, ``是``/``否``); empty means "no filter"."""

    default_error_messages = {"invalid": "请填写 true 或 false"}

    def to_python(self, value: Any) -> bool | None:
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        text = str(value).strip()
        if text in TRUE or text.lower() in TRUE:
            return True
        if text in FALSE or text.lower() in FALSE:
            return False
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class StrictBooleanFilter(df.BooleanFilter):
    field_class = StrictBooleanField


class ScopedModelChoiceField(df.fields.ModelChoiceField):
    """A related record's id, looked up among the visible ones; a malformed or out-of-range
    id is an invalid choice like any other (never a database error)."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        meta = self.queryset.model._meta
        key = self.to_field_name or "pk"
        field = meta.pk if key == "pk" else meta.get_field(key)
        if isinstance(field, models.IntegerField):
            try:
                number = int(str(value).strip())
            except ValueError:
                number = None
            if number is None or not -(2**63) <= number < 2**63:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": value},
                )
        return super().to_python(value)


class ScopedModelChoiceFilter(df.ModelChoiceFilter):
    field_class = ScopedModelChoiceField


def _scoped_fk(field: models.Field) -> dict[str, Any]:
    return {
        "queryset": restricted(field.remote_field.model),  # type: ignore[union-attr]
        "to_field_name": field.remote_field.field_name,  # type: ignore[union-attr]
    }


FILTER_DEFAULTS = {
    **df.filterset.FILTER_FOR_DBFIELD_DEFAULTS,
    models.BooleanField: {"filter_class": StrictBooleanFilter},
    models.ForeignKey: {"filter_class": ScopedModelChoiceFilter, "extra": _scoped_fk},
    models.OneToOneField: {"filter_class": ScopedModelChoiceFilter, "extra": _scoped_fk},
}


class ScopedFilterSet(df.FilterSet):
    """Base of every filter set: scoped foreign keys, strict booleans, Chinese errors."""

    FILTER_DEFAULTS = FILTER_DEFAULTS

    def check(self) -> models.QuerySet:
        """The filtered queryset, or ``FilterError`` naming each invalid parameter."""
        if not self.is_valid():
            errors = {k: [str(m) for m in v] for k, v in self.errors.items()}
            labels = {k: str(f.label) for k, f in self.filters.items() if f.label}
            raise FilterError(errors, labels)
        return self.qs

    @classmethod
    def choice_fields(cls) -> list[str]:
        """The filters offered as drop-downs: one per model field, matched exactly."""
        model = cls._meta.model
        names = []
        for name, f in cls.base_filters.items():
            if f.method or f.field_name != name or f.lookup_expr != "exact":
                continue
            try:
                model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            names.append(name)
        return names


def unit_filter(label: str, field_name: str, model: type[OrgUnit] = OrgUnit) -> Any:
    return ScopedModelChoiceFilter(field_name=field_name, queryset=restricted(model), label=label)


# ---------------------------------------------------------------------------------------------
# The org tree and the register


class GovernmentFilterSet(ScopedFilterSet):
    class Meta:
        model = Government
        fields = ["level", "parent"]


class DepartmentFilterSet(ScopedFilterSet):
    # The API's long-standing name for "departments of this government".
    government = unit_filter("所属人民政府/管委会", "parent", Government)

    class Meta:
        model = Department
        fields = ["parent", "enforces", "may_issue_documents"]


class RegionFilterSet(ScopedFilterSet):
    class Meta:
        model = Region
        fields = ["kind", "government"]


class EntityFilterSet(ScopedFilterSet):
    class Meta:
        model = Entity
        fields = ["kind", "industry", "status"]


class DaysFilter(df.NumberFilter):
    field_class = forms.IntegerField


class OfficerFilterSet(ScopedFilterSet):
    # A search window for renewals, not a legal period: plain calendar days from today.
    expiring_within = DaysFilter(
        method="filter_expiring", label="几天内到期", min_value=0, max_value=3650
    )

    class Meta:
        model = Officer
        fields = ["department", "status"]

    def filter_expiring(self, qs: models.QuerySet, name: str, value: int | None) -> Any:
        if value is None:
            return qs
        today = timezone.localdate()
        return qs.filter(
            status__in=[CredentialStatus.ISSUED, CredentialStatus.SUSPENDED],
            valid_until__gte=today,
            valid_until__lte=today + timedelta(days=value),
        )


class PersonFilterSet(ScopedFilterSet):
    class Meta:
        model = Person
        fields = ["id_type", "owner_unit"]


class LegalAdviserFilterSet(ScopedFilterSet):
    class Meta:
        model = LegalAdviser
        fields = ["kind"]
