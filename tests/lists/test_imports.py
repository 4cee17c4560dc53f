"""Excel imports of the lists: codes, versions only on change, the province-catalog sync,
department scoping, and the export → import round trip."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.integrity.models import AuditEntry, SecurityEvent
from fazhi.domains.lists import services
from fazhi.domains.lists.models import FeeItem, PowerItem, PowerItemVersion, ProofRequirement
from fazhi.shell.office import resources

from ..intake.helpers import run_import, sheet_rows, xlsx

pytestmark = pytest.mark.django_db

D = date
HEADERS = ["事项编码（省库）", "名称", "事项类型", "设定依据", "法定办结时限（工作日）"]


def power_file(rows: list[list[object]], headers: list[str] = HEADERS) -> bytes:
    return xlsx(headers, rows)


ROWS = [
    ["HB-0001", "食品经营许可", "行政许可", "《食品安全法》第三十五条", 20],
    ["HB-0002", "药品零售许可", "行政许可", "《药品管理法》第五十一条", 30],
    ["HB-0003", "对无证经营食品的处罚", "行政处罚", "《食品安全法》第一百二十二条", None],
]


def imported(org, people, rows=ROWS, spec="power-items", **extra):  # type: ignore[no-untyped-def]
    options = {"valid_from": D(2019, 9, 20), "reason": "2019年权责清单调整", **extra}
    return run_import(spec, power_file(rows), department=org.scjg, actor=people.alice, **options)


def test_a_power_list_is_imported_with_codes_and_first_versions(org, people) -> None:
    job = imported(org, people)
    assert job.status == "done", job.errors
    assert (job.created, job.updated, job.unchanged) == (3, 0, 0)
    codes = dict(PowerItem.objects.values_list("catalog_code", "code"))
    assert codes == {
        "HB-0001": "420700-SCJG-XK-0001",
        "HB-0002": "420700-SCJG-XK-0002",
        "HB-0003": "420700-SCJG-CF-0001",
    }
    item = PowerItem.objects.get(code="420700-SCJG-XK-0001")
    assert (item.state, item.kind, item.department) == ("in_force", "licensing", org.scjg)
    version = item.current_version()
    assert version.action == "add" and version.reason == "2019年权责清单调整"
    assert version.valid_from == D(2019, 9, 20) and version.recorded_by == people.alice
    assert version.statutory_limit == 20 and version.legal_basis.startswith("《食品安全法》")
    events = SecurityEvent.objects.filter(kind="bulk_import", object_repr="lists.PowerItem")
    assert events.count() == 1 and events.get().data["changes"]["created"] == 3
    # One audit event, not one model-log entry per item and version.
    assert not AuditEntry.objects.filter(content_type__app_label="lists").exists()
    # The numbering goes on from where the import left it.
    more = services.create_item(
        PowerItem,
        department=org.scjg,
        valid_from=D(2019, 10, 1),
        fields={"kind": "licensing", "name": "特种设备使用登记"},
    )
    assert more.code == "420700-SCJG-XK-0003"


def test_reimporting_the_same_file_creates_no_new_versions(org, people) -> None:
    imported(org, people)
    before = PowerItemVersion.objects.count()
    again = imported(org, people)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert PowerItemVersion.objects.count() == before == 3


def test_rows_without_any_code_match_items_of_the_same_name(org, people) -> None:
    rows = [r[1:] for r in ROWS]
    first = run_import(
        "power-items", power_file(rows, HEADERS[1:]), department=org.scjg, actor=people.alice
    )
    again = run_import(
        "power-items", power_file(rows, HEADERS[1:]), department=org.scjg, actor=people.alice
    )
    assert (first.created, again.created, again.unchanged) == (3, 0, 3)


def test_a_changed_row_becomes_an_amend_version(org, people) -> None:
    imported(org, people)
    rows = [list(r) for r in ROWS]
    rows[0][3] = "《食品安全法》（2018修正）第三十五条"
    job = imported(org, people, rows=rows, valid_from=D(2019, 12, 1))
    assert (job.created, job.updated, job.unchanged) == (0, 1, 2)
    item = PowerItem.objects.get(catalog_code="HB-0001")
    versions = list(item.versions.order_by("valid_from", "id"))
    assert [v.action for v in versions] == ["add", "amend"]
    assert versions[0].valid_to == D(2019, 12, 1)
    assert versions[1].legal_basis == "《食品安全法》（2018修正）第三十五条"
    assert versions[1].reason == "2019年权责清单调整" and versions[1].recorded_by == people.alice


def test_the_province_catalog_is_kept_in_sync_and_differences_are_recorded(org, people) -> None:
    job = run_import(
        "power-catalog",
        power_file(ROWS),
        department=org.scjg,
        actor=people.alice,
        valid_from=D(2019, 1, 1),
    )
    assert job.status == "done" and job.created == 3
    # The next catalog export: HB-0001 changed, HB-0002 gone, HB-0004 new.
    rows = [
        list(ROWS[0]),
        list(ROWS[2]),
        ["HB-0004", "食品生产许可", "行政许可", "《食品安全法》第三十五条", 20],
    ]
    rows[0][4] = 15
    sync = run_import(
        "power-catalog",
        power_file(rows),
        department=org.scjg,
        actor=people.alice,
        valid_from=D(2019, 6, 1),
    )
    assert (sync.created, sync.updated, sync.unchanged) == (1, 1, 1)
    changed = PowerItem.objects.get(catalog_code="HB-0001").current_version()
    assert (changed.action, changed.reason, changed.statutory_limit) == (
        "amend",
        "省事项库同步",
        15,
    )
    assert [m["catalog_code"] for m in sync.missing] == ["HB-0002"]
    assert "缺少 1 个原有事项" in sync.message
    # Reported, not deleted or cancelled.
    assert PowerItem.objects.get(catalog_code="HB-0002").state == "in_force"


def test_a_catalog_import_needs_the_catalog_codes(org, people) -> None:
    job = run_import(
        "power-catalog",
        power_file([r[1:] for r in ROWS], HEADERS[1:]),
        department=org.scjg,
        actor=people.alice,
    )
    assert job.status == "refused" and "事项编码（省库）" in job.message


def test_bad_list_rows_are_reported_and_nothing_is_written(org, people) -> None:
    headers = [*HEADERS, "编码", "依据原文链接", "涉及市场准入"]
    rows = [
        ["HB-0001", "食品经营许可", "行政许可", "", 20, "", "https://flk.npc.gov.cn/", "是"],
        ["HB-0002", "药品零售许可", "许可", "", "二十", "", "flk", "可能"],
        ["HB-0003", "x" * 301, "行政处罚", "", -1, "420700-SCJG-XK-9999", "", ""],
    ]
    job = run_import(
        "power-items", power_file(rows, headers), department=org.scjg, actor=people.alice
    )
    assert job.status == "rejected"
    errors = {(r, c): reason for r, c, reason in job.errors}
    assert "不是可选值" in errors[(3, "事项类型")]
    assert "应为整数" in errors[(3, "法定办结时限（工作日）")]
    assert "不是有效网址" in errors[(3, "依据原文链接")]
    assert "应填“是”或“否”" in errors[(3, "涉及市场准入")]
    assert "不能超过300个字" in errors[(4, "名称")]
    assert "不能小于0" in errors[(4, "法定办结时限（工作日）")]
    assert "在系统中不存在" in errors[(4, "编码")]
    assert not PowerItem.objects.exists()


def test_good_rows_only_for_a_list(org, people) -> None:
    rows = [list(r) for r in ROWS]
    rows[1][2] = "许可"
    job = imported(org, people, rows=rows, mode="good")
    assert (job.status, job.created, job.bad_rows) == ("done", 2, 1)
    returned = sheet_rows(job.error_file.read())
    assert [r[0] for r in returned[1:]] == [3] and returned[1][2] == "药品零售许可"


def test_a_clerk_cannot_import_into_another_departments_list(org, people) -> None:
    imported(org, people)
    item = PowerItem.objects.get(catalog_code="HB-0001")
    headers = ["编码", "名称", "事项类型", "实施部门"]
    rows = [
        [item.code, "改名", "行政许可", ""],  # scjg's item, by its code
        ["", "排污许可", "行政许可", "鄂州市市场监督管理局"],  # a row for scjg
        ["", "排污许可", "行政许可", "鄂州市生态环境局"],
    ]
    job = run_import("power-items", xlsx(headers, rows), department=org.sthj, actor=people.bob)
    assert job.status == "rejected"
    errors = {(r, c): reason for r, c, reason in job.errors}
    assert "属于其他部门" in errors[(2, "编码")]
    assert "只能导入本部门" in errors[(3, "实施部门")]
    assert set(errors) == {(2, "编码"), (3, "实施部门")}
    assert PowerItem.objects.get(pk=item.pk).name == "食品经营许可"


def test_a_cancelled_item_and_an_earlier_date_are_refused(org, people) -> None:
    imported(org, people)
    item = PowerItem.objects.get(catalog_code="HB-0003")
    services.record(item, "cancel", valid_from=D(2019, 10, 1), reason="国务院决定取消")
    rows = [list(r) for r in ROWS]
    rows[2][3] = "新依据"
    rows[0][3] = "也是新依据"
    job = imported(org, people, rows=rows, valid_from=D(2019, 1, 1))
    reasons = [reason for _, _, reason in job.errors]
    assert any("已取消" in r for r in reasons) and any("早于现行版本" in r for r in reasons)


FORMULA_LIKE = [
    '=HYPERLINK("http://x","点我")',
    "+86 热线",
    "-1 号文",
    "@某事项",
    "\t以制表符开头",
    "\r以回车开头",
]


def test_an_export_imports_back_without_loss(client, org, people) -> None:
    rows = [[f"HB-{n:04d}", name, "行政许可", name, 5] for n, name in enumerate(FORMULA_LIKE, 1)]
    assert imported(org, people, rows=rows).created == len(FORMULA_LIKE)
    client.force_login(people.alice)
    exported = client.get("/office/imports/export/power-items/").content
    table = sheet_rows(exported)
    assert [r[2] for r in table[1:]] == FORMULA_LIKE  # literal text, never formulas
    again = run_import("power-items", exported, department=org.scjg, actor=people.alice)
    assert (again.status, again.updated, again.unchanged) == ("done", 0, len(FORMULA_LIKE))
    assert sorted(PowerItem.objects.values_list("name", flat=True)) == sorted(FORMULA_LIKE)
    versions = PowerItemVersion.objects.order_by("item__code")
    assert [v.legal_basis for v in versions] == FORMULA_LIKE


def test_the_back_office_export_of_a_list_imports_back(client, org, people, monkeypatch) -> None:
    rows = [[f"HB-{n:04d}", name, "行政许可", "", None] for n, name in enumerate(FORMULA_LIKE, 1)]
    imported(org, people, rows=rows)
    monkeypatch.setitem(
        resources.REGISTRY,
        "test-power-items",
        resources.Resource(
            "test-power-items",
            PowerItem,
            "权责清单",
            # The columns lists/screens.py gives the list screens.
            ["code", "name", "kind", "department", "state"],
        ),
    )
    client.force_login(people.alice)
    exported = client.get("/office/r/test-power-items/export/").content
    again = run_import("power-items", exported, department=org.scjg, actor=people.alice)
    assert (again.status, again.unchanged, again.updated) == ("done", len(FORMULA_LIKE), 0)


def test_fees_and_proofs_import_with_references_by_code(org, people) -> None:
    imported(org, people)
    licence = PowerItem.objects.get(catalog_code="HB-0001")
    fees = run_import(
        "fees",
        xlsx(["名称", "收费标准", "计费单位", "涉企收费"], [["检验费", "100", "元/次", "是"]]),
        department=org.scjg,
        actor=people.alice,
    )
    assert fees.status == "done", fees.errors
    fee = FeeItem.objects.get()
    assert (fee.code, fee.enterprise_related) == ("420700-SCJG-SF-0001", True)
    proofs = run_import(
        "proofs",
        xlsx(
            ["名称", "证明状态", "涉及事项", "替代方式"],
            [
                ["健康证明", "实行告知承诺制", licence.code, "告知承诺"],
                ["无犯罪记录证明", "取消", f"{licence.code} {licence.name}", "部门间数据共享核验"],
                ["房产证明", "保留", "420700-SCJG-XK-0404", ""],
            ],
        ),
        department=org.scjg,
        actor=people.alice,
        mode="good",
    )
    assert (proofs.created, proofs.bad_rows) == (2, 1)
    assert "找不到编码为“420700-SCJG-XK-0404”的权力事项" in proofs.errors[0][2]
    proof = ProofRequirement.objects.get(name="健康证明")
    assert proof.status == "notify_commit" and proof.current_version().power_item == licence


# --------------------------------------------------------------------------------------------
# References to other entries: in force, visible, and for power items the importer's own
# --------------------------------------------------------------------------------------------


def power(org, name, *, department=None, draft=False):  # type: ignore[no-untyped-def]
    return services.create_item(
        PowerItem,
        department=department or org.scjg,
        valid_from=D(2019, 1, 1),
        fields={"kind": "licensing", "name": name},
        draft=draft,
    )


def import_proofs(org, people, rows, mode="good"):  # type: ignore[no-untyped-def]
    return run_import(
        "proofs",
        xlsx(["名称", "证明状态", "涉及事项"], rows),
        department=org.scjg,
        actor=people.alice,
        valid_from=D(2019, 9, 1),
        reason="2019年证明事项清理",
        mode=mode,
    )


def test_a_reference_links_only_an_entry_in_force_of_the_importers_departments(
    client, org, people
) -> None:
    own = power(org, "本部门许可")
    own_draft = power(org, "本部门草案", draft=True)
    secret = power(org, "拟新增：秘密许可草案", department=org.sthj, draft=True)
    other = power(org, "生态环境局许可", department=org.sthj)
    cancelled = power(org, "已取消的许可")
    services.record(cancelled, "cancel", valid_from=D(2019, 6, 1), reason="国务院决定取消")
    rows = [
        ["证明一", "保留", own.code],
        ["证明二", "保留", own_draft.code],
        ["证明三", "保留", secret.code],
        ["证明四", "保留", other.code],
        ["证明五", "保留", cancelled.code],
    ]
    job = import_proofs(org, people, rows)
    assert (job.status, job.created, job.bad_rows) == ("done", 1, 4)
    assert {r: (c, reason) for r, c, reason in job.errors} == {
        3: ("涉及事项", f"权力事项“{own_draft.code}”尚未发布，不能引用"),
        # Another department's draft is not even said to exist.
        4: ("涉及事项", f"找不到编码为“{secret.code}”的权力事项"),
        5: ("涉及事项", f"权力事项“{other.code}”不属于本部门，只能引用本部门的权力事项"),
        6: ("涉及事项", f"权力事项“{cancelled.code}”已取消，不能引用"),
    }
    proof = ProofRequirement.objects.get()
    assert proof.current_version().power_item == own
    # The review's case: the draft's name never reaches the public page of a proof.
    assert "秘密许可草案" not in client.get(f"/lists/proofs/{proof.code}/").content.decode()


def test_a_negative_list_entry_of_any_department_in_force_may_be_linked(org, people) -> None:
    from fazhi.domains.lists.models import NegativeListItem

    def entry(number: str, draft: bool) -> NegativeListItem:
        fields = {"name": f"事项{number}", "edition": "2019年版", "number": number}
        return services.create_item(  # type: ignore[return-value]
            NegativeListItem,
            department=org.sthj,
            valid_from=D(2019, 1, 1),
            fields={**fields, "kind": "licensed", "measure": "未获得许可，不得从事"},
            draft=draft,
        )

    published, draft = entry("101", False), entry("102", True)
    job = run_import(
        "power-items",
        xlsx(
            ["名称", "事项类型", "对应负面清单事项"],
            [["许可甲", "行政许可", published.code], ["许可乙", "行政许可", draft.code]],
        ),
        department=org.scjg,
        actor=people.alice,
        mode="good",
    )
    assert (job.created, job.bad_rows) == (1, 1)
    assert job.errors == [[3, "对应负面清单事项", f"找不到编码为“{draft.code}”的负面清单事项"]]
    assert PowerItem.objects.get(name="许可甲").current_version().negative_entry == published


def test_the_reference_an_entry_already_has_stays(org, people) -> None:
    # Linked by hand before (or before the rule): an export of it imports back unchanged.
    other = power(org, "生态环境局许可", department=org.sthj)
    another = power(org, "另一许可", department=org.sthj)
    services.create_item(
        ProofRequirement,
        department=org.scjg,
        valid_from=D(2019, 1, 1),
        fields={"name": "环评证明", "status": "retained", "power_item": other},
    )
    again = import_proofs(org, people, [["环评证明", "保留", other.code]], mode="all")
    assert (again.status, again.unchanged) == ("done", 1), again.errors
    changed = import_proofs(org, people, [["环评证明", "保留", another.code]], mode="all")
    assert changed.status == "rejected" and "不属于本部门" in changed.errors[0][2]


@pytest.mark.parametrize("mode", ["all", "good"])
def test_an_item_transferred_while_the_file_is_checked_is_not_amended(
    org, people, monkeypatch, mode
) -> None:
    from fazhi.core.intake.specs import REGISTRY

    imported(org, people)
    item = PowerItem.objects.get(catalog_code="HB-0001")
    spec = REGISTRY["power-items"]
    checked = spec.prepare

    def prepare_then_transfer(table, ctx):  # type: ignore[no-untyped-def]
        plan = checked(table, ctx)
        # 划转 to the ecology bureau, recorded by someone else after this import checked it.
        services.record(
            item, "transfer", valid_from=D(2019, 9, 25), reason="机构改革", department=org.sthj
        )
        return plan

    monkeypatch.setattr(spec, "prepare", prepare_then_transfer)
    rows = [list(r) for r in ROWS]
    rows[0][3] = rows[1][3] = "新依据"
    rows.append(["HB-0004", "食品生产许可", "行政许可", "《食品安全法》第三十五条", 20])
    job = imported(org, people, rows=rows, valid_from=D(2019, 10, 1), mode=mode)
    assert [(r, reason) for r, _, reason in job.errors] == [
        (2, f"事项“{item.code}”在导入期间已划转到其他部门（或您已无权修改），未写入")
    ]
    assert item.current_version().legal_basis == "《食品安全法》第三十五条"
    assert item.current_version().department == org.sthj
    amended = PowerItem.objects.get(catalog_code="HB-0002").current_version().legal_basis
    if mode == "all":
        assert job.status == "rejected" and "未写入任何数据" in job.message
        assert amended != "新依据" and not PowerItem.objects.filter(catalog_code="HB-0004").exists()
        events = SecurityEvent.objects.filter(kind="bulk_import", object_repr="lists.PowerItem")
        assert events.count() == 1  # the first import's only
    else:
        assert (job.status, job.created, job.updated, job.bad_rows) == ("done", 1, 1, 1)
        assert amended == "新依据" and job.error_file
