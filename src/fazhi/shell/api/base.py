"""API base classes: the same scoping as every other request path, failing closed."""

from __future__ import annotations

from typing import Any

from django.db import models
from rest_framework import viewsets

from fazhi.core.integrity.middleware import bind_actor
from fazhi.core.org.scoping import Action, scoped

from .filters import FilterBackend


class ScopedViewSetMixin(viewsets.GenericViewSet):
    # Each view set names its model's filter set (``filterset_class``), as the back office does.
    filter_backends = [FilterBackend]

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        bind_actor(request.user)

    def get_queryset(self) -> models.QuerySet:
        scope_action: Action = (
            "view" if self.request.method in ("GET", "HEAD", "OPTIONS") else "change"
        )
        return scoped(self.request, super().get_queryset().model, scope_action)


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass
