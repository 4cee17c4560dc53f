"""Writes the sector exports of the scenario under ``data/collected/`` (run once by hand:
``python -m fazhi.domains.enforcement.scenario.make_files``; the files are committed and the
stage only reads them).

The files stand for what the sectors' own systems export, in their own column layouts:
- ``ecology_penalties.csv``: 鄂州市生态环境局 and its 分局, 2019: 58 penalty decisions served in
  2019 whose fines sum to 8,046,000.00 元, 5 of them with a hearing, and one decision of
  2019-12-27 served only in January 2020 (not 下达 by the year's end: not one of the 58);
- ``ecology_meetings.csv``: the bureau's 11 case-review meetings of 2019 and the cases each
  discussed (the minutes' register, recorded in Fazhi by the bureau's head);
- ``transport_penalties.csv``: 鄂州市交通运输局's road-transport penalties of 2019: 160 taxi cases
  on 144 distinct taxis, 85 illegal-operation cases on 78 distinct vehicles.

Parties: the ecology cases name companies of the scenario's entity register (the first 200
entities of ``iter_entities``, the same for any build size); the transport cases name drivers
(generated names, valid resident ID numbers).
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "collected"
SEED = 2019
ECOLOGY_TOTAL = Decimal("8046000.00")
BRANCHES = [
    "鄂州市生态环境局鄂城区分局",
    "鄂州市生态环境局华容区分局",
    "鄂州市生态环境局梁子湖区分局",
]
VIOLATIONS = [
    ("超标排放大气污染物", "大气污染防治法 第九十九条"),
    ("未依法报批建设项目环境影响报告表擅自开工建设", "环境影响评价法 第三十一条"),
    ("通过逃避监管的方式排放水污染物", "水污染防治法 第八十三条"),
    ("未按规定贮存危险废物", "固体废物污染环境防治法 第一百一十二条"),
    ("配套环境保护设施未经验收即投入生产", "建设项目环境保护管理条例 第二十三条"),
    ("未采取有效措施防治扬尘污染", "大气污染防治法 第一百一十五条"),
    ("超过噪声排放标准排放工业噪声", "环境噪声污染防治法 第四十八条"),
]
ECOLOGY_HEADERS = ["案件编号", "办案机构", "案件名称", "当事人名称", "统一社会信用代码", "立案日期",
                   "处罚决定书文号", "处罚决定日期", "罚款金额（元）", "送达日期", "听证日期",
                   "结案日期", "承办人"]  # fmt: skip
MEETING_HEADERS = ["会议日期", "会议名称", "地点", "主持人", "参会人员", "列席人员", "记录人",
                   "审议案件"]  # fmt: skip
TRANSPORT_HEADERS = ["案号", "违法类别", "车牌号码", "当事人", "身份证号", "案由", "立案日期",
                     "处罚决定书号", "决定日期", "罚款（元）", "送达日期", "结案日期",
                     "执法人员"]  # fmt: skip


def _companies() -> list[tuple[str, str]]:
    from fazhi.shell.scenario.planning import iter_entities

    return [(e.name, e.uscc) for e in iter_entities(SEED, 200) if e.kind == "company"]


def _fines(rng: random.Random, n: int, hearing: set[int]) -> list[Decimal]:
    """n fines (whole thousands, 10,000–500,000 元; the hearing cases above 100,000) summing to
    the report's total."""
    while True:
        fines = [
            Decimal(
                rng.randrange(120, 480) * 1000 if i in hearing else rng.randrange(10, 200) * 1000
            )
            for i in range(n - 1)
        ]
        last = ECOLOGY_TOTAL - sum(fines)
        if Decimal(10000) <= last <= Decimal(300000) and (n - 1) not in hearing:
            return [*fines, last]


def ecology(rng: random.Random) -> tuple[list[list[str]], list[list[str]]]:
    companies = _companies()
    n = 58
    hearing = {3, 11, 19, 27, 40}
    fines = _fines(rng, n, hearing)
    # The city bureau's cases 0–32 are the 33 discussed at the 11 meetings (3 each).
    meetings = [date(2019, m, d) for m, d in ((2, 26), (3, 28), (4, 25), (5, 30), (6, 27),
                                               (7, 25), (8, 29), (9, 26), (10, 31), (11, 28),
                                               (12, 12))]  # fmt: skip
    staff = ["刘建国", "陈志强", "王海燕", "张伟", "李明", "周敏"]
    rows, minutes = [], []
    per_meeting: dict[int, list[str]] = {m: [] for m in range(len(meetings))}
    for i in range(n):
        if i < 33:
            met = meetings[i // 3]
            opened = met - timedelta(days=rng.randrange(20, 45))
            decided = met + timedelta(days=rng.randrange(3, 12))
            unit = "鄂州市生态环境局"
        else:
            opened = date(2019, 1, 7) + timedelta(days=rng.randrange(0, 300))
            decided = opened + timedelta(days=rng.randrange(25, 60))
            unit = "鄂州市生态环境局" if i < 45 else BRANCHES[i % 3]
        hearing_on = decided - timedelta(days=rng.randrange(2, 6)) if i in hearing else None
        if i in hearing and i < 33:
            hearing_on = met - timedelta(days=2)
        served = decided + timedelta(days=rng.randrange(1, 5))
        closed = served + timedelta(days=rng.randrange(10, 40))
        number = f"鄂州环罚〔2019〕{i + 1}号"
        external = f"STHJ-2019-{i + 1:03d}"
        name, uscc = companies[i % len(companies)]
        what, _ = VIOLATIONS[i % len(VIOLATIONS)]
        if i < 33:
            per_meeting[i // 3].append(external)
        rows.append([
            external, unit, f"{name}{what}案", name, uscc, opened.isoformat(), number,
            decided.isoformat(), f"{fines[i]:.2f}", served.isoformat(),
            hearing_on.isoformat() if hearing_on else "",
            closed.isoformat() if closed <= date(2019, 12, 31) else "", staff[i % len(staff)],
        ])  # fmt: skip
    # Decided before the year's end, served in January: not among the decisions of 2019.
    name, uscc = companies[5]
    rows.append([
        "STHJ-2019-059", "鄂州市生态环境局", f"{name}超标排放大气污染物案", name, uscc,
        "2019-11-18", "鄂州环罚〔2019〕59号", "2019-12-27", "60000.00", "2020-01-06", "", "",
        "刘建国",
    ])  # fmt: skip
    for m, held in enumerate(meetings):
        minutes.append([
            held.isoformat(), f"2019年第{m + 1}次环境行政处罚案件审查委员会会议",
            "市生态环境局三楼会议室", "何建华", "王立新、陈志强、李明、张伟", "徐芳（法律顾问）",
            "周敏", "、".join(per_meeting[m]),
        ])  # fmt: skip
    return rows, minutes


def _plate(rng: random.Random, taxi: bool) -> str:
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    if taxi:
        return f"鄂GT{rng.randrange(0, 10000):04d}"
    return f"鄂G{rng.choice(letters)}{rng.randrange(0, 10000):04d}"


def transport(rng: random.Random) -> list[list[str]]:
    from fazhi.core.org.validators import make_id_number
    from fazhi.shell.scenario.planning import name_pools

    people = name_pools(SEED).everyone
    rows = []
    n = 0
    for category, distinct, cases, what, fine in (
        ("出租车违规经营", 144, 160, "巡游出租汽车驾驶员拒载、议价、途中甩客", 500),
        ("非法营运", 78, 85, "未取得道路运输经营许可擅自从事道路客运经营", 10000),
    ):
        plates: list[str] = []
        while len(plates) < distinct:
            p = _plate(rng, category == "出租车违规经营")
            if p not in plates:
                plates.append(p)
        used = plates + [plates[rng.randrange(distinct)] for _ in range(cases - distinct)]
        rng.shuffle(used)
        for plate in used:
            n += 1
            opened = date(2019, 1, 3) + timedelta(days=rng.randrange(0, 340))
            decided = opened + timedelta(days=rng.randrange(5, 20))
            served = decided + timedelta(days=rng.randrange(0, 3))
            birth = date(1965, 1, 1) + timedelta(days=rng.randrange(0, 365 * 30))
            id_number = make_id_number(f"420704{birth:%Y%m%d}{rng.randrange(100, 999)}")
            rows.append([
                f"鄂州交罚〔2019〕{n}号", category, plate, rng.choice(people), id_number,
                what, opened.isoformat(), f"鄂州交运罚字〔2019〕第{n:04d}号", decided.isoformat(),
                str(fine), served.isoformat(), (served + timedelta(days=15)).isoformat(),
                "黄志刚、吴涛",
            ])  # fmt: skip
    return rows


def _write(name: str, headers: list[str], rows: list[list[str]]) -> None:
    with (DATA / name).open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(headers)
        w.writerows(rows)


def main() -> None:
    rng = random.Random(SEED)
    DATA.mkdir(parents=True, exist_ok=True)
    rows, minutes = ecology(rng)
    _write("ecology_penalties.csv", ECOLOGY_HEADERS, rows)
    _write("ecology_meetings.csv", MEETING_HEADERS, minutes)
    _write("transport_penalties.csv", TRANSPORT_HEADERS, transport(rng))


if __name__ == "__main__":
    main()
