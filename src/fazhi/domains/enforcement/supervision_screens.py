"""Back-office list, detail and Excel-export screens of the justice bureau's supervision records
(through the Resource screens, so every one is scoped)."""

from __future__ import annotations

from fazhi.shell.office.resources import Resource, register

from . import supervision_filtersets as filtersets
from .models import (
    Campaign,
    CampaignProblem,
    DepartmentReview,
    FileProblem,
    FileReview,
    ReviewedFile,
    SupervisionOpinion,
)

register(
    Resource(
        "file-reviews",
        FileReview,
        "案卷评查",
        ["title", "year", "owner_unit__name", "seed", "started_on"],
        search_fields=["title"],
        filterset=filtersets.FileReviewFilterSet,
        select_related=["owner_unit"],
        ordering=["-year", "-pk"],
    )
)
register(
    Resource(
        "file-review-departments",
        DepartmentReview,
        "部门案卷评查",
        ["case__number", "review__title", "department__name", "quota", "population"],
        search_fields=["case__number", "department__name"],
        filterset=filtersets.DepartmentReviewFilterSet,
        select_related=["case", "review", "department"],
        ordering=["review", "department__code"],
    )
)
register(
    Resource(
        "reviewed-files",
        ReviewedFile,
        "评查案卷",
        [
            "department_review__review__title",
            "department_review__department__name",
            "position",
            "case__number",
            "case__title",
            "score",
            "scored_on",
        ],
        search_fields=["case__number", "case__title"],
        filterset=filtersets.ReviewedFileFilterSet,
        select_related=["department_review__review", "department_review__department", "case"],
        ordering=["department_review", "position"],
    )
)
register(
    Resource(
        "file-problems",
        FileProblem,
        "评查发现问题",
        [
            "reviewed_file__department_review__department__name",
            "reviewed_file__case__number",
            "category",
            "description",
            "found_on",
        ],
        search_fields=["category", "description"],
        filterset=filtersets.FileProblemFilterSet,
        select_related=["reviewed_file__department_review__department", "reviewed_file__case"],
        ordering=["-found_on", "-pk"],
    )
)
register(
    Resource(
        "supervision-opinions",
        SupervisionOpinion,
        "行政执法监督意见书/决定书",
        ["case__number", "kind", "department__name", "case__title", "case__state"],
        search_fields=["case__number", "case__title"],
        filterset=filtersets.SupervisionOpinionFilterSet,
        select_related=["case", "department"],
        ordering=["-pk"],
    )
)
register(
    Resource(
        "campaigns",
        Campaign,
        "专项治理",
        ["topic", "field", "organiser__name", "started_on", "ended_on"],
        search_fields=["topic"],
        filterset=filtersets.CampaignFilterSet,
        select_related=["organiser"],
        ordering=["-started_on", "-pk"],
    )
)
register(
    Resource(
        "campaign-problems",
        CampaignProblem,
        "专项治理问题",
        ["campaign__topic", "matter", "description", "found_on", "rectified_on"],
        search_fields=["matter", "description"],
        filterset=filtersets.CampaignProblemFilterSet,
        select_related=["campaign"],
        ordering=["-found_on", "-pk"],
    )
)
