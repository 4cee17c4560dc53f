"""How the litigation sub-domain plugs itself in, called from ``DisputesConfig.ready()``."""

from __future__ import annotations


def ready() -> None:
    from auditlog.registry import auditlog

    from fazhi import registry
    from fazhi.core.org.choices import Role

    # Importing registers the kind and its steps, the bulletin's Word form and the screens.
    from .. import models
    from . import api, bulletin, figures, scenario, screens, workflow  # noqa: F401

    for model in (
        models.LawsuitCase,
        models.LawsuitDefendant,
        models.CourtInstance,
        models.CourtSession,
        models.Appearance,
        models.JudicialSuggestion,
        models.AppearanceBulletin,
    ):
        auditlog.register(model)
    registry.api_route("lawsuits", api.LawsuitCaseViewSet, "lawsuitcase")
    registry.api_route("court-appearances", api.AppearanceViewSet, "appearance")
    registry.api_route("judicial-suggestions", api.JudicialSuggestionViewSet, "judicialsuggestion")
    registry.mount(
        "office", "disputes/litigation/", "fazhi.domains.disputes.litigation.office_urls"
    )
    registry.mount("portal", "disputes/", "fazhi.domains.disputes.litigation.portal_urls")
    registry.nav(
        "office",
        "出庭应诉通报",
        "disputes_litigation:bulletin_list",
        order=52,
        roles=frozenset({Role.CLERK, Role.DEPARTMENT_HEAD, Role.SUPERVISOR}),
    )
    registry.nav("portal", "出庭应诉通报", "litigation_portal:bulletin_list", order=53)
    figures.register_figures()
    scenario.register_personas()
    # Orders 255–259 are the litigation sub-domain's.
    for order, (label, load) in enumerate(scenario.STAGES, 255):
        registry.stage(label, load, order=order, app="disputes")
