"""What the justice bureau's supervision of enforcement (case-file review, supervision opinions,
special campaigns) plugs in from ``EnforcementConfig.ready()``: audit, screens, URLs, nav, the
scenario stage and the figures it counts. Kept apart so apps.py stays one call per sub-domain."""

from __future__ import annotations


def ready() -> None:
    from auditlog.registry import auditlog

    from fazhi import registry

    # supervision_screens registers the Resource screens.
    from . import (  # noqa: F401
        campaigns,
        filereview,
        models,
        supervision_screens,
        supervision_tasks,
    )
    from .scenario import filereview_stage

    for model in (
        models.Checklist,
        models.ChecklistVersion,
        models.ChecklistItem,
        models.FileReview,
        models.DepartmentReview,
        models.ReviewedFile,
        models.ItemScore,
        models.FileProblem,
        models.SupervisionOpinion,
        models.Campaign,
        models.CampaignProblem,
    ):
        auditlog.register(model)

    registry.mount(
        "office", "enforcement/supervision/", "fazhi.domains.enforcement.supervision_urls"
    )
    registry.job(
        "enforcement-supervision-late",
        "fazhi.domains.enforcement.supervision_tasks.notify_late",
        every=86400.0,
    )
    registry.nav("office", "案卷评查", "enforcement_supervision:filereview_list", order=60)
    for order, (label, load) in enumerate(filereview_stage.STAGES, 220):
        registry.stage(label, load, order=order, app="enforcement")
    for row, label, seed, count in (
        ("44", "市场监管部门药品领域专项整治", 6, campaigns.pharmacy_campaigns_2019),
        ("59", "开展案卷评查的行政执法部门", 20, filereview.reviewed_departments),
        ("60", "评查案卷", 126, filereview.reviewed_files),
        ("61", "评查发现执法不规范问题", 259, filereview.problems_found),
    ):
        registry.figure(row, label, seed, count)
