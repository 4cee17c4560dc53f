"""归集: cases of the sector systems collected from an Excel file — cases, parties, events with
their business dates and document digests; re-import adds only what is new; a collected case
is read-only except for the supervisor's opinion."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.casework.collection import COLLECTED_KIND
from fazhi.core.casework.models import Case, CollectedDocument, Event, Party
from fazhi.core.casework.workflow import StepRefused, TransitionError, take
from fazhi.core.integrity.models import SecurityEvent
from fazhi.core.org.models import Person
from tests.conftest import make_entity
from tests.intake.helpers import run_import, xlsx

SOURCE = "湖北省市场监管综合执法系统"
HEADERS = [
    "来源系统", "来源编号", "记录类型", "案件名称", "案件编号", "案件状态", "立案日期", "结案日期",
    "当事人类型", "当事人名称", "统一社会信用代码", "证件号码", "过程编号", "发生日期", "事项",
    "说明", "经办人", "文书标题", "文号", "SHA-256", "文件大小",
]  # fmt: skip
PERSON_ID = "420704199001011231"
DIGEST = "ab" * 32


def row(kind: str, **cells: object) -> list[object]:
    values = {"来源系统": SOURCE, "来源编号": "SC-2019-001", "记录类型": kind, **cells}
    return [values.get(h, "") for h in HEADERS]


def file_rows(entity_uscc: str) -> list[list[object]]:
    return [
        row("案件", 案件名称="某公司销售过期食品案", 案件编号="鄂州市监处字〔2019〕12号",
            案件状态="决定", 立案日期="2019-03-04"),
        row("当事人", 当事人类型="单位", 当事人名称="鄂州市甲乙有限公司", 统一社会信用代码=entity_uscc),
        row("当事人", 当事人类型="个人", 当事人名称="张三", 证件号码=PERSON_ID),
        # Deliberately out of order: the page orders by the business date.
        row("办理过程", 过程编号="E2", 发生日期="2019-04-10", 事项="告知", 说明="送达处罚告知书", 经办人="王五"),
        row("办理过程", 过程编号="E1", 发生日期="2019-03-04", 事项="立案", 说明="经负责人批准立案", 经办人="李四"),
        row("办理过程", 发生日期="2019-05-06", 事项="决定", 说明="作出罚款决定"),
        row("文书", 文书标题="行政处罚决定书", 文号="鄂州市监处字〔2019〕12号", **{"SHA-256": DIGEST.upper(), "文件大小": 20480}),
    ]  # fmt: skip


@pytest.fixture
def entity(org):
    return make_entity(org)


def collect_file(org, people, rows, **kw):
    return run_import(
        "collected-cases", xlsx(HEADERS, rows), department=org.scjg, actor=people.alice, **kw
    )


def test_a_file_becomes_cases_with_parties_events_and_document_digests(org, people, entity) -> None:
    job = collect_file(org, people, file_rows(entity.uscc))
    assert job.status == "done", (job.message, job.errors)
    case = Case.objects.get(source_system=SOURCE, external_id="SC-2019-001")
    assert (case.kind, case.state, case.opened_on) == (COLLECTED_KIND, "decided", date(2019, 3, 4))
    assert case.owner_unit() == org.scjg
    assert set(Party.objects.filter(case=case).values_list("entity__uscc", "person__name")) == {
        (entity.uscc, None),
        (None, "张三"),
    }
    assert Person.objects.get(name="张三").owner_unit == org.scjg
    history = Event.objects.filter(case=case).exclude(source_key="").order_by("occurred_on")
    assert [(e.occurred_on, e.kind) for e in history] == [
        (date(2019, 3, 4), "立案"),
        (date(2019, 4, 10), "告知"),
        (date(2019, 5, 6), "决定"),
    ]
    # Recorded now, with the date the act happened kept apart.
    assert all(e.at.year > 2019 for e in history)
    assert history[0].data["actor_name"] == "李四"
    doc = CollectedDocument.objects.get(case=case)
    assert (doc.sha256, doc.size, doc.number) == (DIGEST, 20480, "鄂州市监处字〔2019〕12号")
    assert job.created == 1
    assert SecurityEvent.objects.filter(kind="bulk_import", object_repr="casework.Case").exists()
