"""Choices of the inspection domain. Chinese labels are what the user interface shows."""

from __future__ import annotations

from django.db import models

# The draw specification a campaign is committed under (docs/draw-spec.md).
SPEC_VERSION = "fazhi-draw/1"
# The stratum of an entity without a class under the campaign's scheme (draw-spec §2.1).
UNCLASSIFIED = "未分类"


class CampaignState(models.TextChoices):
    PLANNED = "planned", "已计划"
    # Rules, pool digests and commitments published (draw-spec §2.6): nothing can change now.
    COMMITTED = "committed", "已公布承诺"
    # Reveals taken, targets and teams drawn: secret until the results are published.
    DRAWN = "drawn", "已抽取"
    RESULTS_PUBLISHED = "results_published", "结果已公示"


# The allowed transitions, written once; services.transition() is the only writer of ``state``.
CAMPAIGN_TRANSITIONS: dict[str, frozenset[str]] = {
    CampaignState.PLANNED: frozenset({CampaignState.COMMITTED}),
    CampaignState.COMMITTED: frozenset({CampaignState.DRAWN}),
    CampaignState.DRAWN: frozenset({CampaignState.RESULTS_PUBLISHED}),
    CampaignState.RESULTS_PUBLISHED: frozenset(),
}


class ConflictKind(models.TextChoices):
    """回避: why an inspector must not inspect an entity (国发〔2019〕5号: 有利害关系的回避)."""

    KIN = "kin", "近亲属关系"
    FORMER_EMPLOYER = "former_employer", "曾任职"
    INTEREST = "interest", "申报的利害关系"
    RULE = "rule", "回避规则（如本人网格）"
    OTHER = "other", "其他"
