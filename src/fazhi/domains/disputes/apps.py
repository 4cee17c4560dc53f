from django.apps import AppConfig


class DisputesConfig(AppConfig):
    name = "fazhi.domains.disputes"
    label = "disputes"
    verbose_name = "行政争议"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fazhi import registry

        # Importing registers the kind, its steps and the list screen.
        # 视为受理 (the lapse hook), 中止/恢复, 转为普通程序; 调解 and 和解.
        from . import agreement, api, clock, models, screens, workflow  # noqa: F401  # noqa: F401

        auditlog.register(models.ReconsiderationCase)
        registry.api_route(
            "reconsideration-cases", api.ReconsiderationCaseViewSet, "reconsiderationcase"
        )
