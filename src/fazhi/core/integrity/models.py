"""The audit log (who did what), security events, and the seals that make them provable."""

from __future__ import annotations

from typing import Any

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.db import models

from fazhi.core.org.scoping import Scope

from .appendonly import AppendOnlyModel, AppendOnlyQuerySet


class AuditEntryQuerySet(AppendOnlyQuerySet):
    pass


class AuditEntryManager(LogEntryManager.from_queryset(AuditEntryQuerySet)):  # type: ignore[misc]
    pass


def _audit_admin_only(user: Any, action: str) -> models.Q:
    from fazhi.core.org.choices import Role

    return (
        models.Q() if user.has_role(Role.AUDIT_ADMIN) and action == "view" else models.Q(pk__in=[])
    )


class AuditEntry(AppendOnlyModel, AbstractLogEntry):
    """One write by a staff member or a command (django-auditlog's log entry, append-only)."""

    scope = Scope("none", custom=_audit_admin_only)
    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["id"]


class SecurityEventKind(models.TextChoices):
    LOGIN = "login", "登录"
    PASSWORD_CHANGED = "password_changed", "修改密码"
    LOGOUT = "logout", "退出"
    LOGIN_FAILED = "login_failed", "登录失败"
    LOCKED_OUT = "locked_out", "账号锁定"
    PERMISSION_DENIED = "permission_denied", "越权访问被拒绝"
    UNMASKED_VIEW = "unmasked_view", "查看未脱敏个人信息"
    SYSTEM_ACCESS = "system_access", "系统全量访问"
    BULK_IMPORT = "bulk_import", "批量导入"
    COMMAND = "command", "运维命令"
    # The public's accounts (fazhi.core.accounts): a separate realm from staff, so separate kinds.
    PUBLIC_CODE_SENT = "public_code_sent", "公众账号发送验证码"
    PUBLIC_CODE_REFUSED = "public_code_refused", "公众账号验证码请求被限制"
    PUBLIC_SIGNUP = "public_signup", "公众账号注册"
    PUBLIC_LOGIN = "public_login", "公众账号登录"
    PUBLIC_LOGIN_FAILED = "public_login_failed", "公众账号验证失败"
    PUBLIC_LOCKED_OUT = "public_locked_out", "公众账号手机号锁定"
    PUBLIC_LOGOUT = "public_logout", "公众账号退出"
    PUBLIC_BINDING = "public_binding", "公众账号绑定企业"


class SecurityEvent(AppendOnlyModel):
    """Security-relevant events that are not model writes (等保 2.0 安全审计)."""

    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    kind = models.CharField("事件", max_length=30, choices=SecurityEventKind.choices)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="工作人员",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    username = models.CharField("账号", max_length=150, blank=True)
    remote_addr = models.GenericIPAddressField("地址", null=True, blank=True)
    path = models.CharField("请求", max_length=300, blank=True)
    object_repr = models.CharField("对象", max_length=300, blank=True)
    success = models.BooleanField("结果", default=True)
    data = models.JSONField("详情", default=dict, blank=True)

    scope = Scope("none", custom=_audit_admin_only)
    objects = models.Manager.from_queryset(AuditEntryQuerySet)()

    class Meta:
        verbose_name = "安全事件"
        verbose_name_plural = "安全事件"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.get_kind_display()} {self.username}"


class Seal(AppendOnlyModel):
    """A batch of one stream's records sealed by its Merkle root (RFC 6962)."""

    stream = models.CharField("数据流", max_length=40)
    first_id = models.BigIntegerField("起始记录")
    last_id = models.BigIntegerField("结束记录")
    leaf_count = models.PositiveIntegerField("记录数")
    algorithm = models.CharField("摘要算法", max_length=20, default="sha256")
    root = models.CharField("默克尔根", max_length=128)
    # The leaf hashes themselves, concatenated: verify can then name the first bad record.
    leaves = models.BinaryField("叶子摘要")
    previous_root = models.CharField("上一批根", max_length=128, blank=True)
    # The columns each leaf was computed from, so a column added later does not break old
    # batches; and the record ids as ranges, so verify can name a deleted or inserted record.
    columns = models.JSONField("字段", default=list)
    id_ranges = models.JSONField("记录范围", default=list)
    sealed_at = models.DateTimeField("封存时间", auto_now_add=True)

    scope = Scope("public")
    objects = models.Manager.from_queryset(AuditEntryQuerySet)()

    class Meta:
        verbose_name = "封存批次"
        verbose_name_plural = "封存批次"
        ordering = ["stream", "first_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["stream", "first_id"], name="%(app_label)s_%(class)s_unique_batch"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stream} #{self.first_id}–{self.last_id} {self.root[:16]}…"


class StreamHead(models.Model):
    """Where each stream's sealing stands; the row is locked while a batch is sealed, so two
    sealers (beat and ``verify --seal``) never cut overlapping batches."""

    stream = models.CharField("数据流", max_length=40, unique=True)
    last_id = models.BigIntegerField("已封存至", default=0)
    last_root = models.CharField("最新默克尔根", max_length=128, blank=True)

    class Meta:
        verbose_name = "封存进度"
        verbose_name_plural = "封存进度"

    def __str__(self) -> str:
        return f"{self.stream} ≤ {self.last_id}"
