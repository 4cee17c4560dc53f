"""The public portal."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.disclosure.gate import publish
from fazhi.core.org.validators import make_uscc

from ..conftest import make_entity

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_the_government_and_the_latest_publications(
    client, org, settings
) -> None:
    settings.FAZHI_SITE_GOVERNMENT = "420700000000"
    publish(
        kind="随机抽查结果",
        title="2019年第一批随机抽查结果",
        org_unit=org.scjg,
        fields={"检查对象": 20},
        statutory_deadline=date(2099, 1, 1),
    )
    page = client.get("/").content.decode()
    assert "鄂州市法治政府建设平台" in page and "2019年第一批随机抽查结果" in page


def test_each_department_has_a_page(client, org) -> None:
    assert "鄂州市生态环境局" in client.get("/departments/").content.decode()
    assert client.get("/departments/420700-STHJ/").status_code == 200
    assert client.get("/departments/nope/").status_code == 404


def test_entity_lookup_is_exact_and_rate_limited(client, org) -> None:
    code = make_uscc("91420704MA4F00001")
    make_entity(org, uscc=code)
    assert "鄂州市甲乙有限公司" in client.get("/entities/", {"q": code}).content.decode()
    assert "未找到" in client.get("/entities/", {"q": "甲乙"}).content.decode()
    statuses = {
        client.get("/entities/", {"q": "鄂州市甲乙有限公司"}).status_code for _ in range(40)
    }
    assert 429 in statuses


def test_pages_fit_a_phone_screen(client, db) -> None:
    assert 'name="viewport"' in client.get("/").content.decode()


def test_the_roots_are_published_as_data_and_verify_against_the_database(
    client, org, tmp_path
) -> None:
    import datetime as dt
    import io
    import json

    from django.core.management import call_command
    from django.core.management.base import CommandError
    from django.utils import timezone

    from fazhi.core.integrity import sealing
    from fazhi.core.integrity.audit import record

    record("login", username="alice")
    sealing.seal_all(now=timezone.now() + dt.timedelta(days=1))
    roots = client.get("/integrity/roots.json").json()
    assert roots and roots[0]["root"] and "默克尔根" in client.get("/integrity/").content.decode()
    path = tmp_path / "roots.json"
    path.write_text(json.dumps(roots), encoding="utf-8")
    out = io.StringIO()
    call_command("fazhi_verify", "audit", "--roots", str(path), stdout=out)
    assert "校验通过" in out.getvalue()
    # A database rewritten after publication no longer matches the copy kept outside.
    roots[0]["root"] = "00" * 32
    path.write_text(json.dumps(roots), encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("fazhi_verify", "audit", "--roots", str(path), stdout=out)
    assert "已公布" in out.getvalue()
