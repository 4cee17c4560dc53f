"""The disclosure gate builds public records from structured fields and masks them."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from fazhi.disclosure.gate import DisclosureRefused, publish, withdraw
from fazhi.disclosure.models import OutboxMessage, Publication
from fazhi.disclosure.outbox import deliver_pending

pytestmark = pytest.mark.django_db

ID = "420704199001011231"  # a resident ID number with a valid GB 11643 check digit


def decision(org, **extra):  # type: ignore[no-untyped-def]
    fields = {
        "当事人": "鄂州市某某商贸有限公司",
        "违法事实": f"经查，证人张三丰（身份证 {ID}，电话 13871234567）证实该公司销售过期食品。",
        "住所": "湖北省鄂州市鄂城区滨湖南路25号",
        "罚款": 5000,
        "决定日期": date(2019, 10, 8),
    }
    return publish(
        kind="行政处罚决定",
        title="鄂州市某某商贸有限公司行政处罚决定",
        org_unit=org.scjg,
        fields=fields,
        address_fields=["住所"],
        known_names=["张三丰"],
        party_names=["鄂州市某某商贸有限公司"],
        statutory_deadline=date(2099, 1, 1),
        **extra,
    )


def test_it_publishes_a_masked_record_built_from_fields(org) -> None:
    pub = decision(org)
    text = pub.payload["违法事实"]
    assert ID not in text and "13871234567" not in text
    assert "张某某" in text and "张三丰" not in text
    assert pub.payload["住所"] == "湖北省鄂州市鄂城区"
    assert pub.payload["当事人"] == "鄂州市某某商贸有限公司"
    assert pub.payload["罚款"] == 5000 and pub.payload["决定日期"] == "2019-10-08"
    assert pub.on_time is True and len(pub.sha256) == 64


def test_it_refuses_a_decision_whose_party_is_a_minor(org) -> None:
    with pytest.raises(DisclosureRefused):
        decision(org, party_is_minor=True)
    assert not Publication.objects.exists()


def test_a_withdrawal_keeps_the_record_and_shows_the_reason(org, client) -> None:
    pub = decision(org)
    withdraw(pub, reason="复议决定撤销原处罚决定")
    assert not Publication.objects.current().filter(pk=pub.pk).exists()
    page = client.get(f"/publications/{pub.pk}/")
    assert page.status_code == 200
    assert "已于" in page.content.decode() and "复议决定撤销原处罚决定" in page.content.decode()
    with pytest.raises(ValueError):
        withdraw(decision(org), reason=" ")


def test_the_outbox_writes_the_targets_file_and_keeps_failures(org, settings) -> None:
    decision(org, outbox_targets=["credit_china"])
    assert deliver_pending() == 1
    message = OutboxMessage.objects.get()
    path = Path(message.result)
    body = json.loads(path.read_text(encoding="utf-8"))
    assert body["target"] == "credit_china" and ID not in path.read_text(encoding="utf-8")
    assert message.status == "delivered" and message.attempts == 1


def test_the_preview_command_prints_exactly_what_would_be_published(monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"证人李四，手机 138-7123-4567，身份证号 {ID}。"))
    out = io.StringIO()
    call_command("fazhi_disclosure", "preview", "--name", "李四", stdout=out)
    shown = out.getvalue()
    assert "李某" in shown and "4567" not in shown and ID not in shown
