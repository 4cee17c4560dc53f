"""What was published where, when, until when; withdrawals; the outbox to outside systems."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from fazhi.core.integrity.appendonly import AppendOnlyModel, AppendOnlyQuerySet
from fazhi.core.org.models import OrgUnit
from fazhi.core.org.scoping import RestrictedQuerySet, Scope


class Channel(models.TextChoices):
    PORTAL = "portal", "本平台门户"
    GOV_WEBSITE = "gov_website", "政府门户网站"
    CREDIT_CHINA = "credit_china", "信用中国"
    GSXT = "gsxt", "国家企业信用信息公示系统"
    PROVINCE_RANDOM = "province_random", "省双随机监管平台"
    FILING = "filing", "备案审查平台"


class PublicationQuerySet(AppendOnlyQuerySet):
    def current(self) -> PublicationQuerySet:
        """Published, not withdrawn, and not past the statutory end of publication."""
        today = timezone.localdate()
        return self.filter(withdrawal__isnull=True).filter(
            models.Q(publish_until__isnull=True) | models.Q(publish_until__gte=today)
        )


def _public(user: Any, action: str) -> models.Q:
    # Withdrawn records stay readable, marked as withdrawn; lists show ``current()`` only.
    return models.Q() if action == "view" else models.Q(pk__in=[])


class Publication(AppendOnlyModel):
    """One public record, built from structured fields and masked by the disclosure gate."""

    kind = models.CharField("公开类别", max_length=60, db_index=True)
    title = models.CharField("标题", max_length=200)
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name="公开机关", on_delete=models.PROTECT, related_name="publications"
    )
    case = models.ForeignKey(
        "casework.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # "app_label.model:pk" of the record behind the publication (not a generic FK: the
    # publication outlives any change to its source and is read without joining it).
    subject = models.CharField("来源记录", max_length=120, blank=True, db_index=True)
    channel = models.CharField("渠道", max_length=30, choices=Channel.choices)
    payload = models.JSONField("公开内容")
    sha256 = models.CharField("摘要", max_length=64)
    # When the row was written (sealing uses it) …
    published_at = models.DateTimeField("公开时间", default=timezone.now, db_index=True)
    # … and the date the public record says it was published: for history (a 2019 penalty
    # publicised in 2019, recorded now) it lies long before. Empty on rows written before the
    # field existed; ``public_date`` then falls back to the day of ``published_at``.
    published_on = models.DateField("公开日期", null=True, blank=True)
    statutory_deadline = models.DateField("法定公开期限", null=True, blank=True)
    on_time = models.BooleanField("按期公开", null=True)
    publish_until = models.DateField("公示截止", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    scope = Scope("public", custom=_public)
    objects = models.Manager.from_queryset(PublicationQuerySet)()

    class Meta:
        verbose_name = "公开记录"
        verbose_name_plural = "公开记录"
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def public_date(self) -> date:
        """The date shown to the public: the business date of the publication."""
        return self.published_on or timezone.localdate(self.published_at)

    @property
    def withdrawn(self) -> bool:
        return hasattr(self, "withdrawal")

    @property
    def expired(self) -> bool:
        """Past the statutory end of publication (e.g. 公示满三个月/三年停止)."""
        return self.publish_until is not None and self.publish_until < timezone.localdate()

    @property
    def is_current(self) -> bool:
        """Whether its content may still be shown; a withdrawn or expired record shows only its
        title and why it is no longer public."""
        return not self.withdrawn and not self.expired


class Withdrawal(AppendOnlyModel):
    """撤回: shown as withdrawn with its reason, never silently deleted."""

    publication = models.OneToOneField(
        Publication, on_delete=models.PROTECT, related_name="withdrawal"
    )
    at = models.DateTimeField("撤回时间", default=timezone.now)
    # The business date of the withdrawal (行政处罚法 第四十八条: within three working days of the
    # change), apart from the time the row is written; empty on rows written before the field.
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    reason = models.CharField("撤回理由", max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    scope = Scope("public")
    objects = models.Manager.from_queryset(PublicationQuerySet)()

    class Meta:
        verbose_name = "撤回记录"
        verbose_name_plural = "撤回记录"

    @property
    def public_date(self) -> date:
        """The date shown to the public: the business date of the withdrawal."""
        return self.withdrawn_on or timezone.localdate(self.at)


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "待发送"
    DELIVERED = "delivered", "已发送"
    FAILED = "failed", "发送失败"
    CANCELLED = "cancelled", "已取消（记录已撤回）"


class OutboxMessage(models.Model):
    """A message to an outside system, kept until its adapter delivered it."""

    target = models.CharField("目标系统", max_length=30, choices=Channel.choices)
    publication = models.ForeignKey(
        Publication, null=True, blank=True, on_delete=models.PROTECT, related_name="messages"
    )
    payload = models.JSONField("报文")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    status = models.CharField(
        "状态", max_length=20, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField("尝试次数", default=0)
    last_attempt_at = models.DateTimeField("最近尝试", null=True, blank=True)
    result = models.TextField("结果", blank=True)

    scope = Scope("none")
    objects = models.Manager.from_queryset(RestrictedQuerySet)()

    class Meta:
        verbose_name = "外发消息"
        verbose_name_plural = "外发消息"
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_target_display()} #{self.pk} {self.get_status_display()}"
