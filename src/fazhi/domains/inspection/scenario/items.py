"""Stage 300 of the Ezhou 2019 scenario: 一单 and the structured side of 库二.

Each enforcing city department with an officer pool imports, through the intake import specs:
its code list of inspector qualifications (one code per 执法领域 printed on its credentials),
which officers hold which codes, and its 随机抽查事项清单 — 269 items in all, apportioned by the
size of the officer pool, each exercising one of the department's 行政检查 power items in force
and scoped to the trades the department supervises. The list takes effect after the 2019
institutional reform, so all 269 are in force on 2019-12-31 (row 17).

Idempotence: a department whose items exist is skipped whole.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from openpyxl import Workbook

from fazhi.core.intake import services as intake
from fazhi.core.intake.choices import ImportStatus
from fazhi.core.org.models import Officer, OrgUnit
from fazhi.domains.lists.choices import PowerKind
from fazhi.domains.lists.models import PowerItem
from fazhi.domains.lists.services import as_of
from fazhi.shell.scenario import data
from fazhi.shell.scenario.planning import Digest, apportion, rng_for

from ..models import CheckItem

SEED_CHECK_ITEMS = 269  # 建立动态管理随机抽查事项269项
ITEMS_FROM = date(2019, 3, 29)  # the list after the institutional reform (机构改革)
REASON = "2019年随机抽查事项清单（机构改革后重新梳理）"
QUALIFIED_FROM = date(2019, 3, 1)

# The trades (国民经济行业门类) each department's random inspections look at.
TRADES: dict[str, str] = {
    "SCJG": "FHCLOI",
    "FGW": "DF",
    "JYJ": "P",
    "KJJ": "MI",
    "JXJ": "CI",
    "GAJ": "HLO",
    "MZJ": "OQ",
    "SFJ": "L",
    "CZJ": "LM",
    "RSJ": "CEFH",
    "ZRZYGHJ": "BEK",
    "STHJ": "CBDN",
    "ZJJ": "EK",
    "CGW": "FHO",
    "JTYSJ": "G",
    "SLHPJ": "NA",
    "NYNCJ": "A",
    "SWJ": "FH",
    "WHLYJ": "RH",
    "WJW": "QH",
    "YJGLJ": "BCDE",
    "SJJ": "KE",
    "TJJ": "CF",
    "YBJ": "Q",
    "LYJ": "A",
    "RFB": "K",
    "MZZJJ": "OR",
    "ZHZFZD": "FHRO",
}
METHODS = ("现场检查", "现场检查", "书面检查", "网络监测", "抽样检测")
ASPECTS = (
    "执行{f}法律法规情况",
    "{f}许可（备案）事项事中事后监管",
    "{f}经营（生产）场所、设施条件",
    "{f}从业人员资格",
    "落实{f}主体责任情况",
    "{f}信息公示情况",
    "{f}安全管理制度执行情况",
    "{f}台账、记录保存情况",
)


def departments() -> list[data.Dept]:
    """The city's enforcing departments with an officer pool (and a trade list)."""
    return [d for d in data.CITY_DEPARTMENTS if d.enforces and d.officers and d.suffix in TRADES]


def dept_code(d: data.Dept) -> str:
    return f"{data.CITY.area6}-{d.suffix}"


def fields_of(d: data.Dept) -> list[str]:
    return [f for f in d.fields.replace("（集中行使）", "").split("、") if f]


def _xlsx(header: list[str], rows: list[list[Any]]) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sheet1")
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _import(slug: str, unit: OrgUnit, name: str, content: bytes, **kw: Any) -> Any:
    job = intake.create_job(slug, department=unit, upload=io.BytesIO(content), file_name=name, **kw)
    job = intake.run(job.pk)
    if job.status != ImportStatus.DONE or job.error_total:
        raise RuntimeError(f"场景数据导入失败：{name}：{job.message} {job.errors[:5]}")
    return job


def load_items(builder: Any, result: Any) -> None:
    depts = departments()
    counts = apportion(SEED_CHECK_ITEMS, [d.officers for d in depts])
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=[dept_code(d) for d in depts])}
    rng = rng_for(builder.seed, "inspection.items")
    digest = Digest()
    created = 0
    for d, n in zip(depts, counts, strict=True):
        unit = units.get(dept_code(d))
        if unit is None or not n:
            continue
        if CheckItem.objects.filter(department=unit).exists():
            result.existing += CheckItem.objects.filter(department=unit).count()
            continue
        fields = fields_of(d)
        codes = [(f"{d.suffix}-{i:02d}", f"{f}检查") for i, f in enumerate(fields, 1)]
        _import(
            "inspection-qualifications",
            unit,
            f"{d.suffix}-qualifications.xlsx",
            _xlsx(
                ["资格代码", "资格名称", "依据"],
                [[c, name, "国发〔2019〕5号"] for c, name in codes],
            ),
        )
        numbers = list(
            Officer.objects.filter(department=unit)
            .exclude(credential_no="")
            .values_list("credential_no", flat=True)
        )
        # Every officer holds the first field's code; about half also another one.
        rows = []
        for no in numbers:
            held = [codes[0][0]] + [c for c, _ in codes[1:] if rng.random() < 0.5]
            rows.append([no, "、".join(held), QUALIFIED_FROM])
        if rows:
            _import(
                "inspection-officer-qualifications",
                unit,
                f"{d.suffix}-officer-qualifications.xlsx",
                _xlsx(["执法证号", "资格代码", "取得日期"], rows),
            )
        powers = [
            v.item.code
            for v in as_of(PowerItem, ITEMS_FROM)
            .filter(department=unit, kind=PowerKind.INSPECTION)
            .select_related("item")
            .order_by("item__code")
        ]
        trades = TRADES[d.suffix]
        item_rows = []
        for i in range(n):
            f = fields[i % len(fields)]
            aspect = ASPECTS[(i // len(fields)) % len(ASPECTS)].format(f=f)
            scope = "、".join(sorted(rng.sample(trades, min(len(trades), 1 + rng.randrange(3)))))
            # One qualification per item: every officer holds the first; a few items need another.
            qual = codes[0][0] if i % 4 or len(codes) == 1 else codes[1 + i % (len(codes) - 1)][0]
            item_rows.append(
                [
                    f"对{aspect}的抽查"
                    + (
                        f"（{i // (len(fields) * len(ASPECTS)) + 1}）"
                        if i >= len(fields) * len(ASPECTS)
                        else ""
                    ),
                    powers[i % len(powers)] if powers else None,
                    f"检查{aspect}。",
                    scope,
                    "重点" if i % 5 == 0 else "一般",
                    METHODS[i % len(METHODS)],
                    qual,
                    f"国发〔2019〕5号；{f}相关法律法规",
                ]
            )
        _import(
            "check-items",
            unit,
            f"{d.suffix}-check-items.xlsx",
            _xlsx(
                [
                    "抽查事项",
                    "对应权力事项",
                    "抽查内容",
                    "行业门类",
                    "事项类别",
                    "检查方式",
                    "资格代码",
                    "抽查依据",
                ],
                item_rows,
            ),
            valid_from=ITEMS_FROM,
            reason=REASON,
        )
        created += n
        for r in item_rows:
            digest.add(unit.code, *r)
    result.created = created
    result.extra["check_items"] = created
    builder.audit("inspection.CheckItem", created, digest, items=created)
