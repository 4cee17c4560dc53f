"""Admin base classes: the admin is one more request path, so it is scoped like the rest."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest

from .scoping import scoped


class ScopedRawIdWidget(ForeignKeyRawIdWidget):
    """Django's raw-id widget labels the chosen id through the plain manager; ours shows a label
    only for a record the user may see."""

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def label_and_url_for_value(self, value: Any) -> tuple[str, str]:
        model = self.rel.model
        if hasattr(model, "scope") and not scoped(self.user, model).filter(pk=value).exists():
            return "", ""
        return super().label_and_url_for_value(value)


class ScopedModelAdmin(admin.ModelAdmin):
    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        qs = scoped(request, self.model, "view")
        ordering = self.get_ordering(request)
        if ordering:
            qs = qs.order_by(*ordering)
        return qs

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        related = db_field.related_model
        if hasattr(related, "scope") and "queryset" not in kwargs:
            kwargs["queryset"] = scoped(request, related, "view")
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and isinstance(field.widget, ForeignKeyRawIdWidget):
            field.widget = ScopedRawIdWidget(
                db_field.remote_field,
                self.admin_site,
                using=kwargs.get("using"),
                user=request.user,
            )
        return field

    def _may_change(self, request: HttpRequest, obj: Any) -> bool:
        manager = self.model._default_manager
        return manager.restrict(request.user, "change").filter(pk=obj.pk).exists()

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Seeing a record ("view") never makes it writable: writes need the "change" scope.
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or self._may_change(request, obj))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or self._may_change(request, obj))

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # Checked after the form applied its values, inside the admin's transaction: a record
        # may not be moved to (or created in) a unit the user cannot write for.
        if not self._may_change(request, obj):
            raise PermissionDenied("您无权在该机构下保存此记录")


class ReadOnlyAdmin(ScopedModelAdmin):
    """Stateful records are changed only through their procedures, never in the admin."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
