"""Public accounts (公众账号): citizens and enterprises acting on the portal.

A public account is **not** a ``Staff`` row and never becomes ``request.user``: its identity
is a verified mobile number, and its session lives under its own key (see ``session.py``).
The tables here hold personal data; no staff screen lists them (``Scope("none")``), and the
accounts app reaches only the row of the account signed in on the request.
"""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone

from fazhi.core.org.scoping import RestrictedManager, Scope

from .choices import AccountKind, BindingMethod, BindingStatus
from .validators import mask_phone, validate_mobile


class PublicAccount(models.Model):
    phone = models.CharField("手机号码", max_length=11, unique=True, validators=[validate_mobile])
    display_name = models.CharField("称呼", max_length=50)
    kind = models.CharField("账号类型", max_length=20, choices=AccountKind.choices)
    # Enterprise accounts only: the 统一社会信用代码 the holder entered, the entity it was
    # matched to (none while our register does not know it), and how that was checked.
    uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)
    entity = models.ForeignKey(
        "org.Entity",
        verbose_name="市场主体",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="public_accounts",
    )
    declared_representative = models.CharField("申报的法定代表人", max_length=50, blank=True)
    binding_status = models.CharField(
        "绑定状态", max_length=20, choices=BindingStatus.choices, default=BindingStatus.NONE
    )
    binding_method = models.CharField(
        "核验方式", max_length=30, choices=BindingMethod.choices, blank=True
    )
    binding_note = models.CharField("核验结果说明", max_length=200, blank=True)
    binding_checked_at = models.DateTimeField("核验时间", null=True, blank=True)
    # Refused binding attempts in the current hour: a cap stops guessing the representative.
    binding_failures = models.PositiveSmallIntegerField("绑定失败次数", default=0)
    created = models.DateTimeField("注册时间", auto_now_add=True)
    last_login = models.DateTimeField("最近登录", null=True, blank=True)
    # An administrator's suspension: a locked account cannot sign in and its sessions end.
    # The wrong-code lockout is kept on the phone's PhoneGuard instead (see codes.py), so that
    # a stranger typing wrong codes cannot end the holder's session.
    locked_until = models.DateTimeField("锁定至", null=True, blank=True)
    is_active = models.BooleanField("有效", default=True)

    scope = Scope("none")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "公众账号"
        verbose_name_plural = "公众账号"
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=AccountKind.ENTERPRISE)
                | (Q(uscc="") & Q(entity__isnull=True) & Q(binding_status=BindingStatus.NONE)),
                name="%(app_label)s_%(class)s_citizen_has_no_entity",
            ),
            models.CheckConstraint(
                condition=~Q(binding_status=BindingStatus.VERIFIED) | Q(entity__isnull=False),
                name="%(app_label)s_%(class)s_verified_has_entity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name}（{mask_phone(self.phone)}）"

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @property
    def is_enterprise(self) -> bool:
        return self.kind == AccountKind.ENTERPRISE

    @property
    def acts_for_entity(self) -> bool:
        """Only a verified binding gives the right to act for the entity."""
        return (
            self.is_enterprise
            and self.binding_status == BindingStatus.VERIFIED
            and self.entity_id is not None
        )

    def is_locked(self, now: datetime | None = None) -> bool:
        moment = now or timezone.now()
        return self.locked_until is not None and self.locked_until > moment


class OneTimeCode(models.Model):
    """A 6-digit code sent to a phone; only its keyed hash is stored (see ``codes.py``).

    Also the ledger for the sending limits: they count these rows by phone and by address.
    """

    phone = models.CharField("手机号码", max_length=11, db_index=True)
    code_hash = models.CharField("验证码摘要", max_length=64)
    client_ip = models.GenericIPAddressField("请求地址", null=True, blank=True)
    created = models.DateTimeField("发送时间", db_index=True)
    expires = models.DateTimeField("失效时间")
    used = models.DateTimeField("使用时间", null=True, blank=True)

    scope = Scope("none")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "短信验证码"
        verbose_name_plural = "短信验证码"
        ordering = ["id"]
        indexes = [models.Index(fields=["client_ip", "created"])]

    def __str__(self) -> str:
        return f"{mask_phone(self.phone)} {self.created:%Y-%m-%d %H:%M:%S}"


class PhoneGuard(models.Model):
    """Wrong-code failures and the lockout of one phone number.

    Kept per phone, registered or not: locking only registered numbers would tell an
    attacker which numbers have accounts.
    """

    phone = models.CharField("手机号码", max_length=11, unique=True)
    failures = models.PositiveSmallIntegerField("连续错误次数", default=0)
    locked_until = models.DateTimeField("锁定至", null=True, blank=True)

    scope = Scope("none")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "手机号验证保护"
        verbose_name_plural = "手机号验证保护"

    def __str__(self) -> str:
        return mask_phone(self.phone)
