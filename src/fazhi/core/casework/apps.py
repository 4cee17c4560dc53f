from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "fazhi.core.casework"
    label = "casework"
    verbose_name = "案件办理"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fazhi.core.clock.signals import calendar_changed
        from fazhi.core.integrity.sealing import register_stream

        from . import models
        from .deadlines import recompute_for_years

        def on_calendar_changed(sender: object, years: list[int], **kwargs: object) -> None:
            recompute_for_years(years)

        calendar_changed.connect(on_calendar_changed, dispatch_uid="casework-recompute", weak=False)
        register_stream("events", "casework.Event", "at", "案件办理过程")
        register_stream("documents", "casework.Document", "created_at", "文书材料登记")
        for model in (
            models.Case,
            models.Participant,
            models.Party,
            models.Deadline,
            models.Document,
            models.Service,
        ):
            auditlog.register(model)
