from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.domains.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fazhi import registry

        from . import api, documents, models, screens, workflow  # noqa: F401  registers kinds, forms

        auditlog.register(models.EnforcementCase)
        registry.api_route("enforcement-cases", api.EnforcementCaseViewSet, "enforcementcase")
