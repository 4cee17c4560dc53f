from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.db.models import Model, QuerySet
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


# The login-attempt logs of django-axes: 三权分立 gives them to the security administrator (who
# may delete a lockout record to unlock an account) and the audit administrator (who reads
# them), never to the system administrator. django-axes registers its own, open to any superuser.
for _model in (AccessAttempt, AccessLog, AccessFailureLog):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


class LoginLogAdmin:
    """Read by the security and audit administrators only; nothing is added or changed."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return user.is_active and user.has_role(Role.SECURITY_ADMIN, Role.AUDIT_ADMIN)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AccessAttempt)
class ScopedAccessAttemptAdmin(LoginLogAdmin, AccessAttemptAdmin):
    """Deleting a record of failed attempts unlocks the account: the security administrator's
    task alone, and each unlock goes to the audit log with its actor."""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        user = request.user
        return user.is_active and user.has_role(Role.SECURITY_ADMIN)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        if not self.has_delete_permission(request):
            # Cleaning up expired attempts deletes rows too.
            actions.pop("cleanup_expired_attempts", None)
        return actions

    def _log_unlock(self, obj: Model) -> None:
        AuditEntry.objects.log_create(
            obj,
            force_log=True,
            action=LogEntry.Action.DELETE,
            changes={"username": [getattr(obj, "username", ""), None]},
        )

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        self._log_unlock(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for obj in queryset:
            self._log_unlock(obj)
        super().delete_queryset(request, queryset)


@admin.register(AccessLog)
class ScopedAccessLogAdmin(LoginLogAdmin, AccessLogAdmin):
    pass


@admin.register(AccessFailureLog)
class ScopedAccessFailureLogAdmin(LoginLogAdmin, AccessFailureLogAdmin):
    pass
