"""Deterministic scenario files for the import benchmark (鄂州市 2019, seed section 一).

105,672 market entities with valid 统一社会信用代码 (GB 32100-2015, ``make_uscc``) and 4,221 power
items of 36 departments, written as .xlsx files in the import templates' columns — the files a
clerk would upload. Pure Python and openpyxl; the same bytes on every run.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from fazhi.core.org.validators import make_uscc

N_ENTITIES = 105_672
N_POWER_ITEMS = 4_221
N_DEPARTMENTS = 36

CITY = ("鄂州市", "420700000000")


def _words(text: str) -> list[str]:
    return text.split()


# The governments entities are registered in (登记辖区), with their 12-digit codes.
REGIONS = [
    ("鄂城区", "420704000000"),
    ("华容区", "420703000000"),
    ("梁子湖区", "420702000000"),
    ("葛店经济技术开发区", "420771000000"),
    ("临空经济区", "420772000000"),
]
DEPARTMENT_NAMES = _words("""
发展和改革委员会 教育局 科学技术局 经济和信息化局 公安局 民政局 司法局 财政局
人力资源和社会保障局 自然资源和规划局 生态环境局 住房和城乡建设局 交通运输局 水利和湖泊局
农业农村局 商务局 文化和旅游局 卫生健康委员会 退役军人事务局 应急管理局 审计局
市场监督管理局 统计局 医疗保障局 林业局 城市管理执法委员会 人民防空办公室 信访局
粮食和物资储备局 地方金融工作局 行政审批局 气象局 档案局 民族宗教事务委员会 体育局
机关事务服务中心
""")
assert len(DEPARTMENT_NAMES) == N_DEPARTMENTS

ENTITY_HEADERS = _words(
    "统一社会信用代码 名称 类型 行业门类 登记辖区 成立日期 登记状态 法定代表人/经营者 住所"
)
POWER_HEADERS = _words("""
事项编码（省库） 名称 事项类型 实施部门 设定依据 责任事项 追责情形及依据
法定办结时限（工作日） 承诺办结时限（工作日） 涉及市场准入
""")

# (type label, USCC 机构类别 digit, share out of 20): 个体工商户 dominate, as in the 2019 register.
KINDS = [("个体工商户", "2", 12), ("企业", "1", 7), ("农民专业合作社", "3", 1)]
INDUSTRIES = _words("""
批发和零售业 住宿和餐饮业 居民服务、修理和其他服务业 制造业 建筑业 交通运输、仓储和邮政业
租赁和商务服务业 农、林、牧、渔业 信息传输、软件和信息技术服务业 房地产业
""")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
GIVEN = _words("伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 华 平")
WORDS = _words("兴旺 恒达 鑫源 华联 新世纪 利民 永安 宏发 东方 长江 楚天 吴都 凤凰 洋澜")
TRADES = _words("商贸 餐饮 建材 五金 电器 农资 服装 汽修 水产 物流")
STREETS = _words("古楼街道 凤凰街道 西山街道 樊口街道 葛店镇 华容镇 梁子镇 燕矶镇")

POWER_KINDS = [
    ("行政许可", 8),
    ("行政处罚", 40),
    ("行政强制", 4),
    ("行政征收", 2),
    ("行政给付", 2),
    ("行政检查", 8),
    ("行政确认", 3),
    ("行政奖励", 2),
    ("行政裁决", 1),
    ("其他行政权力", 5),
]
LAWS = _words(
    "《行政许可法》 《行政处罚法》 《食品安全法》 《安全生产法》 《环境保护法》 《城乡规划法》"
)


def department_codes() -> list[tuple[str, str]]:
    """(name, code) of the 36 city departments, codes as the scenario writes them."""
    return [(f"鄂州市{name}", f"420700-D{n:02d}") for n, name in enumerate(DEPARTMENT_NAMES, 1)]


def _pick(weights: list[tuple[str, int]] | list[tuple[str, str, int]], i: int) -> tuple:
    total = sum(w[-1] for w in weights)
    slot = (i * 7) % total  # deterministic, evenly spread
    for w in weights:
        slot -= w[-1]
        if slot < 0:
            return w
    return weights[-1]


def entity_rows(n: int = N_ENTITIES) -> list[list[object]]:
    rows: list[list[object]] = []
    first = dt.date(1990, 1, 1)
    for i in range(n):
        kind, category, _ = _pick(KINDS, i)
        region, code = REGIONS[i % len(REGIONS)]
        # 登记管理机关行政区划码 = the region's six digits; the body is unique per row.
        body = f"9{category}{code[:6]}MA{i:07d}"
        person = SURNAMES[i % len(SURNAMES)] + GIVEN[(i // 7) % len(GIVEN)]
        trade = TRADES[(i // 3) % len(TRADES)]
        word = WORDS[(i // 11) % len(WORDS)]
        name = (
            f"{region}{person}{trade}店（{i}）"
            if category == "2"
            else f"鄂州市{word}{trade}有限公司{i}"
            if category == "1"
            else f"{region}{word}种养殖专业合作社{i}"
        )
        status = "注销" if i % 23 == 0 else "吊销" if i % 97 == 0 else "存续"
        rows.append(
            [
                make_uscc(body),
                name,
                kind,
                INDUSTRIES[(i * 3) % len(INDUSTRIES)],
                code,
                first + dt.timedelta(days=(i * 7919) % 10_900),
                status,
                person,
                f"鄂州市{region}{STREETS[i % len(STREETS)]}{(i % 300) + 1}号",
            ]
        )
    return rows


def power_rows(n: int = N_POWER_ITEMS) -> list[list[object]]:
    depts = department_codes()
    rows: list[list[object]] = []
    for i in range(n):
        name, code = depts[i % len(depts)]
        kind = _pick(POWER_KINDS, i)[0]
        law = LAWS[i % len(LAWS)]
        article = (i % 120) + 1
        licensing = kind == "行政许可"
        rows.append(
            [
                f"4207{(i % len(depts)) + 1:02d}{i:07d}",
                f"{name[3:]}{kind}事项（{i + 1}）",
                kind,
                code,
                f"{law}第{article}条",
                "受理、审查、决定、送达；事中事后监管",
                "因不履行或不正确履行行政职责，有下列情形的，行政机关及相关工作人员应承担相应责任",
                20 if licensing else None,
                10 if licensing else None,
                "是" if licensing and i % 3 == 0 else "否",
            ]
        )
    return rows


def write_xlsx(path: Path, title: str, headers: list[str], rows: list[list[object]]) -> Path:
    """A plain write-only workbook: one header row, then the rows (fast for 100,000 rows)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title)
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def generate(directory: Path, sample: int) -> dict[str, Path]:
    """The benchmark's files: all entities, the first ``sample`` of them, the power items."""
    entities = entity_rows()
    files = {
        "entities": write_xlsx(directory / "entities.xlsx", "市场主体", ENTITY_HEADERS, entities),
        "sample": write_xlsx(
            directory / "entities-sample.xlsx", "市场主体", ENTITY_HEADERS, entities[:sample]
        ),
        "power": write_xlsx(
            directory / "power-items.xlsx", "权责清单", POWER_HEADERS, power_rows()
        ),
    }
    return files
