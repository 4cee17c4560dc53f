"""Full-text search over provisions (FTS5 on SQLite, a tsvector on PostgreSQL), as of a date,
scoped, ranked and highlighted."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import connection

from fazhi.core.org.scoping import scoped
from fazhi.domains.rulemaking.choices import TextState
from fazhi.domains.rulemaking.models import LegalText, Provision, TextVersion
from fazhi.domains.rulemaking.search import ensure_index, highlight, search
from fazhi.domains.rulemaking.segment import index_words, normalise, query_words

from .conftest import make_text


def test_words_are_cut_with_the_legal_terms_and_counts_as_digits() -> None:
    assert "行政复议机关" in index_words("行政复议机关收到申请").split()
    assert query_words("复议机关多久作出决定？") == ["复议", "机关", "作出", "决定"]
    assert normalise("自受理之日起六十日内；公开征求意见不少于三十日") == (
        "自受理之日起60日内；公开征求意见不少于30日"
    )
    assert normalise("统一年度计划") == "统一年度计划"


def test_articles_in_force_on_the_date_are_found_and_ranked(sample: LegalText) -> None:
    then = search("受理 作出决定", on=date(2019, 6, 1))
    assert [(h.provision.version.label, h.provision.path) for h in then.hits] == [
        ("2017年", "第四条")
    ]
    now = search("受理 作出决定", on=date(2022, 6, 1))
    assert [(h.provision.version.label, h.provision.path) for h in now.hits] == [
        ("2021年", "第五条")
    ]
    every = search("受理 作出决定")
    assert {h.provision.version.label for h in every.hits} == {"2017年", "2021年"}
    # Counts match however they are spelt: the text says 二十日, the query 20日.
    assert search("20日内", on=date(2019, 6, 1)).hits[0].provision.path == "第四条"


def test_without_every_word_the_article_with_most_of_them_comes_first(sample: LegalText) -> None:
    results = search("政务服务平台 在线 身份证明", on=date(2022, 6, 1))
    assert not results.all_words
    assert results.hits[0].provision.path == "第三条"


def test_the_matching_words_are_marked_and_the_rest_escaped() -> None:
    html = highlight("申请人<b>应当</b>提交申请书", ["申请", "申请书"])
    assert html == ("<mark>申请</mark>人&lt;b&gt;应当&lt;/b&gt;提交<mark>申请书</mark>")


def test_drafts_are_found_only_by_their_unit(org: Any, people: Any) -> None:
    draft = make_text(org.scjg, public=False, versions=("第一条 示例草案征求意见稿的条文。\n",))
    TextVersion.objects.filter(text=draft).update(state=TextState.NOT_YET_EFFECTIVE)
    assert search("征求意见稿").hits == []  # the portal: public texts only
    mine = search("征求意见稿", texts=scoped(people.alice, LegalText), public_only=False)
    assert [h.provision.version.text for h in mine.hits] == [draft]
    theirs = search("征求意见稿", texts=scoped(people.bob, LegalText), public_only=False)
    assert theirs.hits == []


def test_the_index_follows_edits_and_deletes(sample: LegalText) -> None:
    article = Provision.objects.get(version__label="2021年", path="第三条")
    article.body = "申请人可以通过自助终端提交申请。"
    article.search_text = index_words(article.body)
    article.save()
    assert search("自助终端").hits[0].provision == article
    assert search("政务服务平台").hits == []
    sample.delete()
    assert search("申请书").hits == []


def test_a_lost_sqlite_index_is_rebuilt(sample: LegalText) -> None:
    if connection.vendor != "sqlite":
        assert ensure_index() is False  # PostgreSQL: the migration's column and index are there
        return
    with connection.cursor() as cursor:
        # What a later migration that rebuilds the table on SQLite does to the triggers.
        for suffix in ("ai", "ad", "au"):
            cursor.execute(f"DROP TRIGGER rulemaking_provision_fts_{suffix}")
        cursor.execute("DELETE FROM rulemaking_provision_fts")
    assert search("申请书").hits == []
    assert ensure_index() is True
    assert len(search("申请书").hits) == 2
    assert ensure_index() is False
