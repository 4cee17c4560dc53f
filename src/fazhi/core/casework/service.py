"""送达: recording how a document reached its recipient, with proof, and starting the periods
that run from service.

Rules (行政处罚法 第六十一条 refers service to 民事诉讼法; articles as numbered in 民事诉讼法 2023):
- 直接送达 and 委托送达 need the 送达回证 the recipient signed (第八十七条, 第九十四条);
- 留置送达 needs the 回证 with the refusal and the witness, or the photo/video record (第八十九条);
- 邮寄送达 needs the postal tracking number or the returned receipt (第九十一条);
- 电子送达 needs the party's recorded consent with its signed 确认书 (行政处罚法 第六十一条第二款;
  民事诉讼法 第九十条), the system's delivery record to the consented address, and is served
  on the day the message reached the recipient's system (民事诉讼法 第九十条第二款);
- 公告送达 needs the notice itself and the reasons and course in the file (第九十五条第二款).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from .choices import ConsentChannel, ServiceMethod
from .models import Case, Document, Event, Participant, Party, Service, ServiceConsent

E_SERVICE_BASIS = "行政处罚法 第六十一条第二款；民事诉讼法 第九十条"


class ServiceError(ValidationError):
    """Service cannot be recorded as given; the message names what is missing and the article."""


def _check_may_act(actor: Any, case: Case) -> None:
    if actor is None:  # system jobs (e.g. the electronic delivery adapter) act themselves
        return
    from fazhi.core.org.scoping import visible_unit_ids

    units = visible_unit_ids(actor, "change")
    if not Participant.objects.filter(case=case, org_unit_id__in=units).exists():
        raise PermissionDenied("您所在的机构不是本案的参与单位，不能登记送达")


def _not_future(on: dt.date, what: str) -> None:
    if on > timezone.localdate():
        raise ServiceError(f"{what}不能晚于今天")


def record_consent(
    party: Party,
    *,
    channel: str,
    address: str,
    consent_document: Document,
    consented_on: dt.date,
    actor: Any = None,
) -> ServiceConsent:
    """Record that ``party`` agreed to electronic service at ``address`` and signed the
    确认书 kept as ``consent_document`` (行政处罚法 第六十一条第二款)."""
    _check_may_act(actor, party.case)
    address = address.strip()
    if channel not in ConsentChannel.values:
        raise ServiceError(f"未知的电子送达渠道：{channel}")
    if not address:
        raise ServiceError("须写明当事人确认的电子送达地址")
    if channel == ConsentChannel.EMAIL:
        try:
            validate_email(address)
        except ValidationError:
            raise ServiceError(f"电子邮件地址格式不正确：{address}") from None
    if consent_document.case_id != party.case_id:
        raise ServiceError("送达地址确认书须是本案的文书材料")
    _not_future(consented_on, "确认日期")
    with transaction.atomic():
        consent = ServiceConsent.objects.create(
            party=party,
            channel=channel,
            address=address,
            consent_document=consent_document,
            consented_on=consented_on,
            recorded_by=actor,
        )
        Event.objects.create(
            case_id=party.case_id,
            actor=actor,
            kind="service_consent",
            occurred_on=consented_on,
            note=f"{party}同意以{consent.get_channel_display()}送达至 {address}",
            data={"consent": consent.pk, "channel": channel, "basis": E_SERVICE_BASIS},
            document_ids=[consent_document.pk],
        )
    return consent


def _delivered_on(record: Mapping[str, Any]) -> dt.date:
    raw = record.get("delivered_at")
    try:
        at = dt.datetime.fromisoformat(str(raw))
    except ValueError:
        raise ServiceError(
            "电子送达记录须有送达信息到达受送达人特定系统的时间（民事诉讼法 第九十条第二款）"
        ) from None
    return timezone.localtime(at).date() if timezone.is_aware(at) else at.date()


def _electronic_consent(
    party: Party | None, served_on: dt.date, record: Mapping[str, Any]
) -> ServiceConsent:
    if party is None:
        raise ServiceError(f"电子送达须指明受送达的当事人（{E_SERVICE_BASIS}）")
    consents = list(party.service_consents.all())
    if not consents:
        raise ServiceError(
            f"{party}未同意电子送达并签订确认书，不能电子送达"
            f"（行政处罚法 第六十一条第二款：当事人同意并签订确认书的，行政机关可以采用传真、"
            f"电子邮件等方式送达；民事诉讼法 第九十条）"
        )
    address = str(record.get("address", "")).strip()
    if not address:
        raise ServiceError("电子送达记录须写明送达的地址")
    same_address = [c for c in consents if c.address == address]
    if not same_address:
        raise ServiceError(
            f"电子送达地址 {address} 不是{party}确认的地址（{E_SERVICE_BASIS}），"
            f"已确认：{'、'.join(c.address for c in consents)}"
        )
    in_time = [c for c in same_address if c.consented_on <= served_on]
    if not in_time:
        raise ServiceError(
            f"{party}于{same_address[0].consented_on}才签订确认书，此前不能电子送达"
            f"（{E_SERVICE_BASIS}）"
        )
    return max(in_time, key=lambda c: (c.consented_on, c.pk))


def _check_proof(
    method: str,
    *,
    receipt: Document | None,
    tracking_number: str,
    note: str,
) -> None:
    if method in (ServiceMethod.IN_PERSON, ServiceMethod.ENTRUSTED) and receipt is None:
        raise ServiceError(
            f"{ServiceMethod(method).label}须附受送达人签收的送达回证"
            "（民事诉讼法 第八十七条：送达诉讼文书必须有送达回证）"
        )
    if method == ServiceMethod.LEFT_AT_ADDRESS and receipt is None:
        raise ServiceError(
            "留置送达须附记明拒收事由和日期、由送达人和见证人签名的送达回证，"
            "或拍照、录像记录（民事诉讼法 第八十九条）"
        )
    if method == ServiceMethod.POST and receipt is None and not tracking_number:
        raise ServiceError(
            "邮寄送达须登记邮件单号或邮寄回执（民事诉讼法 第九十一条：以回执上注明的收件日期为"
            "送达日期）"
        )
    if method == ServiceMethod.PUBLIC_NOTICE:
        if receipt is None:
            raise ServiceError("公告送达须附公告（民事诉讼法 第九十五条）")
        if not note.strip():
            raise ServiceError("公告送达应当在案卷中记明原因和经过（民事诉讼法 第九十五条第二款）")


def record_service(
    document: Document,
    *,
    method: str,
    served_on: dt.date,
    party: Party | None = None,
    recipient: str = "",
    address: str = "",
    receipt: Document | None = None,
    tracking_number: str = "",
    delivery_record: Mapping[str, Any] | None = None,
    note: str = "",
    actor: Any = None,
    starts: Sequence[str] = (),
) -> Service:
    """Record that ``document`` was served on ``served_on``, with its proof, and start each
    statutory period in ``starts`` (keys of ``fazhi.core.clock.statutes``) from the service
    date — not from the day it is recorded."""
    from .deadlines import start_deadline

    case = document.case
    if case is None:
        raise ServiceError("文书未关联案件，不能登记送达")
    _check_may_act(actor, case)
    if method not in ServiceMethod.values:
        raise ServiceError(f"未知的送达方式：{method}")
    if party is not None and party.case_id != case.pk:
        raise ServiceError("受送达人不是本案的当事人")
    recipient = (recipient or (str(party) if party else "")).strip()
    if not recipient:
        raise ServiceError("须写明受送达人")
    if receipt is not None and receipt.case_id != case.pk:
        raise ServiceError("送达凭证须是本案的文书材料")
    if document.issued_on and served_on < document.issued_on:
        raise ServiceError(f"送达日期不能早于文书的成文日期（{document.issued_on}）")
    _not_future(served_on, "送达日期")
    tracking_number = tracking_number.strip()
    _check_proof(method, receipt=receipt, tracking_number=tracking_number, note=note)

    record = dict(delivery_record or {})
    consent = None
    if method == ServiceMethod.ELECTRONIC:
        consent = _electronic_consent(party, served_on, record)
        delivered_on = _delivered_on(record)
        if delivered_on != served_on:
            raise ServiceError(
                f"电子送达以送达信息到达受送达人特定系统的日期（{delivered_on}）为送达日期"
                "（民事诉讼法 第九十条第二款）"
            )
        address = address or consent.address
        record.setdefault("channel", consent.channel)

    with transaction.atomic():
        service = Service.objects.create(
            document=document,
            case=case,
            method=method,
            served_on=served_on,
            recipient=recipient,
            party=party,
            address=address,
            receipt=receipt,
            tracking_number=tracking_number,
            consent=consent,
            delivery_record=record,
            note=note,
            recorded_by=actor,
        )
        Event.objects.create(
            case=case,
            actor=actor,
            kind="served",
            occurred_on=served_on,
            note=f"{document.title} {document.number}".strip()
            + f"：{service.get_method_display()}，{recipient}，{served_on}",
            data={"service": service.pk, "method": method, "served_on": served_on.isoformat()},
            document_ids=[document.pk] + ([receipt.pk] if receipt else []),
        )
        for key in starts:
            start_deadline(case, key, served_on, actor=actor)
    return service
