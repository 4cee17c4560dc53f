"""Smoke test in a real browser: Debian's Chromium driven headless by Playwright."""

from __future__ import annotations

import os

import pytest
from django.conf import settings as django_settings

from ..conftest import PASSWORD, allow_flush_of_append_only_tables, chromium_path, require

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def flushable() -> None:
    # Before Playwright starts its event loop: inside it Django hands out another connection.
    allow_flush_of_append_only_tables()


@pytest.fixture
def browser_page(tmp_path):  # type: ignore[no-untyped-def]
    path = chromium_path()
    require(path is not None, "Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
    # happen before and after, never while a coroutine is running.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone screen
        try:
            yield page
        finally:
            browser.close()


# ``available_apps`` makes the flush after the test TRUNCATE … CASCADE on PostgreSQL: the
# unused table of django-auditlog's own (swapped-out) log model still references Staff.
@pytest.mark.django_db(transaction=True, available_apps=list(django_settings.INSTALLED_APPS))
def test_a_clerk_signs_in_and_the_public_opens_the_portal(
    flushable, live_server, browser_page, settings, tmp_path
) -> None:
    from tests.conftest import Org, People

    settings.FAZHI_SITE_GOVERNMENT = "420700000000"
    People(Org())
    page = browser_page
    page.goto(f"{live_server.url}/office/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("text=我的机构与角色")
    assert "鄂州市市场监督管理局" in page.content()

    page.fill("#clock-start", "2019-09-20")
    page.fill("#clock-amount", "20")
    page.select_option("#clock-unit", "workdays")
    page.click("form.inline button[type=submit]")
    page.wait_for_selector("#clock-answer")
    assert "2019-10-23" in page.inner_text("#clock-answer")

    page.goto(f"{live_server.url}/")
    assert "鄂州市法治政府建设平台" in page.title()
    page.screenshot(path=str(tmp_path / "portal-phone.png"))


@pytest.mark.django_db(transaction=True, available_apps=list(django_settings.INSTALLED_APPS))
def test_the_handler_accepts_a_complaint_on_the_case_page_on_a_phone(
    flushable, live_server, browser_page, settings, tmp_path
) -> None:
    """In a real browser (CSP on): the workbench offers 登记, the case page offers 受理 only to
    the handler, and a refusal is shown in Chinese with its article."""
    from datetime import date

    from fazhi.core.casework.models import Case
    from fazhi.domains.lists import services
    from fazhi.domains.lists.models import ProofRequirement
    from tests.conftest import Org, People

    settings.FAZHI_SITE_GOVERNMENT = "420700000000"
    org = Org()
    People(org)
    proof = services.create_item(
        ProofRequirement,
        department=org.scjg,
        valid_from=date(2019, 1, 1),
        fields={"name": "无犯罪记录证明", "status": "cancelled"},
    )
    page = browser_page
    page.goto(f"{live_server.url}/office/login/")
    page.fill("#id_username", "june")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.click("text=登记减证便民投诉")
    page.select_option("#id_proof", str(proof.pk))
    page.fill("#id_demanded_by", "某培训机构")
    page.fill("#id_description", "仍要求社区开具")
    page.click("button:has-text('登记')")
    page.wait_for_selector("text=可办理的步骤")
    page.click("summary:has-text('受理')")
    page.click("button:has-text('受理')")
    page.wait_for_selector("text=已完成“受理”")
    assert Case.objects.get().number.startswith("420700-SFJ-JZ-")
    # Verification with an empty form is refused, with the field named.
    page.click("summary:has-text('核查')")
    page.click("button:has-text('核查')")
    assert page.locator("#id_f-findings:invalid").count() == 1  # the browser asks first
    page.fill("#id_f-findings", "确有此事")
    page.click("button:has-text('核查')")
    page.wait_for_selector("text=已完成“核查”")
    # The reply is the head's: june is not offered it and is told why, with the article.
    page.click("text=其他步骤")
    reasons = page.inner_text("details:has-text('其他步骤')")
    assert "部门负责人" in reasons and "信访工作条例 第三十四条" in reasons
    page.screenshot(path=str(tmp_path / "case-page-phone.png"), full_page=True)
