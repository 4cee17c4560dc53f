from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.domains.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fazhi import registry
        from fazhi.core.org.choices import Role

        # workflow registers the case kind; collected the detail of collected cases.
        from . import api, collected, figures, models, screens, workflow  # noqa: F401
        from .scenario import stage

        for model in (
            models.EnforcementCase,
            models.Meeting,
            models.MeetingAttendance,
            models.MeetingCase,
        ):
            auditlog.register(model)
        registry.api_route("enforcement-cases", api.EnforcementCaseViewSet, "enforcementcase")
        registry.mount("office", "enforcement/", "fazhi.domains.enforcement.office_urls")
        registry.nav(
            "office",
            "执法监督",
            "enforcement_office:supervision",
            order=40,
            roles=frozenset({Role.SUPERVISOR, Role.DEPARTMENT_HEAD}),
        )
        registry.nav(
            "office",
            "案审会",
            "enforcement_office:meeting_list",
            order=41,
            roles=frozenset({Role.DEPARTMENT_HEAD, Role.SUPERVISOR}),
        )
        figures.register_figures()
        # After the lists' stages (100–105): the collected cases need the foundation's units,
        # entities and personas only.
        for order, (label, load) in enumerate(stage.STAGES, 200):
            registry.stage(label, load, order=order, app="enforcement")
