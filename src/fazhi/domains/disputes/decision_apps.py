"""What follows a reconsideration decision — its documents, service, publication, performance,
the withdrawal of a reviewed penalty's publication, typical cases and the committee's rules —
registered from ``DisputesConfig.ready()`` through one call."""

from __future__ import annotations


def ready() -> None:
    from auditlog.registry import auditlog

    from fazhi import registry
    from fazhi.core.casework.workflow import register_after_step
    from fazhi.core.org.choices import Role

    # Importing registers the Word forms (决定书, 调解书, 典型案例).
    from . import decision_docs, decision_scenario, models, publicity, rules, typical  # noqa: F401
    from .workflow import KIND, WORKFLOW

    for model in (
        models.DecisionPerformance,
        models.PerformanceRecord,
        models.TypicalCaseCompilation,
        models.TypicalCase,
        models.CommitteeRule,
        models.CommitteeRuleVersion,
    ):
        auditlog.register(model)
    # A decision that changes or ends a penalty decision reviewed here starts its withdrawal
    # (行政处罚法 第四十八条第二款), in the decision's own transaction.
    register_after_step(KIND, "decide", publicity.on_decided)
    page = ("复议决定书·送达·公开·履行", "disputes_decisions:decision_detail")
    if page not in WORKFLOW.pages:
        WORKFLOW.pages.append(page)
    registry.mount("office", "disputes/decisions/", "fazhi.domains.disputes.decision_urls")
    registry.mount("portal", "reconsideration/", "fazhi.domains.disputes.portal_urls")
    body = frozenset({Role.RECONSIDERATION_HANDLER, Role.RECONSIDERATION_HEAD})
    registry.nav(
        "office",
        "复议决定履行",
        "disputes_decisions:performance_list",
        order=50,
        roles=body | {Role.CLERK, Role.DEPARTMENT_HEAD},
    )
    registry.nav(
        "office", "复议典型案例", "disputes_decisions:compilation_list", order=51, roles=body
    )
    registry.nav("portal", "行政复议决定公开", "disputes_portal:decision_list", order=50)
    registry.nav("portal", "行政复议典型案例", "disputes_portal:compilation_list", order=51)
    registry.nav("portal", "行政复议委员会制度", "disputes_portal:rule_list", order=52)
    registry.job(
        "reconsideration-performance-reminders",
        "fazhi.domains.disputes.tasks.remind_late_performance",
        every=86400.0,
    )
    for order, (label, load) in enumerate(decision_scenario.STAGES, 250):
        registry.stage(label, load, order=order, app="disputes")
    registry.figure(
        "66",
        "行政复议委员会修订制度（项）",
        6,
        rules.revised_2019,
        query="fazhi.domains.disputes.rules.revised_in(2019)",
    )
    registry.figure(
        "77",
        "行政复议典型案件类型（种）",
        10,
        typical.categories_2019,
        query="fazhi.domains.disputes.typical.published_categories(2019)",
    )
