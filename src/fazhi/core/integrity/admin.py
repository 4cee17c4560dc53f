from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from fazhi.core.org.admin_base import ReadOnlyAdmin
from fazhi.core.org.choices import Role

from .models import AuditEntry, Seal, SecurityEvent

# django-auditlog registers its own admin for the log model; ours is read-only and scoped.
if admin.site.is_registered(AuditEntry):
    admin.site.unregister(AuditEntry)


class AuditAdminOnly(ReadOnlyAdmin):
    """三权分立: the audit administrator reads the logs; the system administrator does not."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.has_role(Role.AUDIT_ADMIN)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)


@admin.register(AuditEntry)
class AuditEntryAdmin(AuditAdminOnly):
    list_display = ["timestamp", "actor", "action", "content_type", "object_repr", "remote_addr"]
    list_filter = ["action"]


@admin.register(SecurityEvent)
class SecurityEventAdmin(AuditAdminOnly):
    list_display = ["at", "kind", "username", "remote_addr", "success"]
    list_filter = ["kind", "success"]


@admin.register(Seal)
class SealAdmin(ReadOnlyAdmin):
    list_display = ["stream", "first_id", "last_id", "leaf_count", "algorithm", "sealed_at"]
