"""Holiday years entered by an administrator from the 国务院办公厅 notice (STATUTES.md §periods).

The ``chinese_calendar`` package ships the years it knows; a later year (or a correction) is
entered here and replaces the package's arrangement for that year. Any change resets the
process calendar and sends ``signals.calendar_changed`` so provisional deadlines are recomputed.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from .calendar import FIRST_YEAR

LAST_YEAR = 2100


class HolidayYear(models.Model):
    """One year's official arrangement of holidays and 调休 working days."""

    year = models.PositiveSmallIntegerField(
        "年份",
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        help_text="录入后，该年的期限不再是“暂定”；如与内置日历重复，以此处录入为准。",
    )
    notice = models.CharField(
        "通知",
        max_length=200,
        help_text="如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField("录入时间", auto_now_add=True)
    # Touched by every change of the year or its days: other processes compare it to see
    # that their cached calendar is stale (calendar.RECHECK_SECONDS).
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "节假日安排年度"
        verbose_name_plural = "节假日安排年度"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["year"], name="%(app_label)s_%(class)s_unique_year"),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR) & Q(year__lte=LAST_YEAR),
                name="%(app_label)s_%(class)s_year_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} 年节假日安排"


class CalendarDay(models.Model):
    """A day the notice names: a holiday (休假) or a weekend working day (调休上班)."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "休假"
        MAKEUP_WORKDAY = "makeup_workday", "调休上班"

    year = models.ForeignKey(
        HolidayYear, verbose_name="年度", on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField("日期")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    name = models.CharField("节日", max_length=50, blank=True, help_text="如：春节、国庆节")

    class Meta:
        verbose_name = "节假日安排日"
        verbose_name_plural = "节假日安排日"
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["date"], name="%(app_label)s_%(class)s_unique_date"),
            models.CheckConstraint(
                condition=Q(kind__in=["holiday", "makeup_workday"]),
                name="%(app_label)s_%(class)s_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name}{self.get_kind_display()}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.date and self.year_id is not None:
            year = self.year.year
            # A notice can move days at the end of the previous year (the 2019 notice made
            # 2018-12-29 a working day), never later ones.
            if self.date.year not in (year - 1, year):
                errors["date"] = f"日期须在 {year - 1} 年或 {year} 年内"
        if self.date and self.kind == self.Kind.MAKEUP_WORKDAY and self.date.weekday() < 5:
            errors["kind"] = "调休上班日应为周六或周日；工作日本来就要上班"
        if errors:
            raise ValidationError(errors)
