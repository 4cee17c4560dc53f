"""The filing and cleanup stages of the Ezhou 2019 scenario (415–416): rows 31 and 32 counted
from the records, the cleanup's outcomes applied, and a second run adds nothing. The 2019 texts
that the drafting stages publish are recorded here the way those stages leave them."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest

from fazhi import registry
from fazhi.core.org.models import OrgUnit
from fazhi.domains.rulemaking.choices import TextKind, TextState
from fazhi.domains.rulemaking.models import Cleanup, CleanupEntry, Filing, TextAct, TextVersion
from fazhi.shell.scenario.accounts import ensure_accounts
from fazhi.shell.scenario.builder import ScenarioBuilder, StageResult

from .filing_fixtures import issue


def run_stages(builder: ScenarioBuilder) -> int:
    created = 0
    for stage in registry.stages():
        if stage.app == "rulemaking" and stage.order in (415, 416):
            result = StageResult(stage.label)
            stage.load(builder, result)
            created += result.created
    return created


@pytest.fixture
def builder(db: Any, settings: Any, tmp_path: Any) -> ScenarioBuilder:
    settings.VAR_DIR = tmp_path
    b = ScenarioBuilder(2019, entities=0, officers=0, stdout=io.StringIO())
    b.load_units(StageResult("units"))
    ensure_accounts(2019, StageResult("accounts"), b.source)
    return b


def published_2019() -> None:
    """What the drafting stages (410–412) leave: 3 rules made, 1 amended, 2 documents."""
    city = OrgUnit.objects.get(code="420700000000")
    for title, on in (
        ("鄂州市物业管理实施办法", date(2019, 3, 20)),
        ("鄂州市城镇二次供水管理办法", date(2019, 6, 10)),
        ("鄂州市再生资源回收管理暂行办法", date(2019, 10, 8)),
    ):
        issue(city, TextKind.GOVERNMENT_RULE, title, on)
    old = issue(city, TextKind.GOVERNMENT_RULE, "鄂州市古树名木保护管理办法", date(2018, 12, 1))
    old.state, old.effective_until = TextState.AMENDED, date(2019, 8, 31)
    old.save()
    TextVersion.objects.create(
        text=old.text,
        label="2019年修订",
        doc_number="鄂州市人民政府令第20号",
        state=TextState.IN_FORCE,
        promulgated_on=date(2019, 8, 1),
        effective_from=date(2019, 9, 1),
    )
    for title, on in (
        ("关于甲的意见（2019）", date(2019, 4, 2)),
        ("关于乙的意见（2019）", date(2019, 9, 16)),
    ):
        issue(city, TextKind.NORMATIVE_DOCUMENT, title, on)


def test_the_stages_count_rows_31_and_32(builder: ScenarioBuilder) -> None:
    published_2019()
    assert run_stages(builder) > 0
    figures = {(f.row, f.label): f for f in registry.figures(2019) if f.row in ("31", "32")}
    assert {key: (f.count(), f.seed) for key, f in figures.items()} == {
        ("31", "清理出需要修改和废止的规章、规范性文件"): (40, 40),
        ("32", "截至11月底报送备案的政府规章"): (4, 4),
        ("32", "截至11月底报送备案的规范性文件"): (2, 2),
    }
    cleanup = Cleanup.objects.get()
    assert cleanup.state == "published" and cleanup.concluded_on.year == 2019
    assert not CleanupEntry.objects.filter(outcome="").exists()
    assert all(e.reviewed_on.year == 2019 for e in CleanupEntry.objects.all())
    # Repeals and declarations ended their texts on the stated date.
    assert TextAct.objects.filter(cleanup_entry__isnull=False).count() == 17
    assert TextVersion.objects.filter(state=TextState.REPEALED).count() == 14
    # 4 recipients for each rule version, 2 for each government document.
    assert Filing.objects.count() == 4 * 4 + 2 * 2
    assert all(f.submitted_on.year == 2019 for f in Filing.objects.all())
    assert not [f for f in Filing.objects.all() if f.late]

    before = (Filing.objects.count(), CleanupEntry.objects.count(), TextVersion.objects.count())
    assert run_stages(builder) == 0
    assert (
        Filing.objects.count(),
        CleanupEntry.objects.count(),
        TextVersion.objects.count(),
    ) == before
