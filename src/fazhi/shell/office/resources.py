"""The back office's list, detail, export, search, filter-choice and picker screens are built
from one declaration per model, so every one of them goes through the same scoping."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q

from fazhi.core.org.display import field_label


@dataclass(frozen=True)
class Resource:
    slug: str
    model: type[models.Model]
    label: str
    list_fields: Sequence[str]
    search_fields: Sequence[str] = ()
    # Exact-match search only (no substring browsing), e.g. entities by name or code.
    exact_search: bool = False
    filter_fields: Sequence[str] = ()
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

    def field_label(self, name: str) -> str:
        return field_label(self.model, name)


REGISTRY: dict[str, Resource] = {}


def register(resource: Resource) -> Resource:
    REGISTRY[resource.slug] = resource
    return resource


def get(slug: str) -> Resource:
    return REGISTRY[slug]
