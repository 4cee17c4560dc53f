"""The back office's list, detail, export, search, filter-choice and picker screens are built
from one declaration per model, so every one of them goes through the same scoping."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q
from django.http import HttpRequest

from fazhi.core.org.display import field_label
from fazhi.core.org.filtersets import ScopedFilterSet


@dataclass(frozen=True)
class Resource:
    slug: str
    model: type[models.Model]
    label: str
    list_fields: Sequence[str]
    search_fields: Sequence[str] = ()
    # Exact-match search only (no substring browsing), e.g. entities by name or code.
    exact_search: bool = False
    # The model's filter set (``fazhi.core.org.filtersets``), shared with the API: the list,
    # its export and its filter choices filter through it.
    filterset: type[ScopedFilterSet] | None = None
    detail_fields: Sequence[str] | None = None
    select_related: Sequence[str] = ()
    # Fields holding personal data: shown masked unless the role needs them.
    sensitive_fields: Sequence[str] = ()
    ordering: Sequence[str] = ("-pk",)
    annotate: Callable[[Any], Any] | None = None
    # A record with a page of its own (e.g. the case page) links there instead of the generic
    # detail screen.
    detail_url_name: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def search_q(self, term: str) -> Q:
        q = Q()
        for name in self.search_fields:
            q |= Q(**{name if self.exact_search else f"{name}__icontains": term})
        return q

    @property
    def filter_fields(self) -> list[str]:
        """The filters offered as drop-downs (values from the filter-choices screen)."""
        return self.filterset.choice_fields() if self.filterset else []

    def filter_value(self, name: str, obj: models.Model) -> Any:
        """What the drop-down sends for ``obj`` as the value of filter ``name`` (the related
        record's id, or the field its filter matches on, e.g. a department's 机构代码)."""
        assert self.filterset is not None
        to_field = self.filterset.base_filters[name].extra.get("to_field_name")
        return getattr(obj, to_field or "pk")

    def filter(self, qs: Any, request: HttpRequest) -> Any:
        """``qs`` narrowed by the request's filters; ``FilterError`` if a value is invalid.
        The search box (``q``) is the resource's own, so the filter set does not see it."""
        if self.filterset is None:
            return qs
        data = request.GET.copy()
        if self.search_fields:
            data.pop("q", None)
        return self.filterset(data, queryset=qs, request=request).check()

    def field_label(self, name: str) -> str:
        return field_label(self.model, name)


REGISTRY: dict[str, Resource] = {}


def register(resource: Resource) -> Resource:
    REGISTRY[resource.slug] = resource
    return resource


def get(slug: str) -> Resource:
    return REGISTRY[slug]
