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
