from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .admin_base import ReadOnlyAdmin, ScopedModelAdmin
from .models import (
    AdviserAssignment,
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
    list_display = ["username", "display_name", "is_active", "is_staff", "last_login"]
    search_fields = ["username", "display_name"]
    inlines = [RoleInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("display_name", "email")}),
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
