from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

from .admin_base import ReadOnlyAdmin, ScopedModelAdmin
from .choices import Role
from .models import (
    AdviserAssignment,
    ApiToken,
    Department,
    Entity,
    Government,
    LegalAdviser,
    Officer,
    Region,
    RiskClassification,
    RoleAssignment,
    Staff,
)


@admin.register(Government)
class GovernmentAdmin(ScopedModelAdmin):
    list_display = ["name", "division_code", "level", "parent"]
    search_fields = ["name", "division_code"]
    list_filter = ["level"]
    fields = ["name", "short_name", "code", "division_code", "level", "parent", "active", "sort"]


@admin.register(Department)
class DepartmentAdmin(ScopedModelAdmin):
    list_display = ["name", "code", "parent", "enforces", "may_issue_documents", "active"]
    search_fields = ["name", "code"]
    list_filter = ["enforces", "may_issue_documents", "active"]
    fields = [
        "name",
        "short_name",
        "code",
        "parent",
        "uscc",
        "enforces",
        "may_issue_documents",
        "active",
        "sort",
    ]


@admin.register(Region)
class RegionAdmin(ScopedModelAdmin):
    list_display = ["name", "kind", "code", "government"]
    search_fields = ["name", "code"]
    list_filter = ["kind"]


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    raw_id_fields = ["org_unit"]


@admin.register(Staff)
class StaffAdmin(UserAdmin):
    list_display = [
        "username",
        "display_name",
        "is_active",
        "is_staff",
        "legal_qualification_no",
        "last_login",
    ]
    search_fields = ["username", "display_name"]
    inlines = [RoleInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("display_name", "email")}),
        # 行政处罚法 第五十八条第二款: who may first do legal review of a penalty decision.
        ("法律职业资格", {"fields": ("legal_qualification_no", "legal_qualified_on")}),
        ("权限", {"fields": ("is_active", "is_staff", "is_superuser")}),
    )


@admin.register(Entity)
class EntityAdmin(ScopedModelAdmin):
    list_display = ["uscc", "name", "kind", "industry", "status"]
    search_fields = ["=uscc", "=name"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["region"]


@admin.register(RiskClassification)
class RiskClassificationAdmin(ScopedModelAdmin):
    list_display = ["entity", "scheme", "risk_class", "as_of", "source"]
    raw_id_fields = ["entity"]


@admin.register(Officer)
class OfficerAdmin(ReadOnlyAdmin):
    """Credentials change only through their lifecycle (``org/services.py``)."""

    list_display = ["person", "department", "credential_no", "status", "valid_until"]
    search_fields = ["=credential_no"]
    list_filter = ["status"]
    raw_id_fields = ["person", "staff"]


@admin.register(LegalAdviser)
class LegalAdviserAdmin(ScopedModelAdmin):
    list_display = ["name", "kind", "firm", "owner_unit"]
    search_fields = ["name"]


@admin.register(AdviserAssignment)
class AdviserAssignmentAdmin(ScopedModelAdmin):
    list_display = ["adviser", "org_unit", "region", "start", "end"]
    raw_id_fields = ["adviser", "region"]


_TOKEN_COLUMNS = (
    "prefix",
    "name",
    "staff",
    "source_system",
    "created",
    "expires_at",
    "last_used",
    "revoked_at",
    "revoked_reason",
)


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """Read-only, without keys (only digests exist, and those are not shown), for the security
    and audit administrators. Nobody creates a token here: a token acts as its staff member, so
    only that staff member makes one, in the back office (/office/tokens/)."""

    list_display = _TOKEN_COLUMNS
    list_filter = ["revoked_at"]
    search_fields = ["=prefix", "staff__username", "name"]
    fields = _TOKEN_COLUMNS
    readonly_fields = _TOKEN_COLUMNS

    def has_module_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return user.is_active and user.has_role(Role.SECURITY_ADMIN, Role.AUDIT_ADMIN)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)
