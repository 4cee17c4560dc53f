"""In a real browser on a phone-sized screen (Debian's Chromium, CSP on): the township's head
files a penalty case, an officer of the pair investigates through the case page and makes the
on-site record from it, the legal reviewer reviews, the other officer notifies and the head
decides — each seeing only the steps of their role."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings

from ..conftest import PASSWORD
from ..platform.test_browser import browser_page, flushable  # noqa: F401  fixtures

STEP_DONE = "text=已完成“{}”"


def sign_in(page, url: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.context.clear_cookies()
    page.goto(f"{url}/office/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("text=我的机构与角色")


def take_step(page, label: str, on: str, fields: dict[str, str] | None = None) -> None:  # type: ignore[no-untyped-def]
    form = page.locator(f"details:has(summary strong:text-is('{label}'))")
    form.locator("summary").click()
    for selector, value in (fields or {}).items():
        if selector.startswith("select:"):
            form.locator(selector.removeprefix("select:")).select_option(value)
        else:
            form.locator(selector).fill(value)
    form.locator("#id_step-on").fill(on)
    form.locator(f"button:text-is('{label}')").click()
    page.wait_for_selector(STEP_DONE.format(label))


@pytest.mark.django_db(transaction=True, available_apps=list(django_settings.INSTALLED_APPS))
def test_the_township_pair_handles_a_penalty_case_on_a_phone(
    flushable,  # noqa: F811
    live_server,
    browser_page,  # noqa: F811
    settings,
    tmp_path,
) -> None:
    from fazhi.core.casework.models import Case, Document
    from tests.conftest import Org

    from .township import lead, township

    settings.FAZHI_SITE_GOVERNMENT = "420700000000"
    org = Org()
    tz = township(org)
    case = lead(tz, org)
    page, url = browser_page, live_server.url
    case_url = f"{url}/office/cases/{case.pk}/"

    sign_in(page, url, "tz_head")
    page.goto(case_url)
    take_step(page, "立案", "2019-04-02")
    case.refresh_from_db()
    assert case.state == "filed" and case.number == "420704105000-LA-2019-0001"

    sign_in(page, url, "tz_officer1")
    page.goto(case_url)
    # The on-site record, made from the case page: officers, time, place and what was seen.
    record = page.locator("details:has(summary strong:text-is('现场检查笔录'))")
    record.locator("summary").click()
    record.locator("#id_d-officer_a").select_option(str(tz.pair[0].pk))
    record.locator("#id_d-officer_b").select_option(str(tz.pair[1].pk))
    record.locator("#id_d-started_at").fill("2019-04-03T09:00")
    record.locator("#id_d-ended_at").fill("2019-04-03T10:00")
    record.locator("#id_d-place").fill("燕矶镇某村村口")
    record.locator("#id_d-present").fill("王某（当事人负责人）")
    record.locator("#id_d-record").fill("现场有焚烧秸秆痕迹约两亩")
    record.locator("#id_doc-issued_on").fill("2019-04-03")
    record.locator("button:text-is('制作现场检查笔录')").click()
    page.wait_for_selector("text=已制作“现场检查笔录”")
    take_step(
        page,
        "调查终结",
        "2019-04-04",
        {
            "select:#id_f-officer_a": str(tz.pair[0].pk),
            "select:#id_f-officer_b": str(tz.pair[1].pk),
            "#id_f-findings": "当事人于2019年4月1日在村口露天焚烧秸秆约两亩",
        },
    )
    page.screenshot(path=str(tmp_path / "township-officer-phone.png"), full_page=True)

    sign_in(page, url, "tz_reviewer")
    page.goto(case_url)
    # The reviewer makes no documents, and is not offered the officers' 告知: told why.
    assert page.locator("h2:text-is('制作文书')").count() == 0
    page.click("text=其他步骤")
    assert "执法人员" in page.inner_text("details:has-text('其他步骤')")
    take_step(page, "法制审核", "2019-04-08", {"#id_f-opinion": "事实清楚，证据确凿，同意"})

    sign_in(page, url, "tz_officer2")
    page.goto(case_url)
    take_step(page, "告知", "2019-04-09")

    sign_in(page, url, "tz_head")
    page.goto(case_url)
    decide = {"#id_f-decision": "罚款人民币壹仟元", "#id_f-fine": "1000"}
    # Before the party's period to ask for a hearing has closed, the head is refused.
    form = page.locator("details:has(summary strong:text-is('作出处罚决定'))")
    form.locator("summary").click()
    form.locator("#id_f-decision").fill(decide["#id_f-decision"])
    form.locator("#id_step-on").fill("2019-04-10")
    form.locator("button:text-is('作出处罚决定')").click()
    assert "第四十二条" in page.inner_text("#refusals") or "第六十四条" in page.inner_text(
        "#refusals"
    )
    page.goto(case_url)
    take_step(page, "作出处罚决定", "2019-04-17", decide)

    case.refresh_from_db()
    assert case.state == "decided"
    steps = list(
        case.events.filter(kind__in=["file", "investigate", "review", "notify", "decide"])
        .order_by("id")
        .values_list("kind", "occurred_on", "actor__username")
    )
    assert [(k, d.isoformat(), u) for k, d, u in steps] == [
        ("file", "2019-04-02", "tz_head"),
        ("investigate", "2019-04-04", "tz_officer1"),
        ("review", "2019-04-08", "tz_reviewer"),
        ("notify", "2019-04-09", "tz_officer2"),
        ("decide", "2019-04-17", "tz_head"),
    ]
    assert Document.objects.get(case=case).form == "enforcement.inspection_record"
    assert Case.objects.count() == 1
