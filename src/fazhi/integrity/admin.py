from __future__ import annotations

from django.contrib import admin

from fazhi.org.admin_base import ReadOnlyAdmin

from .models import AuditEntry, Seal, SecurityEvent

# django-auditlog registers its own admin for the log model; ours is read-only and scoped.
if admin.site.is_registered(AuditEntry):
    admin.site.unregister(AuditEntry)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["timestamp", "actor", "action", "content_type", "object_repr", "remote_addr"]
    list_filter = ["action"]


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "kind", "username", "remote_addr", "success"]
    list_filter = ["kind", "success"]


@admin.register(Seal)
class SealAdmin(ReadOnlyAdmin):
    list_display = ["stream", "first_id", "last_id", "leaf_count", "algorithm", "sealed_at"]
