"""The lists' filters: one filter set per model, shared by the back office (list, export,
filter choices) and the API (see ``fazhi.core.org.filtersets``).

Each list's entries are filtered by their own indexed columns (department by its 机构代码,
state, the list's 类别 column) and, for the API and the portal, by a search term and an as-of
date, both answered through the versions the user may see: ``shown`` is then the version of each
entry the answer displays (in effect today, or in force on ``on``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import django_filters as df
from django.db import models
from django.utils import timezone

from fazhi.core.org.filtersets import (
    ScopedFilterSet,
    ScopedModelChoiceFilter,
    StrictBooleanFilter,
    restricted,
)
from fazhi.core.org.models import OrgUnit

from . import models as m
from .choices import ListState
from .guides import in_effect
from .queries import LISTS, ListQuery, PortalList, as_of_versions, filter_versions


class _ThroughVersions:
    """A filter answered by ``CatalogFilterSet.filter_queryset`` through the versions, not on
    the entries' own columns."""

    def filter(self, qs: models.QuerySet, value: Any) -> models.QuerySet:
        return qs


class SearchFilter(_ThroughVersions, df.CharFilter):
    pass


class AsOfFilter(_ThroughVersions, df.DateFilter):
    pass


class CatalogFilterSet(ScopedFilterSet):
    """Entries of one list (``spec``); subclassed per list by ``catalog_filterset``."""

    spec: PortalList

    q = SearchFilter(label="名称、编码或关键词（中文子串）", max_length=100)
    on = AsOfFilter(
        label="只列当日有效的事项，并给出当日的版本",
        error_messages={"invalid": "查询日期格式应为 YYYY-MM-DD，例如 2018-12-31"},
    )
    department = ScopedModelChoiceFilter(
        field_name="department",
        queryset=restricted(OrgUnit),
        to_field_name="code",
        label="实施部门的机构代码",
    )
    state = df.ChoiceFilter(choices=ListState.choices, label="状态")

    def shown_versions(self, on: date | None) -> models.QuerySet:
        versions = restricted(self.spec.version_model)(self.request)
        if on:
            return as_of_versions(versions, self.spec, on)
        return in_effect(versions, timezone.localdate())

    def filter_queryset(self, queryset: models.QuerySet) -> models.QuerySet:
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        term, on = (data.get("q") or "").strip(), data.get("on")
        self.shown = self.shown_versions(on)
        if term or on:
            matching = filter_versions(self.shown, self.spec, ListQuery(q=term))
            queryset = queryset.filter(pk__in=matching.values("item"))
        return queryset


def catalog_filterset(key: str) -> type[CatalogFilterSet]:
    spec = LISTS[key]
    attrs: dict[str, Any] = {
        "spec": spec,
        "Meta": type("Meta", (), {"model": spec.model, "fields": []}),
    }
    if spec.kind_field:
        # The list's own 类别 column, under its name and under the API's ``kind``.
        field = spec.model._meta.get_field(spec.kind_field)
        label = spec.kind_label
        if isinstance(field, models.BooleanField):
            attrs[spec.kind_field] = StrictBooleanFilter(label=label)
            attrs["kind"] = StrictBooleanFilter(field_name=spec.kind_field, label=label)
        else:
            choices = getattr(field, "choices", None) or []
            attrs[spec.kind_field] = df.ChoiceFilter(choices=choices, label=label)
            if spec.kind_field != "kind":
                attrs["kind"] = df.ChoiceFilter(
                    field_name=spec.kind_field, choices=choices, label=label
                )
    return type(f"{spec.model.__name__}FilterSet", (CatalogFilterSet,), attrs)


PowerItemFilterSet = catalog_filterset("poweritem")
ProofRequirementFilterSet = catalog_filterset("proofrequirement")
FeeItemFilterSet = catalog_filterset("feeitem")
NegativeListItemFilterSet = catalog_filterset("negativelistitem")
DiscretionBenchmarkFilterSet = catalog_filterset("discretionbenchmark")
NoPenaltyItemFilterSet = catalog_filterset("nopenaltyitem")
CATALOG_FILTERSETS: dict[type[m.CatalogItem], type[CatalogFilterSet]] = {
    fs.spec.model: fs
    for fs in (
        PowerItemFilterSet,
        ProofRequirementFilterSet,
        FeeItemFilterSet,
        NegativeListItemFilterSet,
        DiscretionBenchmarkFilterSet,
        NoPenaltyItemFilterSet,
    )
}


def version_filterset(model: type[m.CatalogItem]) -> type[ScopedFilterSet]:
    version = model.version_model
    meta = type("Meta", (), {"model": version, "fields": ["action", "state", "department"]})
    return type(f"{version.__name__}FilterSet", (ScopedFilterSet,), {"Meta": meta})


VERSION_FILTERSETS = {model: version_filterset(model) for model in CATALOG_FILTERSETS}


class ServiceGuideFilterSet(ScopedFilterSet):
    class Meta:
        model = m.ServiceGuide
        fields = ["power_item", "online"]


class GuideMaterialFilterSet(ScopedFilterSet):
    class Meta:
        model = m.GuideMaterial
        fields = ["source", "required"]


class DiscretionFactorFilterSet(ScopedFilterSet):
    class Meta:
        model = m.DiscretionFactor
        fields = ["kind"]


class DiscretionTierFilterSet(ScopedFilterSet):
    class Meta:
        model = m.DiscretionTier
        fields: list[str] = []


class FeeCleanupFilterSet(ScopedFilterSet):
    class Meta:
        model = m.FeeCleanup
        fields = ["department"]


class FeeDocumentReviewFilterSet(ScopedFilterSet):
    class Meta:
        model = m.FeeDocumentReview
        fields = ["outcome"]


class ProofComplaintFilterSet(ScopedFilterSet):
    class Meta:
        model = m.ProofComplaint
        fields = ["region"]
