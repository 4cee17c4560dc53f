from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.domains.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fazhi import registry

        # Importing workflow, filereview and supervision registers their case kinds.
        from . import (  # noqa: F401
            api,
            filereview,
            models,
            screens,
            supervision,
            supervision_apps,
            workflow,
        )

        auditlog.register(models.EnforcementCase)
        registry.api_route("enforcement-cases", api.EnforcementCaseViewSet, "enforcementcase")
        supervision_apps.ready()
