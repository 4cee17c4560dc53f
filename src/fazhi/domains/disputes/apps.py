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
        # The reconsideration history of the Ezhou 2019 scenario (orders 240–244 are ours) and
        # the seed report's figures it fills (docs/figures.md rows 67–75).
        from . import figures
        from .scenario import stage

        stage.register_personas()
        registry.stage("行政复议案件（2018年结转及2019年）", stage.load, order=240, app="disputes")
        figures.register_figures()
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
