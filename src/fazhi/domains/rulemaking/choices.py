"""States and kinds of the rulemaking domain, with the allowed transitions written once."""

from __future__ import annotations

from django.db import models


class TextKind(models.TextChoices):
    NATIONAL_LAW = "national_law", "法律"
    ADMINISTRATIVE_REGULATION = "administrative_regulation", "行政法规"
    DEPARTMENTAL_RULE = "departmental_rule", "部门规章"
    LOCAL_REGULATION = "local_regulation", "地方性法规"
    GOVERNMENT_RULE = "government_rule", "政府规章"
    NORMATIVE_DOCUMENT = "normative_document", "行政规范性文件"
    JUDICIAL_INTERPRETATION = "judicial_interpretation", "司法解释"
    PARTY_REGULATION = "party_regulation", "党内法规"


class TextState(models.TextChoices):
    """The state of a text (its latest version) or of one version.

    A superseded version is "amended" (已修改); a text or version that lapsed by its own terms
    (a validity period of a normative document) is "expired" (失效); one the issuing body
    declared no longer in force in a cleanup is "declared_invalid" (宣布失效).
    """

    DRAFT = "draft", "草案"
    NOT_YET_EFFECTIVE = "not_yet_effective", "尚未生效"
    IN_FORCE = "in_force", "现行有效"
    AMENDED = "amended", "已修改"
    REPEALED = "repealed", "已废止"
    EXPIRED = "expired", "失效"
    DECLARED_INVALID = "declared_invalid", "宣布失效"


# A draft becomes a promulgated version (not yet effective or in force); a version in force is
# superseded by an amendment, or ends by repeal, expiry or a declaration. The ends are final.
TEXT_TRANSITIONS: dict[str, frozenset[str]] = {
    TextState.DRAFT: frozenset({TextState.NOT_YET_EFFECTIVE, TextState.IN_FORCE}),
    TextState.NOT_YET_EFFECTIVE: frozenset(
        {TextState.IN_FORCE, TextState.REPEALED, TextState.DECLARED_INVALID}
    ),
    TextState.IN_FORCE: frozenset(
        {
            TextState.AMENDED,
            TextState.REPEALED,
            TextState.EXPIRED,
            TextState.DECLARED_INVALID,
        }
    ),
    TextState.AMENDED: frozenset(),
    TextState.REPEALED: frozenset(),
    TextState.EXPIRED: frozenset(),
    TextState.DECLARED_INVALID: frozenset(),
}

# States in which a version has (or had) legal effect: what "as of a date" looks at.
PROMULGATED_STATES = (
    TextState.NOT_YET_EFFECTIVE,
    TextState.IN_FORCE,
    TextState.AMENDED,
    TextState.REPEALED,
    TextState.EXPIRED,
    TextState.DECLARED_INVALID,
)


class ProvisionLevel(models.TextChoices):
    PART = "part", "编"
    CHAPTER = "chapter", "章"
    SECTION = "section", "节"
    ARTICLE = "article", "条"
    PARAGRAPH = "paragraph", "款"
    ITEM = "item", "项"


class ChangeKind(models.TextChoices):
    ADDED = "added", "新增"
    REMOVED = "removed", "删除"
    CHANGED = "changed", "修改"
    RENUMBERED = "renumbered", "条序变动"
    RENUMBERED_CHANGED = "renumbered_changed", "条序变动并修改"
