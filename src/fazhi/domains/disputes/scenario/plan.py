"""The plan of the reconsideration history of the Ezhou 2019 scenario: pure data from the seed.

The seed report (section 五) says: 86 applications received in 2019, 80 accepted (6 not), 81
concluded including 10 accepted in 2018 — 37 upheld, 10 revoked, 4 mediated, 21 withdrawn, 3
applications dismissed, 6 ordered to perform — so 9 accepted in 2019 were pending at year end.
Every case gets the business date of each of its steps, drawn within the periods of the 1999
law (as amended in 2009 and 2017) that applied then, computed by the clock — so no case is
decided before its acceptance and none is late.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from fazhi.core.clock import statutes
from fazhi.core.clock.calendar import get_calendar
from fazhi.shell.scenario.planning import rng_for

CARRIED_OVER = 10  # accepted in 2018, concluded in 2019
RECEIVED_2019 = 86
NOT_ACCEPTED = 6
PENDING = 9  # accepted in 2019, still open on 2019-12-31
DEEMED = 4  # accepted by the law (1999年法第十七条第二款) rather than by the handler
EXTENDED = 5  # decided within an approved extension (1999年法第三十一条)
SETTLED = 5  # of the withdrawals, those after a settlement (和解)
# The outcomes of the 81 concluded cases: (kind, value, count).
CONCLUSIONS = (
    ("decide", "uphold", 37),
    ("decide", "revoke", 10),
    ("mediate", "mediate", 4),
    ("withdraw", "withdrawn", 21),
    ("dismiss", "application_dismissed", 3),
    ("decide", "order_performance", 6),
)
YEAR_END = date(2019, 12, 31)

# The respondent departments (org unit code suffix of 420700-), the clerk persona who answers
# for each, its weight, and the kinds of act complained of.
RESPONDENTS: tuple[tuple[str, str, int, tuple[str, ...]], ...] = (
    ("SCJG", "scjg_clerk", 5, ("行政处罚决定（罚款）", "投诉举报处理答复", "政府信息公开答复")),
    ("GAJ", "gaj_clerk", 4, ("治安管理处罚决定（行政拘留）", "道路交通安全违法行为处罚决定")),
    (
        "ZRZYGHJ",
        "zrzy_clerk",
        3,
        (
            "不动产登记行为",
            "责令限期拆除违法建设决定",
            "集体土地征收补偿安置决定",
            "林地权属争议处理决定",
        ),
    ),
    ("RSJ", "rsj_clerk", 3, ("工伤认定决定", "劳动保障监察投诉处理", "养老保险待遇核定决定")),
    (
        "ZJJ",
        "zjj_clerk",
        2,
        ("住房保障资格审核决定", "建设工程行政处罚决定", "建筑工程施工许可决定"),
    ),
    ("JTYSJ", "jtys_clerk", 1, ("出租汽车违规经营行政处罚决定",)),
    ("STHJ", "sthj_clerk", 1, ("环境违法行为行政处罚决定",)),
    ("ZHZFZD", "zhzf_clerk", 1, ("占道经营行政处罚决定",)),
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
TRADES = ("商贸", "建材", "餐饮", "物流", "置业", "食品", "运输", "药房", "科技", "农业")
NOT_ACCEPTED_REASONS = (
    "申请事项属于信访事项，不属于行政复议范围（行政复议法（1999）第六条）",
    "申请人已就同一具体行政行为向人民法院提起行政诉讼，人民法院已经依法受理（第十六条第二款）",
    "申请人与被申请复议的具体行政行为没有利害关系（第十条）",
)
DISMISS_REASONS = "受理后发现申请人与被申请复议的具体行政行为没有利害关系，驳回行政复议申请"
WITHDRAW_REASONS = (
    "申请人书面申请撤回行政复议申请，经说明理由，准予撤回（行政复议法（1999）第二十五条）"
)
DECISION_REASONS = {
    "uphold": "具体行政行为认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当",
    "revoke": "具体行政行为主要事实不清、证据不足",
    "order_performance": "被申请人不履行法定职责，责令其在法定期限内履行",
}


@dataclass
class CaseSpec:
    """One application and the business date of each of its steps (None: not taken)."""

    serial: int
    respondent: str  # code suffix
    clerk: str
    act: str
    applicant: str
    knew_on: date
    received_on: date
    accept_on: date | None = None
    deemed: bool = False
    not_accept_on: date | None = None
    not_accept_reasons: str = ""
    copy_on: date | None = None
    reply_on: date | None = None
    extend_on: date | None = None
    settle_on: date | None = None
    end: str = ""  # decide / mediate / withdraw / dismiss, or "" while pending
    outcome: str = ""
    end_on: date | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.applicant}不服{self.act}申请行政复议（第{self.serial:03d}号）"


def _due(key: str, start: date, extended: bool = False) -> date:
    due = statutes.compute_statutory(key, start, extended=extended).due
    assert due is not None
    return due


def _between(rng: random.Random, first: date, last: date) -> date:
    """A working day between ``first`` and ``last`` (both included; ``first`` if none)."""
    cal = get_calendar()
    days = [
        d
        for d in (first + timedelta(days=i) for i in range((last - first).days + 1))
        if cal.is_workday(d)
    ]
    return rng.choice(days) if days else first


def _workday_after(d: date, n: int = 1) -> date:
    return get_calendar().add_workdays(d, n)


def _applicant(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return f"{rng.choice(SURNAMES)}某{rng.choice('某甲乙丙丁')}"
    return f"鄂州市{rng.choice(TRADES)}有限公司（{rng.randint(1, 99):02d}）"


def _receipt_days(rng: random.Random, first: date, last: date, count: int) -> list[date]:
    return sorted(_between(rng, first, last) for _ in range(count))


def _walk_accepted(rng: random.Random, spec: CaseSpec, extended: bool) -> date:
    """Acceptance, copy and reply within their periods; returns the decision's last day."""
    review_due = _due("reconsideration.acceptance_review", spec.received_on)
    if spec.deemed:
        # 1999年法第十七条第二款: accepted as of receipt; the copy goes out after the lapse.
        spec.accept_on = spec.received_on
        spec.copy_on = _workday_after(review_due, 1)
    else:
        spec.accept_on = _between(rng, _workday_after(spec.received_on), review_due)
        copy_due = _due("reconsideration.copy_to_respondent", spec.accept_on)
        spec.copy_on = _between(rng, _workday_after(spec.accept_on), copy_due)
    assert spec.copy_on <= _due("reconsideration.copy_to_respondent", spec.accept_on)
    reply_due = _due("reconsideration.respondent_reply", spec.copy_on)
    spec.reply_on = _between(rng, _workday_after(spec.copy_on, 2), reply_due)
    return _due("reconsideration.decision", spec.accept_on, extended=extended)


def plan(seed: int) -> list[CaseSpec]:
    rng = rng_for(seed, "disputes")
    respondents = [r for r in RESPONDENTS for _ in range(r[2])]
    specs: list[CaseSpec] = []

    def new(received: date) -> CaseSpec:
        code, clerk, _, acts = rng.choice(respondents)
        knew = received - timedelta(days=rng.randint(5, 50))  # within the 60 days of 第九条
        spec = CaseSpec(
            len(specs) + 1, code, clerk, rng.choice(acts), _applicant(rng), knew, received
        )
        specs.append(spec)
        return spec

    # The conclusions, shuffled over the 81 cases that end in 2019; a few extended and a few
    # withdrawals after a settlement.
    ends = [(kind, value) for kind, value, n in CONCLUSIONS for _ in range(n)]
    rng.shuffle(ends)
    decided = [i for i, (kind, _) in enumerate(ends) if kind == "decide"]
    extended = set(rng.sample(decided, EXTENDED))
    withdrawn = [i for i, (kind, _) in enumerate(ends) if kind == "withdraw"]
    settled = set(rng.sample(withdrawn, SETTLED))

    concluded: list[CaseSpec] = []
    # 10 accepted late in 2018 (decision due in 2019), concluded in 2019.
    for received in _receipt_days(rng, date(2018, 11, 5), date(2018, 12, 14), CARRIED_OVER):
        concluded.append(new(received))
    # 86 received in 2019: 6 not accepted, 9 pending at the year's end, 71 concluded.
    early = _receipt_days(rng, date(2019, 1, 2), date(2019, 10, 18), RECEIVED_2019 - PENDING)
    late = _receipt_days(rng, date(2019, 11, 4), date(2019, 12, 6), PENDING)
    refused = set(rng.sample(range(len(early)), NOT_ACCEPTED))
    deemed = set(rng.sample(sorted(set(range(len(early))) - refused), DEEMED))
    for i, received in enumerate(early):
        spec = new(received)
        if i in refused:
            review_due = _due("reconsideration.acceptance_review", received)
            spec.not_accept_on = _between(rng, _workday_after(received), review_due)
            spec.not_accept_reasons = rng.choice(NOT_ACCEPTED_REASONS)
            continue
        spec.deemed = i in deemed
        concluded.append(spec)
    for received in late:
        _walk_accepted(rng, new(received), extended=False)
    assert len(concluded) == len(ends)

    for i, (spec, (kind, value)) in enumerate(zip(concluded, ends, strict=True)):
        last = _walk_accepted(rng, spec, extended=i in extended)
        assert spec.reply_on is not None and spec.accept_on is not None
        first = _workday_after(spec.reply_on, 3)
        if spec.received_on.year == 2018:
            first = max(first, date(2019, 1, 2))  # concluded in 2019
        if i in extended:
            plain = _due("reconsideration.decision", spec.accept_on)
            spec.extend_on = _between(rng, plain - timedelta(days=10), plain - timedelta(days=2))
            first = max(first, _workday_after(plain))
        elif kind != "decide" and spec.received_on.year == 2019:
            # Withdrawals, mediations and dismissals come sooner than decisions.
            last = min(last, spec.accept_on + timedelta(days=45))
        spec.end, spec.outcome = kind, value
        if value == "order_performance":
            # 责令履行 answers an omission: what was complained of is the duty not performed.
            spec.act = "未依申请履行查处违法行为的法定职责"
        spec.end_on = _between(rng, first, min(last, YEAR_END))
        if i in settled:
            spec.settle_on = _between(rng, spec.reply_on, spec.end_on - timedelta(days=1))
        assert spec.end_on <= last and spec.end_on >= spec.reply_on
    return specs
