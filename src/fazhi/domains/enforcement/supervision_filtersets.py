"""Filters of the supervision screens (shared by the list, its export and its filter choices);
a department filter resolves only among the units the user may see."""

from __future__ import annotations

from fazhi.core.org.filtersets import ScopedFilterSet, unit_filter

from .models import (
    Campaign,
    CampaignProblem,
    DepartmentReview,
    FileProblem,
    FileReview,
    ReviewedFile,
    SupervisionOpinion,
)


class FileReviewFilterSet(ScopedFilterSet):
    class Meta:
        model = FileReview
        fields = ["year"]


class DepartmentReviewFilterSet(ScopedFilterSet):
    department = unit_filter("被评查部门", "department")

    class Meta:
        model = DepartmentReview
        fields = ["department"]


class ReviewedFileFilterSet(ScopedFilterSet):
    class Meta:
        model = ReviewedFile
        fields = ["score", "scored_on"]


class FileProblemFilterSet(ScopedFilterSet):
    class Meta:
        model = FileProblem
        fields = ["category", "found_on"]


class SupervisionOpinionFilterSet(ScopedFilterSet):
    department = unit_filter("被监督部门", "department")

    class Meta:
        model = SupervisionOpinion
        fields = ["kind", "department"]


class CampaignFilterSet(ScopedFilterSet):
    class Meta:
        model = Campaign
        fields = ["field"]


class CampaignProblemFilterSet(ScopedFilterSet):
    class Meta:
        model = CampaignProblem
        fields = ["matter"]
