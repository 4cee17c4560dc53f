"""Binding an enterprise account to its 统一社会信用代码 — and what the check can prove.

The check, against the market-entity register we hold (``org.Entity``):
1. the code is a valid 统一社会信用代码 (GB 32100-2015 check character; the form does this);
2. an entity with this code is in our register;
3. its 登记状态 is 存续 (a revoked or cancelled entity cannot act);
4. the legal representative's name the holder enters equals ``Entity.legal_representative``;
5. the holder's phone was verified by a one-time code (true of every signed-in account).

All five → ``VERIFIED`` (method ``REGISTER_MATCH``): the account may act for the entity. Our
register unaware of the code, or holding no legal representative → ``PENDING``: we cannot
verify, so the binding gives no rights. A name that does not match, or a revoked/cancelled
entity → ``REJECTED``. Mismatches count; after ``FAILURES_PER_HOUR`` refused attempts in an
hour the account may not try again that hour (the name cannot be found by guessing).

What this does **not** prove: the legal representative's name is public (国家企业信用信息公示
系统), so a match shows knowledge of the register, not authority over the company. The stronger
check — the entity's registered contact phone equals the holder's verified phone — needs a
contact phone on ``org.Entity``, which the register does not hold yet; ``BindingMethod`` keeps
the method with each binding so that check can be added and old bindings told apart.
Procedures that need proof of authority (a 授权委托书) still ask for it.
"""

from __future__ import annotations

import unicodedata
from datetime import timedelta

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from fazhi.core.integrity.audit import record
from fazhi.core.integrity.models import SecurityEventKind
from fazhi.core.org.choices import EntityStatus
from fazhi.core.org.models import Entity

from .choices import AccountKind, BindingMethod, BindingStatus
from .models import PublicAccount

FAILURES_PER_HOUR = 5
# After NFKC: U+2022 •, U+30FB ・ (also from half-width ･), U+2027 ‧ and "." (from ．).
_DOTS = str.maketrans({"\u2022": "·", "\u30fb": "·", "\u2027": "·", ".": "·"})


class BindingRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def normalize_name(name: str) -> str:
    """Full-width forms, spaces and the several middle dots of minority names (阿卜杜·…)
    must not make a correct name fail."""
    return "".join(unicodedata.normalize("NFKC", name or "").split()).translate(_DOTS)


def bind_entity(
    account: PublicAccount,
    *,
    uscc: str,
    representative: str,
    request: HttpRequest | None = None,
) -> PublicAccount:
    """Check and record the binding; returns the account with its new binding status."""
    if account.kind != AccountKind.ENTERPRISE:
        raise BindingRefused("只有企业账号可以绑定统一社会信用代码。")
    now = timezone.now()
    with transaction.atomic():
        account = PublicAccount.objects.select_for_update().get(pk=account.pk)
        if account.binding_checked_at is None or now - account.binding_checked_at > timedelta(
            hours=1
        ):
            account.binding_failures = 0
        if account.binding_failures >= FAILURES_PER_HOUR:
            raise BindingRefused("企业绑定核验失败次数过多，请一小时后再试。")
        entity = Entity.objects.filter(uscc=uscc).first()
        status, note = _check(entity, representative)
        account.uscc = uscc
        account.entity = entity
        account.declared_representative = representative.strip()[:50]
        account.binding_status = status
        account.binding_method = BindingMethod.REGISTER_MATCH
        account.binding_note = note
        account.binding_checked_at = now
        if status == BindingStatus.REJECTED:
            account.binding_failures += 1
        elif status == BindingStatus.VERIFIED:
            account.binding_failures = 0
        account.save()
    record(
        SecurityEventKind.PUBLIC_BINDING,
        username=account.masked_phone,
        request=request,
        object_repr=f"accounts.PublicAccount:{account.pk}",
        success=status == BindingStatus.VERIFIED,
        data={"uscc": uscc, "status": status, "entity": entity.pk if entity else None},
        public_actor=True,
    )
    return account


def _check(entity: Entity | None, representative: str) -> tuple[str, str]:
    if entity is None:
        return (
            BindingStatus.PENDING,
            "本平台登记信息中暂无该统一社会信用代码，无法核验；绑定待核验，暂不能以企业名义办理。",
        )
    if entity.status != EntityStatus.ACTIVE:
        return (
            BindingStatus.REJECTED,
            f"该市场主体登记状态为「{entity.get_status_display()}」，不能绑定。",
        )
    if not entity.legal_representative.strip():
        return (
            BindingStatus.PENDING,
            "登记信息中没有该主体的法定代表人（经营者）姓名，无法核验；绑定待核验，"
            "暂不能以企业名义办理。",
        )
    if normalize_name(representative) != normalize_name(entity.legal_representative):
        return BindingStatus.REJECTED, "法定代表人（经营者）姓名与登记信息不一致。"
    return BindingStatus.VERIFIED, "已核对：主体存在且存续，法定代表人（经营者）姓名一致。"
