"""The SMS adapter: the file adapter by default, any SmsBackend by setting."""

from __future__ import annotations

import stat

import pytest

from fazhi.core.accounts.sms import FileSmsBackend, SmsBackend, SmsError

from .conftest import ZHANG_PHONE, messages_sent, request_code

pytestmark = pytest.mark.django_db

sent: list[tuple[str, str]] = []


class RecordingGateway(SmsBackend):
    def send(self, phone: str, text: str) -> None:
        sent.append((phone, text))


class BrokenGateway(SmsBackend):
    def send(self, phone: str, text: str) -> None:
        raise SmsError("网关不可用")


def test_the_file_adapter_writes_one_json_line_per_message(sms_dir) -> None:
    FileSmsBackend().send(ZHANG_PHONE, "【测试】您的验证码为123456")
    FileSmsBackend().send(ZHANG_PHONE, "【测试】您的验证码为654321")
    lines = messages_sent(sms_dir)
    assert [m["text"][-6:] for m in lines] == ["123456", "654321"]
    assert set(lines[0]) == {"phone", "text", "time"}


def test_the_file_is_readable_by_its_owner_only(sms_dir) -> None:
    FileSmsBackend().send(ZHANG_PHONE, "x")
    (path,) = sms_dir.glob("*.jsonl")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_requesting_a_code_writes_it_to_the_file(client, sms_dir) -> None:
    request_code(client, ZHANG_PHONE)
    (message,) = messages_sent(sms_dir)
    assert message["phone"] == ZHANG_PHONE and "验证码为" in message["text"]


def test_a_gateway_plugs_in_by_setting(client, settings) -> None:
    settings.FAZHI_SMS_BACKEND = f"{__name__}.RecordingGateway"
    sent.clear()
    request_code(client, ZHANG_PHONE)
    assert [phone for phone, _ in sent] == [ZHANG_PHONE]


def test_a_failing_gateway_gets_a_chinese_answer(client, settings) -> None:
    settings.FAZHI_SMS_BACKEND = f"{__name__}.BrokenGateway"
    response = request_code(client, ZHANG_PHONE)
    assert response.status_code == 503 and "短信发送失败" in response.content.decode()
