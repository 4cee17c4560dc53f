from __future__ import annotations

from django.contrib import admin

from fazhi.core.org.admin_base import ReadOnlyAdmin

from .models import Publication


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "org_unit", "channel", "published_at"]
