"""In a real browser (Debian's Chromium, CSP on): a clerk plans the year and runs a campaign
through the back office's forms — the plan refused with its reason in Chinese, then created;
a campaign added, filed, published, opened, frozen; a commitment whose secret the app generates
and shows once; the pre-draw publication; the reveal; the draw, whose targets the page shows."""

from __future__ import annotations

import os
import re
from datetime import date

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from ..conftest import PASSWORD, allow_flush_of_append_only_tables, chromium_path, require

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


@pytest.fixture
def flushable() -> None:
    allow_flush_of_append_only_tables()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, available_apps=list(django_settings.INSTALLED_APPS))
def test_a_clerk_plans_and_draws_in_the_browser(flushable, live_server, settings, tmp_path):  # type: ignore[no-untyped-def]
    from fazhi.core.org.models import Entity, RiskClassification
    from fazhi.core.org.validators import make_uscc
    from fazhi.domains.inspection.models import Target
    from tests.conftest import Org, People

    from .campaign_fixtures import check_item, inspector

    path = chromium_path()
    require(path is not None, "Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    settings.FAZHI_SITE_GOVERNMENT = "420700000000"
    org = Org()
    People(org)
    year = timezone.localdate().year
    for i in range(2):
        e = Entity.objects.create(
            uscc=make_uscc(f"91420704MA4F{i:05d}"),
            name=f"鄂州市第{i}餐饮有限公司",
            kind="company",
            industry="H",
            region=org.district,
            registered_on=date(2015, 1, 1),
        )
        RiskClassification.objects.create(
            entity=e, scheme="市场监管", risk_class="A", as_of=date(2019, 1, 1), source="省局"
        )
    inspector(org.scjg, "zhou", "周一", "42070001")
    inspector(org.scjg, "wu", "吴二", "42070002")
    item = check_item(org.scjg)

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    csp: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on(
            "console",
            lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None,
        )
        try:
            page.goto(f"{live_server.url}/office/login/")
            page.fill("#id_username", "alice")
            page.fill("#id_password", PASSWORD)
            page.click("button[type=submit]")
            page.goto(f"{live_server.url}/office/inspection/plans/")
            page.click("a:has-text('制定年度抽查计划')")
            page.fill("#id_ratios", "A:1000 B:30 C:60 D:200 未分类:0")
            page.fill("#id_team_size", "1")
            page.click("button:has-text('创建计划')")
            page.wait_for_selector("text=每组至少两名持证执法人员")
            page.fill("#id_team_size", "2")
            page.click("button:has-text('创建计划')")
            page.click("a:has-text('添加抽查任务')")
            page.fill("#id_name", "餐饮服务食品安全抽查")
            page.fill("#id_starts_on", f"{year}-01-02")
            page.fill("#id_ends_on", f"{year}-12-31")
            page.check(f"input[name=items][value='{item.pk}']")
            page.click("button:has-text('添加')")
            page.click("button:has-text('报备')")
            page.click("button:has-text('公布')")
            page.wait_for_selector("text=门户上的公布页面")
            page.click("a:has-text('未启动')")
            page.click("button:has-text('启动抽查任务')")
            page.click("button:has-text('冻结名录库')")
            page.wait_for_selector("text=检查对象名录 SHA-256")
            page.click("button:has-text('提交我的承诺')")
            page.wait_for_selector("text=请抄录您的秘密值")
            secret = re.findall(r"[0-9a-f]{64}", page.inner_text("main"))[0]
            page.click("text=我已抄录，返回抽查任务")
            page.click("button:has-text('向社会公布')")
            page.fill("#id_secret", secret)
            page.click("button:has-text('揭示我的秘密值')")
            page.wait_for_selector("text=您已揭示秘密值")
            page.click("button:has-text('抽取并派发检查任务')")
            page.wait_for_selector("text=已抽取 2 户检查对象")
            body = page.inner_text("main")
            page.screenshot(path=str(tmp_path / "campaign.png"), full_page=True)
        finally:
            browser.close()
    assert "鄂州市第0餐饮有限公司" in body and "重算核验：一致" in body
    assert Target.objects.count() == 2
    assert not csp, csp
