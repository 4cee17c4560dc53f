"""API base classes: the same scoping as every other request path, failing closed."""

from __future__ import annotations

from typing import Any

from django.db import models
from rest_framework import viewsets

from fazhi.core.integrity.middleware import bind_actor
from fazhi.core.org.scoping import ensure_restricted

from .filters import FilterBackend


class ScopedViewSetMixin:
    queryset: models.QuerySet
    request: Any
    action: str | None
    # Each view set names its model's filter set (``filterset_class``), as the back office does.
    filter_backends = [FilterBackend]

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        bind_actor(request.user)

    def get_queryset(self) -> models.QuerySet:
        scope_action = "view" if self.request.method in ("GET", "HEAD", "OPTIONS") else "change"
        qs = self.queryset.model._default_manager.restrict(self.request.user, scope_action)
        return ensure_restricted(qs)


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass
