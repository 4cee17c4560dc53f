"""Registers the reconsideration's intake, parties, respondent screen, hearings, committee and
file access (called from ``DisputesConfig.ready()``)."""

from __future__ import annotations


def ready() -> None:
    from auditlog.registry import auditlog

    from fazhi import registry
    from fazhi.core.accounts.submissions import register_submissions
    from fazhi.core.org.choices import Role

    # Importing adds the steps and declares the periods.
    from . import (  # noqa: F401
        access,
        committee,
        hearings,
        incidental,
        intake,
        models,
        party_api,
        party_screens,
    )
    from .workflow import WORKFLOW

    for model in (
        models.Application,
        models.PartyRecord,
        models.IncidentalReview,
        models.Hearing,
        models.CommitteeReferral,
        models.CommitteeOpinion,
        models.RespondentSubmission,
        models.FileAccessRequest,
        models.FileAccess,
    ):
        auditlog.register(model)
    register_submissions("reconsideration", "行政复议申请", intake.submissions)
    registry.mount("office", "disputes/parties/", "fazhi.domains.disputes.party_urls")
    registry.mount("portal", "disputes/apply/", "fazhi.domains.disputes.party_portal_urls")
    page = ("复议参加人·听证·委员会·阅卷", "disputes_parties:case_panel")
    if page not in WORKFLOW.pages:
        WORKFLOW.pages.append(page)
    registry.nav(
        "office",
        "复议申请登记",
        "disputes_parties:intake",
        order=50,
        roles=frozenset({Role.RECONSIDERATION_HANDLER}),
    )
    registry.nav(
        "office",
        "复议答复",
        "disputes_parties:respondent_list",
        order=51,
        roles=frozenset({Role.CLERK, Role.DEPARTMENT_HEAD}),
    )
    registry.nav("portal", "申请行政复议", "disputes_apply:apply", order=50)
    for prefix, viewset, basename in party_api.ROUTES:
        registry.api_route(prefix, viewset, basename)
