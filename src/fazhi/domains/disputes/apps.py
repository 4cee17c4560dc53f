from django.apps import AppConfig


class DisputesConfig(AppConfig):
    name = "fazhi.domains.disputes"
    label = "disputes"
    verbose_name = "行政争议"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fazhi import registry

        # Importing registers the kind, its steps and the list screen.
        from . import api, models, screens, workflow  # noqa: F401

        auditlog.register(models.ReconsiderationCase)
        registry.api_route(
            "reconsideration-cases", api.ReconsiderationCaseViewSet, "reconsiderationcase"
        )
        # Decision documents, service, publication, performance, typical cases, rules.
        from . import decision_apps

        decision_apps.ready()
        # Intake channels, parties, respondent's screen, hearings, committee, 阅卷.
        from . import parties_apps

        parties_apps.ready()
        # 行政应诉: its own sub-domain (litigation/), registered from here.
        from .litigation import apps as litigation

        litigation.ready()
