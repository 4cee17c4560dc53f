"""Admin base classes: the admin is one more request path, so it is scoped like the rest."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from .scoping import ensure_restricted


class ScopedModelAdmin(admin.ModelAdmin):
    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        qs = self.model._default_manager.restrict(request.user, "view")
        ordering = self.get_ordering(request)
        if ordering:
            qs = qs.order_by(*ordering)
        return ensure_restricted(qs)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        related = db_field.related_model
        if hasattr(related, "scope") and "queryset" not in kwargs:
            kwargs["queryset"] = ensure_restricted(
                related._default_manager.restrict(request.user, "view")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReadOnlyAdmin(ScopedModelAdmin):
    """Stateful records are changed only through their procedures, never in the admin."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
