from __future__ import annotations

from django.contrib import admin

from fazhi.core.org.admin_base import ReadOnlyAdmin

from .models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    """Imports are run from the back office; the admin only shows them."""

    list_display = [
        "created_at",
        "spec",
        "department",
        "created_by",
        "file_name",
        "status",
        "total_rows",
        "created",
        "updated",
        "unchanged",
        "bad_rows",
    ]
    list_filter = ["status", "spec"]
    search_fields = ["file_name", "sha256"]
    exclude = ["errors", "missing"]
