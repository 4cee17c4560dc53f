from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "fazhi.core.casework"
    label = "casework"
    verbose_name = "案件办理"

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django.db.models import Q

        from fazhi import registry
        from fazhi.core.clock.signals import calendar_changed
        from fazhi.core.integrity.sealing import register_stream
        from fazhi.core.org.scoping import register_participation, register_view_extension

        # Importing documents registers its forms; collection registers the collected kind.
        from . import collection, documents, models  # noqa: F401
        from .deadlines import recompute_for_years
        from .files import check_document_files

        def on_calendar_changed(sender: object, years: list[int], **kwargs: object) -> None:
            recompute_for_years(years)

        # Scoping (org, below casework) learns from here which cases a unit takes part in.
        register_participation(
            lambda rows: models.Participant.objects.filter(rows).values("case_id")
        )
        registry.job(
            "deadline-notifications", "fazhi.core.casework.tasks.notify_deadlines", every=3600.0
        )
        registry.job("deadline-lapses", "fazhi.core.casework.tasks.record_lapses", every=3600.0)
        registry.job(
            "recompute-provisional",
            "fazhi.core.casework.tasks.recompute_provisional",
            every=86400.0,
        )
        # A participant unit sees the parties of its cases, whichever unit registered them.
        register_view_extension(
            "org.Person",
            lambda rows: Q(
                pk__in=models.Party.objects.filter(
                    case_id__in=models.Participant.objects.filter(rows).values("case_id"),
                    person__isnull=False,
                ).values("person_id")
            ),
        )
        calendar_changed.connect(on_calendar_changed, dispatch_uid="casework-recompute", weak=False)
        register_stream("events", "casework.Event", "at", "案件办理过程", group="cases")
        register_stream(
            "documents",
            "casework.Document",
            "created_at",
            "文书材料登记",
            group="cases",
            check=check_document_files,
        )
        register_stream("numbers", "casework.VoidedNumber", "at", "作废编号", group="cases")
        register_stream(
            "collected_documents",
            "casework.CollectedDocument",
            "at",
            "归集文书摘要",
            group="cases",
        )
        for model in (
            models.Case,
            models.Participant,
            models.Party,
            models.Deadline,
            models.Document,
            models.Service,
            models.CaseLink,
            models.Notification,
            models.ServiceConsent,
            models.DocumentNumbering,
            models.CollectedDocument,
        ):
            auditlog.register(model)
