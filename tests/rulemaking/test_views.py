"""The portal's and the office's search pages, a text as of a date, and a comparison."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from fazhi.domains.rulemaking.choices import TextState
from fazhi.domains.rulemaking.models import LegalText, TextVersion

from .conftest import make_text


def test_the_public_searches_published_texts(client: Client, sample: LegalText) -> None:
    page = client.get(reverse("rulemaking:provision_search"), {"q": "身份证明", "on": "2019-06-30"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "鄂州市示例管理办法 第三条" in html
    assert "<mark>身份证明</mark>" in html


def test_a_bad_date_is_refused_in_chinese(client: Client, sample: LegalText) -> None:
    page = client.get(reverse("rulemaking:provision_search"), {"q": "申请", "on": "2019-13-01"})
    assert "请输入有效日期" in page.content.decode()


def test_a_text_as_of_a_date_and_its_comparison(client: Client, sample: LegalText) -> None:
    url = reverse("rulemaking:legaltext_detail", args=[sample.pk])
    then = client.get(url, {"on": "2019-06-30"}).content.decode()
    assert "2017年（2019-06-30 施行的文本）" in then and "二十日内" in then
    now = client.get(url, {"on": "2022-06-30"}).content.decode()
    assert "十五日内" in now and "二十日内" not in now
    old, new = sample.versions.order_by("effective_from")
    compared = client.get(
        reverse("rulemaking:textversion_compare", args=[sample.pk, old.pk, new.pk])
    ).content.decode()
    assert (
        "条序变动并修改" in compared and "<del>二</del>" in compared and "<ins>五</ins>" in compared
    )


def test_a_draft_is_not_on_the_portal(client: Client, org: Any) -> None:
    draft = make_text(org.scjg, public=False)
    TextVersion.objects.filter(text=draft).update(state=TextState.DRAFT)
    url = reverse("rulemaking:legaltext_detail", args=[draft.pk])
    assert client.get(url).status_code == 404


def test_the_office_search_needs_a_sign_in_and_shows_own_drafts(
    client: Client, org: Any, people: Any
) -> None:
    url = reverse("rulemaking_office:provision_search")
    assert client.get(url).status_code == 302
    draft = make_text(org.scjg, public=False, versions=("第一条 示例草案征求意见稿的条文。\n",))
    TextVersion.objects.filter(text=draft).update(state=TextState.NOT_YET_EFFECTIVE)
    client.force_login(people.alice)
    assert "征求意见稿" in client.get(url, {"q": "征求意见稿"}).content.decode()
    client.logout()
    client.force_login(people.bob)
    html = client.get(url, {"q": "征求意见稿"}).content.decode()
    assert "没有找到" in html
    assert LegalText.objects.count() == 1
