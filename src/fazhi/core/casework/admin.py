from __future__ import annotations

from django.contrib import admin

from fazhi.core.org.admin_base import ReadOnlyAdmin

from .models import Case, Deadline, Event


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "kind", "state", "opened_on"]
    search_fields = ["number"]


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["case", "at", "kind", "actor"]


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyAdmin):
    list_display = ["case", "name", "due", "status", "provisional"]
