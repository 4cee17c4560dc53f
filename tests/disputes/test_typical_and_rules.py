"""Typical cases compiled by act category from concluded cases (Word, published masked), the
committee's documents of procedure as dated versions, and the scenario stages that build both
(figure rows 66 and 77)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.casework.workflow import open_case
from fazhi.domains.disputes import decision_scenario, rules, typical
from fazhi.domains.disputes.models import CommitteeRule, TypicalCaseCompilation

from .decided import APPLICANT, decided_case, docx_text

pytestmark = pytest.mark.django_db

ACTS = (
    ("不服政府信息公开答复", "市场监管局作出的政府信息公开答复", "uphold"),
    ("不服工伤认定", "作出的不予认定工伤决定", "revoke"),
    ("要求履行查处职责", "对举报不履行法定职责", "order_performance"),
)


def concluded_cases(org: Any, handler: Any, head: Any) -> list[Any]:
    cases = []
    penalty = open_case("penalty", title="罚款", owner=org.scjg, opened_on=date(2024, 1, 5))
    cases.append(decided_case(org, handler, head, "vary", reviewed_case=penalty))
    for title, act, outcome in ACTS:
        cases.append(decided_case(org, handler, head, outcome, title=title, act=act))
    # A second information case: one per category is compiled.
    cases.append(
        decided_case(org, handler, head, "uphold", title="信息公开二", act="政府信息公开答复")
    )
    return cases


def test_typical_cases_by_category_exported_and_published_masked(
    client: Any, org: Any, fy_handler: Any, fy_head: Any
) -> None:
    concluded_cases(org, fy_handler, fy_head)
    comp = typical.compile_typical_cases(org.sfj, 2024, on=date(2024, 12, 20))
    categories = set(comp.entries.values_list("category", flat=True))
    assert categories == {"penalty", "information", "work_injury", "nonperformance"}
    assert comp.entries.count() == 4
    # Compiling again adds nothing.
    assert typical.compile_typical_cases(org.sfj, 2024, on=date(2024, 12, 21)).entries.count() == 4
    doc = typical.export_word(comp, actor=fy_handler)
    text = docx_text(doc)
    assert "2024年度行政复议典型案例" in text and "4类4个典型案例" in text
    assert "政府信息公开：" in text and "【处理结果】行政复议机关决定：撤销" in text
    assert typical.published_categories(2024) == 0  # not yet published
    pub = typical.publish_compilation(comp, actor=fy_handler, on=date(2024, 12, 27))
    assert APPLICANT not in str(pub.payload) and "张某某" in str(pub.payload)
    assert typical.published_categories(2024) == 4
    page = client.get("/reconsideration/typical/").content.decode()
    assert "工伤认定" in page and APPLICANT not in page


def test_the_compilation_pages_for_the_body(
    client: Any, org: Any, people: Any, fy_handler: Any, fy_head: Any
) -> None:
    concluded_cases(org, fy_handler, fy_head)
    client.force_login(fy_handler)
    response = client.post("/office/disputes/decisions/typical/", {"year": "2024"})
    comp = TypicalCaseCompilation.objects.get()
    assert response.url == f"/office/disputes/decisions/typical/{comp.pk}/"
    client.post(f"/office/disputes/decisions/typical/{comp.pk}/export/")
    comp.refresh_from_db()
    assert comp.document is not None
    file = client.get(f"/office/disputes/decisions/typical/{comp.pk}/file/")
    assert file.status_code == 200
    client.post(f"/office/disputes/decisions/typical/{comp.pk}/publish/")
    comp.refresh_from_db()
    assert comp.publication is not None
    # A market-regulation clerk neither sees nor compiles the body's compilation.
    client.force_login(people.alice)
    assert client.get(f"/office/disputes/decisions/typical/{comp.pk}/").status_code == 404
    assert client.post("/office/disputes/decisions/typical/", {"year": "2024"}).status_code == 403


def test_rule_versions_are_dated_and_shown_on_the_portal(client: Any, org: Any) -> None:
    v1 = rules.adopt(
        org.city, "hearing", "听证规则", text="第一条 旧文", adopted_on=date(2013, 6, 1)
    )
    v2 = rules.adopt(
        org.city,
        "hearing",
        "听证规则",
        text="第一条 新文",
        adopted_on=date(2019, 9, 20),
        effective_on=date(2019, 10, 1),
        note="2019年修订",
    )
    assert (v1.number, v2.number) == (1, 2)
    rule = CommitteeRule.objects.get()
    assert rule.version_on(date(2019, 9, 30)) == v1
    assert rule.version_on(date(2019, 10, 1)) == v2
    with pytest.raises(ValidationError, match="须晚于现行版本"):
        rules.adopt(org.city, "hearing", "听证规则", text="x", adopted_on=date(2019, 5, 1))
    with pytest.raises(ValidationError, match="不能早于通过日期"):
        rules.adopt(
            org.city, "hearing", "听证规则", text="x", adopted_on=date(2020, 5, 1),
            effective_on=date(2020, 4, 1),
        )  # fmt: skip
    assert rules.revised_in(2019) == 1 and rules.revised_in(2013) == 0
    listing = client.get("/reconsideration/rules/").content.decode()
    assert "听证规则" in listing and "第2版" in listing
    detail = client.get(f"/reconsideration/rules/{rule.pk}/").content.decode()
    assert "第一条 新文" in detail and "第一条 旧文" in detail and "（现行）" in detail


def test_the_scenario_stages_revise_six_rules_and_compile_what_concluded(
    org: Any, fy_handler: Any, fy_head: Any
) -> None:
    result = SimpleNamespace(created=0, existing=0, extra={})
    # Before any 2019 case exists, the compilation stage has nothing to compile.
    decision_scenario.load_typical_cases(None, result)
    assert not TypicalCaseCompilation.objects.exists()
    decision_scenario.load_rules(None, result)
    assert result.created == 6 and rules.revised_2019() == 6
    decision_scenario.load_rules(None, result)
    assert result.existing == 6 and CommitteeRule.objects.count() == 6
    for title, act, outcome in ACTS:
        decided_case(
            org, fy_handler, fy_head, outcome, title=title, act=act,
            knew_on=date(2019, 2, 1), received_on=date(2019, 3, 4), decided_on=date(2019, 4, 12),
        )  # fmt: skip
    result = SimpleNamespace(created=0, existing=0, extra={})
    decision_scenario.load_typical_cases(None, result)
    assert result.created == 3 and typical.categories_2019() == 3
    comp = TypicalCaseCompilation.objects.get()
    assert comp.document is not None and comp.publication is not None
    assert comp.publication.public_date == date(2019, 12, 27)
    decision_scenario.load_typical_cases(None, result)
    assert result.existing == 1 and TypicalCaseCompilation.objects.count() == 1
