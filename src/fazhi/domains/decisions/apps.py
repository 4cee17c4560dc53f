from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "fazhi.domains.decisions"
    label = "decisions"
    verbose_name = "重大行政决策和法律顾问"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fazhi import registry
        from fazhi.core.org.choices import Role

        # Importing registers the kind, its steps, the periods and the list screens.
        from . import api, figures, models, periods, screens, workflow  # noqa: F401
        from .scenario import STAGES
        from .scenario.personas import register_personas

        for model in (
            models.DecisionCatalog,
            models.CatalogItem,
            models.CatalogAdjustment,
            models.MajorDecision,
            models.Consultation,
            models.Hearing,
            models.ExpertReview,
            models.Expert,
            models.RiskAssessment,
            models.LegalityReview,
            models.Discussion,
            models.MemberOpinion,
            models.ImplementationReport,
            models.PostEvaluation,
            models.Meeting,
            models.AgendaItem,
            models.LegalOpinion,
            models.AdviserRound,
            models.AdviserContract,
            models.WorkLog,
            models.AdviserEvaluation,
            models.AdviserMessage,
        ):
            auditlog.register(model)
        registry.api_route("major-decisions", api.MajorDecisionViewSet, "majordecision")
        registry.api_route("legal-opinions", api.LegalOpinionViewSet, "legalopinion")
        registry.mount("office", "decisions/", "fazhi.domains.decisions.office_urls")
        registry.mount("portal", "decisions/", "fazhi.domains.decisions.portal_urls")
        staff = frozenset({Role.CLERK, Role.DEPARTMENT_HEAD, Role.LEGAL_REVIEWER, Role.SUPERVISOR})
        registry.nav(
            "office", "重大行政决策", "decisions_office:meeting_list", order=50, roles=staff
        )
        registry.nav(
            "office", "决策事项目录", "decisions_office:catalog_list", order=51, roles=staff
        )
        registry.nav(
            "office",
            "法律顾问",
            "decisions_office:adviser_coverage",
            order=52,
            roles=frozenset({Role.CLERK, Role.DEPARTMENT_HEAD, Role.SUPERVISOR}),
        )
        registry.nav("portal", "重大行政决策", "decisions:decision_list", order=50)
        registry.nav("portal", "法律顾问", "decisions:adviser_list", order=51)
        figures.register_figures()
        register_personas()
        # The Ezhou 2019 scenario: orders 420–439 are this app's.
        for order, (label, load) in enumerate(STAGES, 420):
            registry.stage(label, load, order=order, app="decisions")
