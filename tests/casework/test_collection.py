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
    document = {"SHA-256": DIGEST.upper(), "文件大小": 20480}
    return [
        row(
            "案件",
            案件名称="某公司销售过期食品案",
            案件编号="鄂州市监处字〔2019〕12号",
            案件状态="决定",
            立案日期="2019-03-04",
        ),
        row(
            "当事人",
            当事人类型="单位",
            当事人名称="鄂州市甲乙有限公司",
            统一社会信用代码=entity_uscc,
        ),
        row("当事人", 当事人类型="个人", 当事人名称="张三", 证件号码=PERSON_ID),
        # Deliberately out of order: the page orders by the business date.
        row(
            "办理过程",
            过程编号="E2",
            发生日期="2019-04-10",
            事项="告知",
            说明="送达处罚告知书",
            经办人="王五",
        ),
        row(
            "办理过程",
            过程编号="E1",
            发生日期="2019-03-04",
            事项="立案",
            说明="经负责人批准立案",
            经办人="李四",
        ),
        row("办理过程", 发生日期="2019-05-06", 事项="决定", 说明="作出罚款决定"),
        row("文书", 文书标题="行政处罚决定书", 文号="鄂州市监处字〔2019〕12号", **document),
    ]


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


def test_reimporting_the_same_file_adds_nothing(org, people, entity) -> None:
    collect_file(org, people, file_rows(entity.uscc))
    counts = (Event.objects.count(), Party.objects.count(), CollectedDocument.objects.count())
    again = collect_file(org, people, file_rows(entity.uscc))
    assert again.status == "done", again.errors
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert counts == (
        Event.objects.count(),
        Party.objects.count(),
        CollectedDocument.objects.count(),
    )


def test_a_changed_file_adds_only_the_new_events_and_records_the_change(
    org, people, entity
) -> None:
    collect_file(org, people, file_rows(entity.uscc))
    case = Case.objects.get(external_id="SC-2019-001")
    before = set(Event.objects.filter(case=case).values_list("pk", flat=True))
    rows = file_rows(entity.uscc)
    rows[0] = row("案件", 案件名称="某公司销售过期食品案", 案件编号="鄂州市监处字〔2019〕12号",
                  案件状态="结案", 立案日期="2019-03-04", 结案日期="2019-06-20")  # fmt: skip
    rows.append(
        row("办理过程", 过程编号="E4", 发生日期="2019-06-20", 事项="结案", 说明="罚款已缴纳")
    )
    job = collect_file(org, people, rows)
    assert (job.created, job.updated) == (0, 1)
    case.refresh_from_db()
    assert (case.state, case.closed_on) == ("closed", date(2019, 6, 20))
    added = Event.objects.filter(case=case).exclude(pk__in=before)
    assert sorted(added.values_list("kind", flat=True)) == ["collected_changed", "结案"]
    change = added.get(kind="collected_changed")
    assert change.data["changes"]["state"] == ["decided", "closed"]
    assert change.data["changes"]["closed_on"] == [None, "2019-06-20"]


def test_a_case_collected_by_another_department_is_a_row_error(org, people, entity) -> None:
    collect_file(org, people, file_rows(entity.uscc))
    job = run_import(
        "collected-cases",
        xlsx(HEADERS, file_rows(entity.uscc)),
        department=org.sthj,
        actor=people.bob,
    )
    assert job.status == "rejected"
    assert [2, "来源编号", "该案件已由鄂州市市场监督管理局归集，不能由本部门修改"] in job.errors


def test_an_unknown_entity_is_named_by_row_and_column(org, people) -> None:
    from fazhi.core.org.validators import make_uscc

    unknown = make_uscc("91420704MA4F00009")
    job = collect_file(org, people, file_rows(unknown))
    assert job.status == "rejected"
    assert job.errors == [
        [3, "统一社会信用代码", f"市场主体库中没有统一社会信用代码“{unknown}”，请先导入市场主体"]
    ]


def test_a_supervisor_gives_an_opinion_on_a_collected_case(org, people, entity) -> None:
    collect_file(org, people, file_rows(entity.uscc))
    case = Case.objects.get(external_id="SC-2019-001")
    event = take(case, "supervise", people.carol, data={"note": "请说明罚款金额的裁量理由"})
    case.refresh_from_db()
    assert case.state == "decided"  # the mirrored stage stays the source's
    assert (event.actor, event.from_state, event.to_state) == (people.carol, "decided", "decided")


def test_a_district_supervisor_cannot_supervise_a_city_case(org, people, entity) -> None:
    collect_file(org, people, file_rows(entity.uscc))
    case = Case.objects.get(external_id="SC-2019-001")
    with pytest.raises(StepRefused, match="没有该角色"):
        take(case, "supervise", people.dave, data={"note": "意见"})


def test_the_handler_is_refused_the_supervision_step(org, people, entity) -> None:
    collect_file(org, people, file_rows(entity.uscc))
    case = Case.objects.get(external_id="SC-2019-001")
    with pytest.raises(StepRefused, match="司法局监督人员"):
        take(case, "supervise", people.alice, data={"note": "自己监督自己"})


def test_the_handler_is_refused_any_other_step_on_a_collected_case(org, people) -> None:
    from fazhi.core.casework.collection import CaseFields, CaseIn, collect

    from . import kinds  # noqa: F401  (a kind with ordinary steps, collected here)

    plan, _ = collect(
        [
            CaseIn(
                "T-1", CaseFields(title="归集的测试案件", opened_on=date(2019, 3, 1), state="open")
            )
        ],
        source_system=SOURCE,
        owner=org.scjg,
        kind="test",
    )
    assert plan.problems == []
    case = Case.objects.get(external_id="T-1")
    with pytest.raises(TransitionError, match="只能进行监督步骤，不能“提交审核”"):
        take(case, "submit", people.alice)


def test_the_case_page_shows_the_history_in_business_date_order(
    client, org, people, entity
) -> None:
    collect_file(org, people, file_rows(entity.uscc))
    case = Case.objects.get(external_id="SC-2019-001")
    client.force_login(people.carol)
    page = client.get(f"/office/cases/{case.pk}/").content.decode()
    timeline = page[page.index("办理过程</h2>") :]
    positions = [
        timeline.index(text) for text in ("经负责人批准立案", "送达处罚告知书", "作出罚款决定")
    ]
    assert positions == sorted(positions)
    assert "2019-03-04" in timeline and "李四" in timeline
    assert "张三" in page and PERSON_ID not in page  # masked as everywhere
    assert DIGEST in page and "文件保存在来源系统" in page
    assert "监督意见" in page[: page.index("办理过程</h2>")]
