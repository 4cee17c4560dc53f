from django.apps import AppConfig


class ClockConfig(AppConfig):
    name = "fazhi.core.clock"
    label = "clock"
    verbose_name = "工作日与期间"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models, signals

        signals.connect()
        # Entering a holiday day moves every deadline around it: audit who did it.
        auditlog.register(models.HolidayYear)
        auditlog.register(models.CalendarDay)
