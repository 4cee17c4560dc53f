"""What the plan, check-item and result sub-domains register from the app's ``ready()``
(kept apart from the draw's registrations in ``apps.py``)."""

from __future__ import annotations


def ready() -> None:
    from auditlog.registry import auditlog

    from fazhi import registry

    from . import figures, imports, models, screens, tasks  # noqa: F401
    from .scenario import stage

    for model in (
        models.CheckItem,
        models.CheckItemVersion,
        models.Qualification,
        models.OfficerQualification,
        models.OfficerGrid,
        models.InspectionPlan,
        models.PlanEntry,
        models.InspectionTask,
        models.Finding,
        models.FindingPhoto,
    ):
        auditlog.register(model)
    registry.mount("office", "inspection/", "fazhi.domains.inspection.office_urls")
    registry.mount("portal", "inspection/", "fazhi.domains.inspection.portal_urls")
    registry.nav("office", "双随机抽查", "inspection_office:index", order=45)
    registry.nav("portal", "双随机一公开", "inspection_portal:index", order=44)
    figures.register_figures()
    for order, (label, load) in enumerate(stage.STAGES, 300):
        registry.stage(label, load, order=order, app="inspection")
