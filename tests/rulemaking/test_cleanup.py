"""Cleanup campaigns: the selection as of a date, outcomes by a reviewer with reasons, the
conclusion ending repealed and declared texts, the published result (through the gate, masked),
the exports and the screens."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document as Docx
from openpyxl import load_workbook

from fazhi.core.casework.workflow import StepRefused, TransitionError
from fazhi.core.disclosure.models import Publication
from fazhi.core.org.choices import Role
from fazhi.core.org.models import RoleAssignment
from fazhi.core.org.scoping import scoped
from fazhi.domains.rulemaking import cleanup as cleanups
from fazhi.domains.rulemaking import figures
from fazhi.domains.rulemaking.choices import TextKind, TextState
from fazhi.domains.rulemaking.filing_choices import CleanupOutcome, CleanupState
from fazhi.domains.rulemaking.models import Cleanup, CleanupEntry, TextAct

from .filing_fixtures import issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def body(org):  # type: ignore[no-untyped-def]
    return {
        "old": issue(org.scjg, TextKind.NORMATIVE_DOCUMENT, "关于甲事项的意见", date(2016, 3, 1)),
        "rule": issue(org.city, TextKind.GOVERNMENT_RULE, "鄂州市乙管理办法", date(2017, 6, 1)),
        "doc": issue(org.sthj, TextKind.NORMATIVE_DOCUMENT, "关于丙事项的意见", date(2018, 2, 1)),
        # Outside the window (too old), and expired before the date (a provisional one).
        "older": issue(org.scjg, TextKind.NORMATIVE_DOCUMENT, "关于丁事项的意见", date(2013, 1, 1)),
        "lapsed": issue(org.scjg, TextKind.NORMATIVE_DOCUMENT, "戊暂行办法", date(2016, 1, 4)),
        # Another government's.
        "district": issue(
            org.district, TextKind.NORMATIVE_DOCUMENT, "区里的意见", date(2017, 1, 1)
        ),
    }


@pytest.fixture
def reviewer(org, people):  # type: ignore[no-untyped-def]
    RoleAssignment.objects.create(staff=people.jack, role=Role.LEGAL_REVIEWER, org_unit=org.sfj)
    return people.jack


def open_2019(org, people):  # type: ignore[no-untyped-def]
    from fazhi.domains.rulemaking.jobs import run_daily

    run_daily(date(2019, 7, 1))
    return cleanups.open_cleanup(
        title="2019年清理",
        government=org.city,
        issued_from=date(2015, 1, 1),
        issued_to=date(2019, 6, 30),
        as_of=date(2019, 7, 1),
        on=date(2019, 7, 1),
        actor=people.june,
    )


def test_the_selection_is_the_governments_texts_in_the_window_in_force_on_the_date(
    org, people, body
) -> None:
    c = open_2019(org, people)
    titles = set(c.entries.values_list("version__text__title", flat=True))
    assert titles == {"关于甲事项的意见", "鄂州市乙管理办法", "关于丙事项的意见"}


def test_only_the_justice_bureau_opens_a_cleanup(org, people, body) -> None:
    with pytest.raises(StepRefused) as err:
        cleanups.open_cleanup(
            title="x", government=org.city, issued_from=date(2015, 1, 1),
            issued_to=date(2019, 1, 1), as_of=date(2019, 1, 1), on=date(2019, 1, 1),
            actor=people.alice,
        )  # fmt: skip
    assert "规章制定程序条例 第三十七条" in str(err.value)


def test_outcomes_conclusion_and_the_published_result(org, people, body, reviewer) -> None:
    c = open_2019(org, people)
    entries = {e.version.text.title: e for e in c.entries.select_related("version__text")}
    with pytest.raises(TransitionError) as err:
        cleanups.record_outcome(
            entries["关于甲事项的意见"], outcome="repeal", reason="", on=date(2019, 7, 10),
            actor=reviewer,
        )  # fmt: skip
    assert "须说明理由" in str(err.value)
    with pytest.raises(TransitionError) as err2:
        cleanups.conclude(c, on=date(2019, 9, 1), actor=people.june)
    assert "未审核清理结果" in str(err2.value)
    cleanups.record_outcome(
        entries["关于甲事项的意见"], outcome="repeal", reason="已被新规定代替",
        on=date(2019, 7, 10), actor=reviewer, effective_on=date(2019, 9, 1),
    )  # fmt: skip
    cleanups.record_outcome(
        entries["鄂州市乙管理办法"], outcome="amend",
        reason="与上位法不一致（联系人张三，电话13912345678）",
        on=date(2019, 7, 11), actor=reviewer,
    )  # fmt: skip
    cleanups.record_outcome(
        entries["关于丙事项的意见"], outcome="declare_invalid", reason="适用期已过",
        on=date(2019, 7, 12), actor=reviewer, effective_on=date(2019, 9, 1),
    )  # fmt: skip
    cleanups.conclude(c, on=date(2019, 9, 1), actor=people.june)
    body["old"].refresh_from_db()
    body["doc"].refresh_from_db()
    body["rule"].refresh_from_db()
    assert (body["old"].state, body["old"].effective_until) == (
        TextState.REPEALED,
        date(2019, 8, 31),
    )
    assert body["doc"].state == TextState.DECLARED_INVALID
    assert body["rule"].state == TextState.IN_FORCE  # an amendment goes through drafting
    assert TextAct.objects.filter(cleanup_entry__cleanup=c).count() == 2
    with pytest.raises(TransitionError):
        cleanups.record_outcome(
            entries["鄂州市乙管理办法"], outcome="retain", reason="", on=date(2019, 9, 2),
            actor=reviewer,
        )  # fmt: skip
    # Not public before publication; public after, masked by the gate.
    assert not scoped(None, CleanupEntry).exists()
    cleanups.publish_result(c, on=date(2019, 10, 15), actor=people.june)
    c.refresh_from_db()
    assert c.state == CleanupState.PUBLISHED
    assert scoped(None, CleanupEntry).count() == 3
    pub = Publication.objects.get(kind=cleanups.PUBLICATION_KIND)
    assert pub.published_on == date(2019, 10, 15)
    assert (pub.payload["修改"], pub.payload["废止"], pub.payload["宣布失效"]) == (1, 1, 1)
    reasons = " ".join(r["理由"] for r in pub.payload["文件"])
    assert "13912345678" not in reasons and "张三" not in reasons


def test_exports_and_screens(client, org, people, body, reviewer) -> None:
    c = open_2019(org, people)
    for e in c.entries.all():
        cleanups.record_outcome(
            e, outcome="retain", reason="", on=date(2019, 7, 10), actor=reviewer
        )
    sheet = load_workbook(io.BytesIO(cleanups.result_xlsx(c))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "文件名称" and len(rows) == 4
    doc = Docx(io.BytesIO(cleanups.result_docx(c)))
    assert "2019年清理结果" in doc.paragraphs[0].text and len(doc.tables[0].rows) == 4
    client.force_login(people.june)
    assert client.get("/office/rulemaking/cleanups/").status_code == 200
    page = client.get(f"/office/rulemaking/cleanups/{c.pk}/")
    assert page.status_code == 200 and "关于甲事项的意见" in page.content.decode()
    assert client.get(f"/office/rulemaking/cleanups/{c.pk}/export.xlsx").status_code == 200
    assert (
        client.post(
            f"/office/rulemaking/cleanups/{c.pk}/conclude/", {"on": "2019-09-01"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            f"/office/rulemaking/cleanups/{c.pk}/publish/", {"on": "2019-10-15"}
        ).status_code
        == 302
    )
    c.refresh_from_db()
    assert c.state == CleanupState.PUBLISHED
    client.logout()
    portal = client.get("/laws/cleanups/")
    assert portal.status_code == 200
    assert (
        "2019年清理结果" in portal.content.decode()
        and "关于丙事项的意见" in portal.content.decode()
    )


def test_another_department_does_not_see_an_unpublished_cleanup(org, people, body) -> None:
    open_2019(org, people)
    assert scoped(people.bob, Cleanup).count() == 0
    assert scoped(people.carol, Cleanup).count() == 1


def test_figure_31_counts_amend_and_repeal_in_2019(org, people, body, reviewer) -> None:
    c = open_2019(org, people)
    outcomes = iter([CleanupOutcome.AMEND, CleanupOutcome.REPEAL, CleanupOutcome.DECLARE_INVALID])
    for e in c.entries.order_by("id"):
        cleanups.record_outcome(
            e, outcome=next(outcomes), reason="理由", on=date(2019, 7, 10), actor=reviewer,
            effective_on=date(2019, 9, 1),
        )  # fmt: skip
    assert figures.cleanup_2019_amend_or_repeal() == 0  # not concluded yet
    cleanups.conclude(c, on=date(2019, 9, 1), actor=people.june)
    assert figures.cleanup_2019_amend_or_repeal() == 2
