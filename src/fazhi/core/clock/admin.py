"""Administrators enter a new year's holiday arrangement from the 国务院办公厅 notice."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse

from .calendar import package_arrangements
from .models import CalendarDay, HolidayYear
from .signals import batched_changes


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    extra = 0
    fields = ("date", "kind", "name")
    ordering = ("date",)
    verbose_name = "安排日"
    verbose_name_plural = "放假与调休上班日（按通知逐日录入）"


@admin.register(HolidayYear)
class HolidayYearAdmin(admin.ModelAdmin):
    list_display = ("year", "notice", "holiday_days", "makeup_days", "entered_by", "entered_at")
    search_fields = ("notice",)
    readonly_fields = ("entered_by", "entered_at", "updated_at")
    fields = ("year", "notice", "entered_by", "entered_at", "updated_at")
    inlines = (CalendarDayInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[HolidayYear]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_holidays=Count("days", filter=Q(days__kind=CalendarDay.Kind.HOLIDAY)),
                n_makeup=Count("days", filter=Q(days__kind=CalendarDay.Kind.MAKEUP_WORKDAY)),
            )
        )

    @admin.display(description="休假天数", ordering="n_holidays")
    def holiday_days(self, obj: Any) -> int:
        return obj.n_holidays

    @admin.display(description="调休上班天数", ordering="n_makeup")
    def makeup_days(self, obj: Any) -> int:
        return obj.n_makeup

    def save_model(self, request: HttpRequest, obj: HolidayYear, form: Any, change: bool) -> None:
        if not change:
            obj.entered_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        years = sorted(package_arrangements())
        extra_context = {
            **(extra_context or {}),
            "subtitle": f"内置日历（chinese_calendar）已含 {years[0]}–{years[-1]} 年；"
            "其后的年份须按国务院办公厅通知录入，录入前相关期限为“暂定”（仅按周末计算）。",
        }
        return super().changelist_view(request, extra_context)

    # One admin save (a year and its inline days) is one calendar change for the listeners.
    def changeform_view(self, *args: Any, **kwargs: Any) -> HttpResponse:
        with batched_changes():
            return super().changeform_view(*args, **kwargs)

    def delete_view(self, *args: Any, **kwargs: Any) -> HttpResponse:
        with batched_changes():
            return super().delete_view(*args, **kwargs)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[HolidayYear]) -> None:
        with batched_changes():
            super().delete_queryset(request, queryset)
