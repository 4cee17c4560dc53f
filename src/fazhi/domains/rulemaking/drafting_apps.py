"""What the drafting sub-domain plugs in from the app's ``ready()`` (kept apart from apps.py so
that each sub-domain adds its own lines)."""

from __future__ import annotations


def ready_drafting() -> None:
    from auditlog.registry import auditlog

    from fazhi import registry
    from fazhi.core.accounts.submissions import register_submissions
    from fazhi.core.org.choices import Role

    # Importing registers the case kind, its steps, the periods and the list screens, and the
    # daily job's Celery task (autodiscovery reads only tasks.py).
    from . import (  # noqa: F401
        drafting,
        drafting_figures,
        drafting_screens,
        drafting_tasks,
        models,
        periods,
    )
    from .drafting_views import my_comments
    from .scenario.drafting import STAGES, register_personas

    for model in (
        models.IssuingBody,
        models.IssuingBodyVersion,
        models.RulemakingPlan,
        models.PlanEntry,
        models.Draft,
        models.DraftReview,
        models.ProvisionAnchor,
        models.AnchorPlacement,
        models.Consultation,
        models.Comment,
    ):
        auditlog.register(model)
    registry.mount("office", "drafting/", "fazhi.domains.rulemaking.drafting_office_urls")
    registry.mount("portal", "consultations/", "fazhi.domains.rulemaking.consult_urls")
    staff = frozenset({Role.CLERK, Role.DEPARTMENT_HEAD, Role.LEGAL_REVIEWER, Role.SUPERVISOR})
    registry.nav(
        "office", "规章和规范性文件制定", "rulemaking_drafting:draft_list", order=71, roles=staff
    )
    registry.nav("portal", "征求意见", "rulemaking_consult:consultation_list", order=51)
    registry.job(
        "rulemaking-effective-dates",
        "fazhi.domains.rulemaking.drafting_tasks.apply_effective_dates",
        every=86400.0,
    )
    register_submissions("rulemaking-comments", "规章和规范性文件草案意见", my_comments)
    drafting_figures.register_figures()
    register_personas()
    # The Ezhou 2019 scenario: orders 410–412 are drafting's (400–404 the law library's).
    for order, (label, load) in enumerate(STAGES, 410):
        registry.stage(label, load, order=order, app="rulemaking")
