"""States and kinds of the filing, validity and cleanup sub-domains (备案、有效期、清理), with
the allowed transitions written once next to them."""

from __future__ import annotations

from django.db import models


class FilingState(models.TextChoices):
    """One filing (备案) of one text with one recipient, tracked to its receipt. The steps that
    move between these states are declared once, in ``filing.WORKFLOW``:

    due → submitted (报送) → registered (登记) | deferred (暂缓登记) | not_registered (不予登记);
    deferred → submitted (补充或者重新报送); registered → correction (纠正通知) → corrected
    (报告处理情况).
    """

    DUE = "due", "待报送"
    SUBMITTED = "submitted", "已报送，待登记"
    REGISTERED = "registered", "已备案登记"
    DEFERRED = "deferred", "暂缓登记，待补充或重新报送"
    NOT_REGISTERED = "not_registered", "不予备案登记"
    CORRECTION = "correction", "收到纠正通知，待报告处理情况"
    CORRECTED = "corrected", "已报告处理情况"


class CatalogueState(models.TextChoices):
    DUE = "due", "待报送"
    SUBMITTED = "submitted", "已报送"


class Recipient(models.TextChoices):
    """The bodies a text is filed with (备案机关)."""

    STATE_COUNCIL = "state_council", "国务院"
    CITY_NPC_SC = "city_npc_sc", "市人民代表大会常务委员会"
    PROVINCE_GOVERNMENT = "province_government", "省人民政府"
    PROVINCE_NPC_SC = "province_npc_sc", "省人民代表大会常务委员会"
    CITY_GOVERNMENT = "city_government", "市人民政府"


class CleanupOutcome(models.TextChoices):
    """清理结果: the four words of GLOSSARY (the list actions' retain / amend / repeal, and the
    declaration that a text no longer applies)."""

    RETAIN = "retain", "保留"
    AMEND = "amend", "修改"
    REPEAL = "repeal", "废止"
    DECLARE_INVALID = "declare_invalid", "宣布失效"


class CleanupState(models.TextChoices):
    OPEN = "open", "清理中"
    CONCLUDED = "concluded", "已完成"
    PUBLISHED = "published", "结果已公布"


CLEANUP_TRANSITIONS: dict[str, frozenset[str]] = {
    CleanupState.OPEN: frozenset({CleanupState.CONCLUDED}),
    CleanupState.CONCLUDED: frozenset({CleanupState.PUBLISHED}),
    CleanupState.PUBLISHED: frozenset(),
}


class TextActKind(models.TextChoices):
    """An act ending a text's force, recorded with its date, basis and who did it: expiry of a
    normative document's validity period (by the daily job), or the issuing body's repeal or
    declaration of invalidity (宣布失效, a separate recorded act)."""

    EXPIRED = "expired", "有效期届满失效"
    REPEALED = "repealed", "废止"
    DECLARED_INVALID = "declared_invalid", "宣布失效"
    EVALUATED = "evaluated", "有效期届满前评估"
