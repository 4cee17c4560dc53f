"""Importing market entities (市场主体): the engine end to end on a flat, keyed model."""

from __future__ import annotations

import io
from datetime import date

import pytest

from fazhi.core.intake.models import ImportJob
from fazhi.core.integrity.models import SecurityEvent
from fazhi.core.org.models import Entity
from fazhi.core.org.validators import make_uscc

from ..conftest import make_entity
from .helpers import run_import, sheet_rows, xlsx

pytestmark = pytest.mark.django_db

HEADERS = ["统一社会信用代码", "名称", "类型", "行业门类", "登记辖区", "成立日期", "登记状态"]


def uscc(n: int) -> str:
    return make_uscc(f"91420704MA4F{n:05d}")


def row(n: int, name: str | None = None, **over: object) -> list[object]:
    values = {
        "uscc": uscc(n),
        "name": f"鄂州市测试{n}号商贸有限公司" if name is None else name,
        "kind": "企业",
        "industry": "批发和零售业",
        "region": "鄂城区",
        "registered_on": date(2015, 1, 1),
        "status": "存续",
    }
    values.update(over)
    return list(values.values())


def test_a_good_file_is_imported_and_audited_as_one_event(org, people) -> None:
    data = xlsx(HEADERS, [row(1), row(2, kind="个体工商户", industry="H", region="420704000000")])
    job = run_import("entities", data, department=org.scjg, actor=people.alice)
    assert job.status == "done", job.message
    assert (job.created, job.updated, job.unchanged, job.bad_rows) == (2, 0, 0, 0)
    second = Entity.objects.get(uscc=uscc(2))
    assert (second.kind, second.industry, second.region) == ("individual", "H", org.district)
    events = SecurityEvent.objects.filter(kind="bulk_import")
    assert events.count() == 1
    event = events.get()
    assert event.data["sha256"] == job.sha256 and len(job.sha256) == 64
    assert event.data["rows"] == 2 and event.data["changes"]["created"] == 2
    assert event.staff == people.alice and event.object_repr == "org.Entity"
    # Per-row model audit did not flood the log.
    from fazhi.core.integrity.models import AuditEntry

    assert not AuditEntry.objects.filter(content_type__model="entity").exists()


def test_every_bad_row_is_reported_with_row_column_and_reason(org, people) -> None:
    bad_code = uscc(3)[:-1] + ("0" if uscc(3)[-1] != "0" else "1")
    data = xlsx(
        HEADERS,
        [
            row(1),
            row(2, kind="公司"),  # not a choice
            [bad_code, *row(3)[1:]],  # wrong check character
            row(4, name="", registered_on="2019-02-30"),  # missing name, impossible date
            row(5, region="梁子湖区"),  # no such government
            row(1, name="重复"),  # same code as row 2 of the sheet
        ],
    )
    job = run_import("entities", data, department=org.scjg, actor=people.alice)
    assert job.status == "rejected"
    errors = {(r, c): reason for r, c, reason in job.errors}
    assert "不是可选值" in errors[(3, "类型")] and "企业" in errors[(3, "类型")]
    assert "校验码错误" in errors[(4, "统一社会信用代码")]
    assert errors[(5, "名称")] == "必填，不能为空"
    assert "不是有效日期" in errors[(5, "成立日期")]
    assert "找不到“梁子湖区”" in errors[(6, "登记辖区")]
    assert "与第2行的统一社会信用代码" in errors[(7, "统一社会信用代码")]
    assert job.bad_rows == 5 and job.error_total == 6
    # All or nothing: the good row 2 was not written either, and nothing was audited.
    assert not Entity.objects.exists()
    assert not SecurityEvent.objects.filter(kind="bulk_import").exists()
    assert job.error_file  # the bad rows come back as a workbook in this mode too


def test_good_rows_only_writes_them_and_returns_the_bad_ones(org, people) -> None:
    data = xlsx(HEADERS, [row(1), row(2, industry="X"), row(3), row(4, region="鄂州市司法局")])
    job = run_import("entities", data, department=org.scjg, actor=people.alice, mode="good")
    assert job.status == "done" and (job.created, job.bad_rows) == (2, 2)
    assert set(Entity.objects.values_list("uscc", flat=True)) == {uscc(1), uscc(3)}
    returned = job.error_file.read()
    rows = sheet_rows(returned)
    assert rows[0] == ["原行号", *HEADERS, "错误原因"]
    assert [r[0] for r in rows[1:]] == [3, 5]
    assert [r[1] for r in rows[1:]] == [uscc(2), uscc(4)]
    assert "行业门类" in rows[1][-1] and "登记辖区" in rows[2][-1]
    detail = sheet_rows(returned, sheet=1)
    assert detail[0] == ["行号", "列", "错误原因"] and len(detail) == 3


def test_the_returned_error_file_can_be_corrected_and_imported(org, people) -> None:
    data = xlsx(HEADERS, [row(1), row(2, industry="X")])
    job = run_import("entities", data, department=org.scjg, actor=people.alice, mode="good")
    rows = sheet_rows(job.error_file.read())
    rows[1][4] = "F"  # fix 行业门类 in place, keeping 原行号 and 错误原因
    again = run_import("entities", xlsx(rows[0], rows[1:]), department=org.scjg, actor=people.alice)
    assert again.status == "done" and again.created == 1


def test_reimporting_the_same_file_changes_nothing_and_a_change_updates(org, people) -> None:
    data = xlsx(HEADERS, [row(1), row(2)])
    run_import("entities", data, department=org.scjg, actor=people.alice)
    again = run_import("entities", data, department=org.scjg, actor=people.alice)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    changed = xlsx(HEADERS, [row(1, status="注销"), row(2)])
    third = run_import("entities", changed, department=org.scjg, actor=people.alice)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 1)
    assert Entity.objects.get(uscc=uscc(1)).status == "cancelled"
    assert third.sha256 != again.sha256


def test_a_region_outside_the_departments_government_is_refused(org, people) -> None:
    # 鄂城区's market regulator registers entities in 鄂城区 only, not in the city at large.
    job = run_import(
        "entities",
        xlsx(HEADERS, [row(1, region="鄂州市")]),
        department=org.ec_scjg,
        actor=people.ellen,
    )
    assert job.status == "rejected"
    assert "不在本部门" in job.errors[0][2]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("list.csv", b"a,b\n1,2\n", "只接受 .xlsx"),
        ("list.xlsx", b"PK\x03\x04 not really a zip", "不是有效的 .xlsx"),
        ("list.xlsx", b"", "文件是空的"),
    ],
)
def test_files_that_are_not_xlsx_are_refused_before_anything_is_stored(
    org, people, name, data, reason
) -> None:
    from fazhi.core.intake import services
    from fazhi.core.intake.excel import FileRefused

    with pytest.raises(FileRefused, match=reason):
        services.create_job(
            "entities", department=org.scjg, upload=io.BytesIO(data), file_name=name
        )
    assert not ImportJob.objects.exists()


def test_a_too_large_file_is_refused(org, settings) -> None:
    from fazhi.core.intake import services
    from fazhi.core.intake.excel import FileRefused

    settings.FAZHI_IMPORT_MAX_BYTES = 1000
    with pytest.raises(FileRefused, match="超过上限"):
        services.create_job(
            "entities",
            department=org.scjg,
            upload=io.BytesIO(xlsx(HEADERS, [row(n) for n in range(50)])),
            file_name="big.xlsx",
        )


@pytest.mark.parametrize(
    ("headers", "rows", "reason"),
    [
        (["编号", "企业名称"], [["1", "x"]], "找不到表头"),
        ([*HEADERS, "备注"], [[*row(1), "x"]], "模板没有的列：“备注”"),
        (HEADERS[1:], [row(1)[1:]], "缺少必需的列：“统一社会信用代码”"),
        ([*HEADERS, "名称"], [[*row(1), "x"]], "出现了两次"),
        (HEADERS, [], "没有数据行"),
        ([], [], "文件是空的"),
    ],
)
def test_wrong_headers_and_empty_files_are_refused_and_nothing_is_written(
    org, people, headers, rows, reason
) -> None:
    job = run_import("entities", xlsx(headers, rows), department=org.scjg, actor=people.alice)
    assert job.status == "refused" and reason in job.message
    assert not Entity.objects.exists()


def test_a_title_row_above_the_headers_is_allowed(org, people) -> None:
    data = xlsx(["鄂州市市场主体名录（2019年）"], [HEADERS, row(1)])
    job = run_import("entities", data, department=org.scjg, actor=people.alice)
    assert job.status == "done" and job.created == 1


def test_formula_like_names_round_trip_through_the_export(client, org, people) -> None:
    tricky = ['=HYPERLINK("http://x")', "+86 公司", "-减号公司", "@SUM(A1)", "\t制表符", "\r回车"]
    rows = [row(n, name=name) for n, name in enumerate(tricky, start=1)]
    job = run_import("entities", xlsx(HEADERS, rows), department=org.scjg, actor=people.alice)
    assert job.status == "done" and job.created == 6
    assert sorted(Entity.objects.values_list("name", flat=True)) == sorted(tricky)
    # The back office's own export (exact lookup) re-imports without a change.
    client.force_login(people.alice)
    for n, name in enumerate(tricky, start=1):
        exported = client.get("/office/r/entities/export/", {"q": uscc(n)}).content
        assert sheet_rows(exported)[1][1] == name
        again = run_import("entities", exported, department=org.scjg, actor=people.alice)
        assert (again.status, again.unchanged, again.updated) == ("done", 1, 0), again.errors


def test_a_failure_while_writing_leaves_nothing_behind(org, people, monkeypatch) -> None:
    from fazhi.core.intake import services

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("审计库不可用")

    # The audit event is written in the same transaction as the rows: no audit, no rows.
    monkeypatch.setattr(services, "record_bulk_import", broken)
    job = run_import(
        "entities", xlsx(HEADERS, [row(1), row(2)]), department=org.scjg, actor=people.alice
    )
    assert job.status == "failed" and "未写入任何数据" in job.message
    assert not Entity.objects.exists()


def test_a_partial_file_updates_but_cannot_create_without_required_columns(org, people) -> None:
    run_import("entities", xlsx(HEADERS, [row(1)]), department=org.scjg, actor=people.alice)
    job = run_import(
        "entities",
        xlsx(["统一社会信用代码", "登记状态"], [[uscc(1), "吊销"], [uscc(2), "存续"]]),
        department=org.scjg,
        actor=people.alice,
        mode="good",
    )
    assert (job.updated, job.created, job.bad_rows) == (1, 0, 1)
    assert Entity.objects.get(uscc=uscc(1)).status == "revoked"
    reasons = {c: r for _, c, r in job.errors}
    assert reasons["名称"] == "文件中没有“名称”列，新增记录时必须填写"


def test_progress_is_recorded_on_the_job(org, people) -> None:
    job = run_import(
        "entities",
        xlsx(HEADERS, [row(n) for n in range(1, 30)]),
        department=org.scjg,
        actor=people.alice,
    )
    assert (job.total_rows, job.rows_done) == (29, 29) and job.finished_at is not None


def wuhan(org):  # type: ignore[no-untyped-def]
    from fazhi.core.org.models import Government

    return Government.objects.create(
        name="武汉市",
        code="420100000000",
        division_code="420100000000",
        level="city",
        parent=org.province,
    )


@pytest.mark.parametrize(
    ("headers", "values"),
    [
        (["统一社会信用代码", "名称", "登记状态"], ["被改名", "注销"]),  # a rewrite
        (["统一社会信用代码", "登记辖区"], ["鄂城区"]),  # a move into the importer's area
        (["统一社会信用代码", "名称"], ["武汉某公司"]),  # even a row that changes nothing
    ],
)
def test_an_entity_of_another_government_is_not_touched(org, people, headers, values) -> None:
    # 统一社会信用代码 is unique nationwide: a file can name any entity in the register.
    other = make_entity(org, name="武汉某公司", uscc=uscc(9), region=wuhan(org))
    make_entity(org, name="鄂城某公司", uscc=uscc(1))  # in alice's area
    rows = [[uscc(9), *values], [uscc(1), *values]]
    job = run_import(
        "entities", xlsx(headers, rows), department=org.scjg, actor=people.alice, mode="good"
    )
    assert job.status == "done" and job.bad_rows == 1
    assert job.errors == [[2, "统一社会信用代码", "该市场主体不在本部门辖区，不能修改"]]
    other.refresh_from_db()
    assert (other.name, other.status, other.region.name) == ("武汉某公司", "active", "武汉市")
    assert job.updated + job.unchanged == 1  # the row of alice's own entity went through


def test_a_district_department_cannot_change_a_city_level_entity(org, people) -> None:
    city_entity = make_entity(org, name="市级公司", uscc=uscc(9), region=org.city)
    job = run_import(
        "entities",
        xlsx(["统一社会信用代码", "名称"], [[uscc(9), "改名"]]),
        department=org.ec_scjg,
        actor=people.ellen,
    )
    assert job.status == "rejected" and "不在本部门辖区" in job.errors[0][2]
    assert Entity.objects.get(pk=city_entity.pk).name == "市级公司"
    # The city's department may: 鄂城区 is below its government.
    job = run_import(
        "entities",
        xlsx(["统一社会信用代码", "名称", "登记辖区"], [[uscc(9), "改名", "鄂城区"]]),
        department=org.scjg,
        actor=people.alice,
    )
    assert job.status == "done" and job.updated == 1


def test_a_system_import_may_change_any_entity(org) -> None:
    other = make_entity(org, name="武汉某公司", uscc=uscc(9), region=wuhan(org))
    data = xlsx(["统一社会信用代码", "名称"], [[uscc(9), "更名"]])
    job = run_import("entities", data, department=org.scjg)
    assert job.status == "done" and job.updated == 1
    assert Entity.objects.get(pk=other.pk).name == "更名"


@pytest.mark.parametrize("mode", ["all", "good"])
def test_an_entity_moved_away_while_the_file_is_checked_is_not_written(
    org, people, monkeypatch, mode
) -> None:
    from fazhi.core.intake.specs import REGISTRY

    run_import("entities", xlsx(HEADERS, [row(1), row(2)]), department=org.scjg, actor=people.alice)
    spec = REGISTRY["entities"]
    checked = spec.prepare
    away = wuhan(org)

    def prepare_then_move(table, ctx):  # type: ignore[no-untyped-def]
        plan = checked(table, ctx)
        # Another import moves the entity to 武汉市 after this one checked it.
        Entity.objects.filter(uscc=uscc(1)).update(region=away)
        return plan

    monkeypatch.setattr(spec, "prepare", prepare_then_move)
    data = xlsx(HEADERS, [row(1, name="改名一"), row(2, name="改名二")])
    job = run_import("entities", data, department=org.scjg, actor=people.alice, mode=mode)
    assert job.errors == [[2, "统一社会信用代码", "该市场主体不在本部门辖区，不能修改"]]
    assert Entity.objects.get(uscc=uscc(1)).name == "鄂州市测试1号商贸有限公司"
    if mode == "all":
        assert job.status == "rejected" and "未写入任何数据" in job.message
        assert Entity.objects.get(uscc=uscc(2)).name == "鄂州市测试2号商贸有限公司"
    else:
        assert (job.status, job.updated, job.bad_rows) == ("done", 1, 1) and job.error_file
        assert Entity.objects.get(uscc=uscc(2)).name == "改名二"


def test_a_job_another_worker_has_claimed_is_left_to_it(org, people) -> None:
    from fazhi.core.intake import services

    job = services.create_job(
        "entities",
        department=org.scjg,
        upload=io.BytesIO(xlsx(HEADERS, [row(1)])),
        file_name="a.xlsx",
        actor=people.alice,
    )
    # A redelivered task: the first worker has already moved the job on.
    ImportJob.objects.filter(pk=job.pk).update(status="checking")
    assert services.run(job.pk).status == "checking"
    assert not Entity.objects.exists()
    ImportJob.objects.filter(pk=job.pk).update(status="pending")
    assert services.run(job.pk).status == "done"
    assert services.run(job.pk).status == "done" and Entity.objects.count() == 1
