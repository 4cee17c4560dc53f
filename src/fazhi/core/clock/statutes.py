"""Statutory periods as data, with dated versions (STATUTES.md §periods).

The version in force on the date that starts the clock applies. Fazhi ships the rules in force
now, each with its effective date; where no earlier version is entered, the earliest entered
value applies to earlier dates and the explanation says so. Each constant below names its
article; the status letters (V/S/U) are those of STATUTES.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .calendar import WorkCalendar
from .periods import Computation, Pause, Period, PeriodKind, Unit, compute, day_after

__all__ = [
    "Lapse",
    "NotBefore",
    "NotInForce",
    "StatutoryPeriod",
    "Version",
    "all_periods",
    "compute_statutory",
    "credit_publication_keys",
    "extension_for",
    "get",
    "keys_with_lapse",
    "not_before_reason",
    "not_before_rules",
    "period_in_force",
    "register",
    "register_not_before",
    "version_in_force",
]

NO_EARLIER_VERSION = "未录入较早版本，适用现行规定"


class NotInForce(ValueError):
    """The rule was not in force on the date that starts the clock (a Chinese message)."""


@dataclass(frozen=True)
class Lapse:
    """What the law makes of a period that runs out without the act (e.g. 视为受理).

    ``as_of`` is the date the consequence takes effect: ``"due"`` (the day the period ends,
    行政复议法 第三十条) or ``"start"`` (the day the clock started, 行政许可法 第三十二条:
    自收到申请材料之日起即为受理).
    """

    consequence: str
    basis: str
    as_of: str = "due"

    def __post_init__(self) -> None:
        if self.as_of not in ("due", "start"):
            raise ValueError(f"届满后果的生效日只能是 due 或 start：{self.as_of!r}")


@dataclass(frozen=True)
class Version:
    """The value of a statutory period from ``effective_from`` until the next version."""

    effective_from: date
    period: Period
    extension: Period | None = None  # the most one approved extension may add, if any
    lapse: Lapse | None = None  # the legal consequence when the period runs out, if any


@dataclass(frozen=True)
class StatutoryPeriod:
    """A period the law sets, its kind (``PeriodKind``) and its dated versions.

    ``in_force_until`` is the last day of a rule that was repealed without a successor under
    the same key; ``before_first`` refuses dates before the first version with that message
    when the rule did not exist then (instead of applying the earliest version with a note).
    """

    key: str
    name: str
    versions: tuple[Version, ...]
    kind: PeriodKind = PeriodKind.ACT
    in_force_until: date | None = None
    before_first: str = ""
    after_last: str = ""

    def __post_init__(self) -> None:
        if not self.versions:
            raise ValueError(f"{self.key}: 至少需要一个版本")
        dates = [v.effective_from for v in self.versions]
        if dates != sorted(dates) or len(set(dates)) != len(dates):
            raise ValueError(f"{self.key}: 版本须按施行日期升序排列且日期不重复")
        object.__setattr__(self, "kind", PeriodKind(self.kind))

    def version_on(self, on: date) -> tuple[Version, str | None]:
        """The version in force on ``on``, and a note when none was entered for that date."""
        first = self.versions[0]
        if self.in_force_until is not None and on > self.in_force_until:
            raise NotInForce(
                f"{self.name}（{self.versions[-1].period.basis}）施行至 "
                f"{self.in_force_until.isoformat()}，不适用于 {on.isoformat()} 起算的期间"
                + (f"；{self.after_last}" if self.after_last else "")
            )
        if on < first.effective_from and self.before_first:
            raise NotInForce(
                f"{self.name}（{first.period.basis}）自 {first.effective_from.isoformat()} "
                f"起施行，不适用于 {on.isoformat()} 起算的期间；{self.before_first}"
            )
        if on < first.effective_from:
            if len(self.versions) == 1:
                note = (
                    f"{NO_EARLIER_VERSION}（{self.name}：{first.period}，{first.period.basis}，"
                    f"自 {first.effective_from.isoformat()} 起施行）"
                )
            else:
                note = (
                    f"未录入较早版本，适用已录入的最早规定（{self.name}：{first.period}，"
                    f"{first.period.basis}，自 {first.effective_from.isoformat()} 起施行）"
                )
            return first, note
        current = first
        for v in self.versions[1:]:
            if v.effective_from <= on:
                current = v
            else:
                break
        return current, None


_REGISTRY: dict[str, StatutoryPeriod] = {}


def register(period: StatutoryPeriod) -> StatutoryPeriod:
    """Add a statutory period; a domain app may register its own (e.g. a provincial setting)."""
    existing = _REGISTRY.get(period.key)
    if existing is not None and existing != period:
        raise ValueError(f"期间 {period.key} 已登记为不同的值")
    _REGISTRY[period.key] = period
    return period


def get(key: str) -> StatutoryPeriod:
    try:
        return _REGISTRY[key]
    except KeyError:
        raise KeyError(f"未登记的法定期间：{key}") from None


def all_periods() -> tuple[StatutoryPeriod, ...]:
    return tuple(_REGISTRY[k] for k in sorted(_REGISTRY))


def version_in_force(key: str, on: date) -> tuple[Version, str | None]:
    return get(key).version_on(on)


def period_in_force(key: str, on: date) -> tuple[Period, str | None]:
    """The period in force on the date that starts the clock, and the note for explanations."""
    version, note = version_in_force(key, on)
    return version.period, note


def keys_with_lapse() -> tuple[str, ...]:
    """The keys one of whose versions declares a consequence on lapse (for the lapse job)."""
    return tuple(k for k, sp in sorted(_REGISTRY.items()) if any(v.lapse for v in sp.versions))


def extension_for(key: str, start: date, amount: int | None = None) -> Period:
    """The extension an approver grants: ``amount`` (the days entered) in the statute's unit,
    at most its cap; ``None`` grants the cap. Refusals name the article, in Chinese."""
    sp = get(key)
    version, _ = sp.version_on(start)
    cap = version.extension
    if cap is None:
        raise ValueError(f"{sp.name}（{version.period.basis}）依法不得延长")
    if amount is None:
        return cap
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 1:
        raise ValueError(f"延长的期间须为正整数：{amount!r}")
    if amount > cap.amount:
        raise ValueError(
            f"延长不得超过 {cap}（{cap.basis or version.period.basis}），"
            f"批准延长的 {Period(amount, cap.unit)} 超过上限"
        )
    return Period(amount, cap.unit, cap.basis)


def compute_statutory(
    key: str,
    start: date,
    *,
    pauses: Sequence[Pause] = (),
    extended: bool = False,
    extension_amount: int | None = None,
    calendar: WorkCalendar | None = None,
) -> Computation:
    """``compute`` with the version in force on ``start`` and the period's kind.

    ``extended`` applies the full extension the statute allows; ``extension_amount`` an
    approved part of it (refused above the cap).
    """
    sp = get(key)
    version, note = sp.version_on(start)
    extension = None
    if extended or extension_amount is not None:
        extension = extension_for(key, start, extension_amount)
    return compute(
        start,
        version.period,
        pauses=pauses,
        extension=extension,
        calendar=calendar,
        notes=(note,) if note else (),
        kind=sp.kind,
    )


# --- "not before": an act that must wait until a period has closed ---------------------------


@dataclass(frozen=True)
class NotBefore:
    """``act`` may not be done until the statutory period ``after`` has closed, i.e. from the
    day after its legal end (after its move past rest days: the party had until then)."""

    act: str
    act_name: str
    after: str
    basis: str


_NOT_BEFORE: dict[str, tuple[NotBefore, ...]] = {}


def register_not_before(rule: NotBefore) -> NotBefore:
    get(rule.after)  # the period it waits for must be declared
    rules = _NOT_BEFORE.get(rule.act, ())
    if rule not in rules:
        _NOT_BEFORE[rule.act] = (*rules, rule)
    return rule


def not_before_rules(act: str) -> tuple[NotBefore, ...]:
    return _NOT_BEFORE.get(act, ())


def not_before_reason(rule: NotBefore, due: date | None, on: date) -> str | None:
    """A Chinese reason when ``on`` is too early for ``rule.act``, given the legal end ``due``
    of the period it waits for (None while that period is suspended); None when allowed."""
    waited = get(rule.after).name
    if due is None:
        return f"{waited}期限中止中，届满前不得{rule.act_name}（{rule.basis}）"
    if on <= due:
        return (
            f"{waited}期限至 {due.isoformat()} 届满，{day_after(due).isoformat()} 起方可"
            f"{rule.act_name}（{rule.basis}）"
        )
    return None


def _declare(
    key: str,
    name: str,
    amount: int,
    unit: Unit,
    basis: str,
    effective_from: date,
    extension: int | None = None,
    *,
    kind: PeriodKind = PeriodKind.ACT,
    lapse: Lapse | None = None,
) -> StatutoryPeriod:
    ext = Period(extension, unit, basis) if extension else None
    version = Version(effective_from, Period(amount, unit, basis), ext, lapse)
    return register(StatutoryPeriod(key, name, (version,), kind))


D, WD, M, Y = Unit.DAYS, Unit.WORKDAYS, Unit.MONTHS, Unit.YEARS
ACT, BURDEN, EARLIEST = PeriodKind.ACT, PeriodKind.BURDEN, PeriodKind.EARLIEST

# --- 行政许可法 (施行2004-07-01; 2019修正未改变下列期间). 第八十二条: 期限以工作日计算 (V) ---
# 第三十二条: 材料不齐全的, 当场或者五日内一次告知需要补正的全部内容; 逾期不告知的,
# 自收到申请材料之日起即为受理 (E2)
LICENSING_MATERIAL_NOTICE = _declare(
    "licensing.material_notice", "许可申请材料补正告知", 5, WD,
    "行政许可法 第三十二条", date(2004, 7, 1),
    lapse=Lapse("视为受理：逾期不告知补正的，自收到申请材料之日起即为受理",
                "行政许可法 第三十二条", as_of="start"),
)  # fmt: skip
# 第四十二条第一款: 受理之日起二十日内作出决定; 本机关负责人批准可延长十日 (E5)
LICENSING_DECISION = _declare(
    "licensing.decision", "行政许可决定", 20, WD,
    "行政许可法 第四十二条", date(2004, 7, 1), extension=10,
)  # fmt: skip
# 第四十二条第二款: 统一、联合、集中办理的不超过四十五日; 本级政府负责人批准可延长十五日 (E6)
LICENSING_JOINT_DECISION = _declare(
    "licensing.joint_decision", "联合办理许可决定", 45, WD,
    "行政许可法 第四十二条第二款", date(2004, 7, 1), extension=15,
)  # fmt: skip
# 第四十三条: 下级行政机关应当在受理之日起二十日内审查完毕 (E7)
LICENSING_LOWER_REVIEW = _declare(
    "licensing.lower_review", "下级机关初审", 20, WD,
    "行政许可法 第四十三条", date(2004, 7, 1),
)  # fmt: skip
# 第四十四条: 作出准予许可决定之日起十日内颁发、送达证件 (E7)
LICENSING_CERTIFICATE = _declare(
    "licensing.certificate", "颁发、送达许可证件", 10, WD,
    "行政许可法 第四十四条", date(2004, 7, 1),
)  # fmt: skip
# 第四十七条: 被告知听证权利之日起五日内提出听证申请 (E9)
LICENSING_HEARING_REQUEST = _declare(
    "licensing.hearing_request", "许可听证申请", 5, WD,
    "行政许可法 第四十七条", date(2004, 7, 1),
)  # fmt: skip
# 第四十七条: 在二十日内组织听证 (E9)
LICENSING_HEARING_ORGANISE = _declare(
    "licensing.hearing_organise", "组织许可听证", 20, WD,
    "行政许可法 第四十七条", date(2004, 7, 1),
)  # fmt: skip

# --- 行政复议法 (2023修订, 施行2024-01-01). 第八十八条: 三日、五日、七日、十日为工作日 (V) ---
# The 1999 law (施行1999-10-01; the 2009 and 2017 amendments left the articles below and their
# numbers unchanged, LawRefBook/Laws 行政复议法(2017-09-01).md) applies to clocks started before
# 2024-01-01. Its 第四十条第二款 makes only "五日"、"七日" working days; its other periods are
# natural days (V). It had no simplified procedure.
_FY1999 = date(1999, 10, 1)
_FY2023 = date(2024, 1, 1)
# 第二十条第一款: 自知道或者应当知道该行政行为之日起六十日内提出申请 (A1);
# 1999年法第九条第一款: 自知道该具体行政行为之日起六十日内提出.
RECONSIDERATION_APPLICATION = register(
    StatutoryPeriod(
        "reconsideration.application",
        "申请行政复议",
        (
            Version(_FY1999, Period(60, D, "行政复议法（1999）第九条")),
            Version(_FY2023, Period(60, D, "行政复议法 第二十条")),
        ),
    )
)
# 第三十条: 收到申请后五日内审查; 审查期限届满未作出不予受理决定的, 自届满之日起视为受理 (A6).
# 1999年法第十七条: 收到申请后五日内审查 (第四十条: 工作日); 除不予受理外, 申请"自行政复议机关负责
# 法制工作的机构收到之日起即为受理": the consequence dates from receipt, not from the lapse.
RECONSIDERATION_ACCEPTANCE_REVIEW = register(
    StatutoryPeriod(
        "reconsideration.acceptance_review",
        "复议申请受理审查",
        (
            Version(
                _FY1999,
                Period(5, WD, "行政复议法（1999）第十七条"),
                lapse=Lapse(
                    "视为受理：五日内未决定不予受理的，自收到申请之日起即为受理",
                    "行政复议法（1999）第十七条第二款",
                    as_of="start",
                ),
            ),
            Version(
                _FY2023,
                Period(5, WD, "行政复议法 第三十条"),
                lapse=Lapse(
                    "视为受理：审查期限届满未作出不予受理决定，自届满之日起视为受理",
                    "行政复议法 第三十条",
                ),
            ),
        ),
    )
)
# 第三十一条: 材料不齐全的, 自收到申请之日起五日内书面通知补正 (A7)
RECONSIDERATION_MATERIAL_NOTICE = _declare(
    "reconsideration.material_notice", "复议申请补正通知", 5, WD,
    "行政复议法 第三十一条", date(2024, 1, 1),
)  # fmt: skip
# 第三十一条: 申请人应当自收到补正通知之日起十日内补正 (A7)
RECONSIDERATION_CORRECTION = _declare(
    "reconsideration.correction", "复议申请人补正", 10, WD,
    "行政复议法 第三十一条", date(2024, 1, 1),
)  # fmt: skip
# 第四十八条: 受理之日起七日内发送申请书副本 (A11); 1999年法第二十三条: 同为七日 (工作日).
RECONSIDERATION_COPY = register(
    StatutoryPeriod(
        "reconsideration.copy_to_respondent",
        "发送复议申请书副本",
        (
            Version(_FY1999, Period(7, WD, "行政复议法（1999）第二十三条")),
            Version(_FY2023, Period(7, WD, "行政复议法 第四十八条")),
        ),
    )
)
# 第四十八条: 被申请人收到副本之日起十日内答复并提交证据、依据 (A11); 第八十八条: 十日为工作日.
# 1999年法第二十三条: 同为十日; 其第四十条第二款只把"五日"、"七日"定为工作日, 十日按自然日
# (LawRefBook/Laws 行政复议法(2017-09-01).md, 2009、2017两次修正未改条文序号) (V).
RECONSIDERATION_REPLY = register(
    StatutoryPeriod(
        "reconsideration.respondent_reply",
        "被申请人答复",
        (
            Version(_FY1999, Period(10, D, "行政复议法（1999）第二十三条")),
            Version(_FY2023, Period(10, WD, "行政复议法 第四十八条")),
        ),
    )
)
_NO_SIMPLIFIED = "2024年1月1日前的行政复议法未规定简易程序"
# 第五十四条: 简易程序, 受理之日起三日内发送副本 (A12)
RECONSIDERATION_SIMPLIFIED_COPY = register(
    StatutoryPeriod(
        "reconsideration.simplified_copy",
        "简易程序发送副本",
        (Version(_FY2023, Period(3, WD, "行政复议法 第五十四条")),),
        before_first=_NO_SIMPLIFIED,
    )
)
# 第五十四条: 简易程序, 被申请人收到副本之日起五日内答复 (A12)
RECONSIDERATION_SIMPLIFIED_REPLY = register(
    StatutoryPeriod(
        "reconsideration.simplified_reply",
        "简易程序被申请人答复",
        (Version(_FY2023, Period(5, WD, "行政复议法 第五十四条")),),
        before_first=_NO_SIMPLIFIED,
    )
)
# 第六十二条第一款: 受理之日起六十日内决定; 复议机构负责人批准可延长, 不超过三十日 (A18).
# 1999年法第三十一条: 同为六十日、延长不超过三十日, 但由行政复议机关的负责人批准.
RECONSIDERATION_DECISION = register(
    StatutoryPeriod(
        "reconsideration.decision",
        "行政复议决定（普通程序）",
        (
            Version(
                _FY1999,
                Period(60, D, "行政复议法（1999）第三十一条"),
                Period(30, D, "行政复议法（1999）第三十一条"),
            ),
            Version(
                _FY2023,
                Period(60, D, "行政复议法 第六十二条"),
                Period(30, D, "行政复议法 第六十二条"),
            ),
        ),
    )
)
# 第六十二条第二款: 简易程序受理之日起三十日内决定, 无延长 (A19). 2024年前无简易程序。
RECONSIDERATION_SIMPLIFIED_DECISION = register(
    StatutoryPeriod(
        "reconsideration.simplified_decision",
        "行政复议决定（简易程序）",
        (Version(_FY2023, Period(30, D, "行政复议法 第六十二条第二款")),),
        before_first=_NO_SIMPLIFIED,
    )
)

# --- 行政处罚法 (2021修订, 施行2021-07-15). 第八十五条: 二日、三日、五日、七日为工作日 (V) ---
# 第六十条: 自立案之日起九十日内作出处罚决定 (B14); 本法未设延长, 行业规定另有规定的从其规定
PENALTY_DECISION = _declare(
    "penalty.decision", "作出行政处罚决定", 90, D,
    "行政处罚法 第六十条", date(2021, 7, 15),
)  # fmt: skip
# 第六十四条: 当事人要求听证的, 应当在行政机关告知后五日内提出 (B16);
# 1996年法第四十二条为"告知后三日内提出", 当时不区分工作日, 按自然日计算。
PENALTY_HEARING_REQUEST = register(
    StatutoryPeriod(
        "penalty.hearing_request",
        "申请处罚听证",
        (
            Version(date(1996, 10, 1), Period(3, D, "行政处罚法（1996）第四十二条")),
            Version(date(2021, 7, 15), Period(5, WD, "行政处罚法 第六十四条")),
        ),
    )
)
# 第四十八条第二款: 决定被变更、撤销、确认违法或无效的, 三日内撤回公开 (B8)
PENALTY_PUBLICITY_WITHDRAWAL = _declare(
    "penalty.publicity_withdrawal", "撤回处罚决定公开", 3, WD,
    "行政处罚法 第四十八条", date(2021, 7, 15),
)  # fmt: skip
# 第五十六条: 先行登记保存的, 七日内及时作出处理决定 (B11). 1996年法第三十七条第二款: 同为
# "七日内及时作出处理决定"; 1996年法没有工作日条款 (第八十五条为2021年新增), 按自然日
# (1996-03-17 文本, 施行1996-10-01; 2009、2017修正未改此两条) (V).
PENALTY_PRESERVATION_DECISION = register(
    StatutoryPeriod(
        "penalty.preservation_decision",
        "先行登记保存处理决定",
        (
            Version(date(1996, 10, 1), Period(7, D, "行政处罚法（1996）第三十七条第二款")),
            Version(date(2021, 7, 15), Period(7, WD, "行政处罚法 第五十六条")),
        ),
    )
)
# 第六十一条: 当事人不在场的, 七日内送达决定书 (B15). 1996年法第四十条: 同为七日, 自然日 (V).
PENALTY_SERVICE = register(
    StatutoryPeriod(
        "penalty.service",
        "送达处罚决定书",
        (
            Version(date(1996, 10, 1), Period(7, D, "行政处罚法（1996）第四十条")),
            Version(date(2021, 7, 15), Period(7, WD, "行政处罚法 第六十一条")),
        ),
    )
)
# 第六十四条: 当事人要求听证的, 应当在行政机关告知后五日内提出. 期间届满前 (当事人仍可要求
# 听证) 不得作出处罚决定: 决定最早在听证申请期限届满次日作出.
PENALTY_DECISION_AFTER_HEARING_WINDOW = register_not_before(
    NotBefore("penalty.decision", "作出行政处罚决定", "penalty.hearing_request",
              "行政处罚法 第六十四条")
)  # fmt: skip
# 第六十七条: 收到决定书之日起十五日内缴纳罚款 (B17); 十五日不在第八十五条之列, 按自然日
PENALTY_PAYMENT = _declare(
    "penalty.payment", "缴纳罚款", 15, D,
    "行政处罚法 第六十七条", date(2021, 7, 15),
)  # fmt: skip

# --- 行政强制法 (施行2012-01-01). 第六十九条: 十日以内的期限为工作日 (V) ---
# 第二十五条: 查封、扣押不得超过三十日; 负责人批准可延长, 不得超过三十日 (C2).
# A burden on the party: its end does not move past rest days.
COERCION_SEIZURE = _declare(
    "coercion.seizure", "查封、扣押期限", 30, D,
    "行政强制法 第二十五条", date(2012, 1, 1), extension=30, kind=BURDEN,
)  # fmt: skip
# 第五十三条: 期限届满之日起三个月内申请人民法院强制执行 (C3)
COERCION_COURT_APPLICATION = _declare(
    "coercion.court_application", "申请法院强制执行", 3, M,
    "行政强制法 第五十三条", date(2012, 1, 1),
)  # fmt: skip

# --- 三项制度 (国办发〔2018〕118号, 2018-12-05印发) (S: 原文未读, 据新京报报道) ---
# 事后公开: 执法决定作出之日起20个工作日内公开执法信息 (D3)
ENFORCEMENT_PUBLICITY = _declare(
    "enforcement.publicity", "执法决定信息公开", 20, WD,
    "国办发〔2018〕118号 事后公开", date(2018, 12, 5),
)  # fmt: skip
# 事后公开: 行政许可、行政处罚的执法决定信息7个工作日内公开 (D3)
ENFORCEMENT_LICENSING_PENALTY_PUBLICITY = _declare(
    "enforcement.licensing_penalty_publicity", "许可、处罚决定信息公开", 7, WD,
    "国办发〔2018〕118号 事后公开", date(2018, 12, 5),
)  # fmt: skip

# --- 双随机、一公开 (国发〔2019〕5号) (S); 企业信息公示暂行条例 第六条 二十个工作日 (V) ---
# 抽查检查结果自检查结束之日起20个工作日内通过国家企业信用信息公示系统公示 (J2, J3)
INSPECTION_RESULT_PUBLICATION = _declare(
    "inspection.result_publication", "抽查检查结果公示", 20, WD,
    "国发〔2019〕5号；企业信息公示暂行条例 第六条", date(2019, 1, 24),
)  # fmt: skip

# --- 政府信息公开条例 (2019修订, 施行2019-05-15); 各条明示工作日 (V) ---
# 第二十六条: 主动公开的信息自形成或者变更之日起20个工作日内公开 (F1)
DISCLOSURE_PROACTIVE = _declare(
    "disclosure.proactive", "主动公开政府信息", 20, WD,
    "政府信息公开条例 第二十六条", date(2019, 5, 15),
)  # fmt: skip
# 第三十条: 申请内容不明确的, 收到申请之日起7个工作日内一次性告知补正 (F2)
DISCLOSURE_REQUEST_CORRECTION_NOTICE = _declare(
    "disclosure_request.correction_notice", "依申请公开补正告知", 7, WD,
    "政府信息公开条例 第三十条", date(2019, 5, 15),
)  # fmt: skip
# 第三十二条: 第三方自收到征求意见书之日起15个工作日内提出意见 (F5)
DISCLOSURE_REQUEST_THIRD_PARTY = _declare(
    "disclosure_request.third_party_opinion", "第三方意见", 15, WD,
    "政府信息公开条例 第三十二条", date(2019, 5, 15),
)  # fmt: skip
# 第三十三条: 收到申请之日起20个工作日内答复; 经负责人同意并告知, 延长不超过20个工作日 (F4)
DISCLOSURE_REQUEST_REPLY = _declare(
    "disclosure_request.reply", "依申请公开答复", 20, WD,
    "政府信息公开条例 第三十三条", date(2019, 5, 15), extension=20,
)  # fmt: skip

# --- 规章制定程序条例 (2017修订, 施行2018-05-01) (V) ---
# 第十五条: 规章草案向社会公布征求意见, 期限一般不少于30日 (H1): the earliest date the
# consultation may close.
RULEMAKING_CONSULTATION = _declare(
    "rulemaking.consultation", "规章草案公开征求意见", 30, D,
    "规章制定程序条例 第十五条", date(2018, 5, 1), kind=EARLIEST,
)  # fmt: skip
# 第三十二条: 规章应当自公布之日起30日后施行 (H2): the earliest effective date; not moved.
RULEMAKING_EFFECTIVE = _declare(
    "rulemaking.effective", "规章公布后施行", 30, D,
    "规章制定程序条例 第三十二条", date(2018, 5, 1), kind=EARLIEST,
)  # fmt: skip
# 第三十四条 with 立法法: 公布后30日内报送备案 (H3). 立法法 2015修正 (施行2015-03-15) 第九十八条,
# 2023修正 (施行2023-03-15) 第一百零九条: the article by the version in force on publication (V).
RULEMAKING_FILING = register(
    StatutoryPeriod(
        "rulemaking.filing",
        "规章报送备案",
        (
            Version(
                date(2018, 5, 1),
                Period(30, D, "规章制定程序条例 第三十四条；立法法（2015）第九十八条"),
            ),
            Version(
                date(2023, 3, 15),
                Period(30, D, "规章制定程序条例 第三十四条；立法法 第一百零九条"),
            ),
        ),
    )
)

# --- 重大行政决策程序暂行条例 (施行2019-09-01) (V) ---
# 第十五条: 公开征求意见的期限一般不少于30日 (G2): the earliest date it may close.
DECISIONS_CONSULTATION = _declare(
    "decisions.consultation", "重大行政决策公开征求意见", 30, D,
    "重大行政决策程序暂行条例 第十五条", date(2019, 9, 1), kind=EARLIEST,
)  # fmt: skip

# --- 行政诉讼法 (2014修正, 施行2015-05-01) (V) ---
# 第六十七条: 被告收到起诉状副本之日起十五日内提交证据、依据并提出答辩状 (L3)
LITIGATION_DEFENCE = _declare(
    "litigation.defence", "行政应诉答辩举证", 15, D,
    "行政诉讼法 第六十七条", date(2015, 5, 1),
)  # fmt: skip
# 第四十五条: 收到复议决定书之日起十五日内起诉 (L4)
LITIGATION_AFTER_RECONSIDERATION = _declare(
    "litigation.after_reconsideration", "复议后起诉", 15, D,
    "行政诉讼法 第四十五条", date(2015, 5, 1),
)  # fmt: skip
# 第八十五条: 不服判决的, 判决书送达之日起十五日内上诉 (L5)
LITIGATION_APPEAL_JUDGMENT = _declare(
    "litigation.appeal_judgment", "不服判决上诉", 15, D,
    "行政诉讼法 第八十五条", date(2015, 5, 1),
)  # fmt: skip
# 第八十五条: 不服裁定的, 裁定书送达之日起十日内上诉 (L5)
LITIGATION_APPEAL_RULING = _declare(
    "litigation.appeal_ruling", "不服裁定上诉", 10, D,
    "行政诉讼法 第八十五条", date(2015, 5, 1),
)  # fmt: skip

# --- 信用修复 (K3, K5; S: 条文序号未核, 故只注办法名称) ---
# 2023: 失信行为纠正后的信用信息修复管理办法（试行）(国家发展改革委令2023年第58号, 施行
# 2023-05-01, 施行至2026-03-31). Publication of penalty information is by FIELD, not severity:
# 最短公示期三个月、最长三年; 食品、药品、特种设备、安全生产、消防领域最短一年 (S: the NDRC's
# 令 as reprinted by local credit offices). 起点以行政处罚作出时间为准.
# 2026: 信用修复管理办法 (国家发展改革委令2025年第36号, 施行2026-04-01, 废止第58号令): by
# SEVERITY: 轻微原则上不公示, 确有必要的最长3个月; 一般最短3个月、最长1年; 严重最短1年、最长3年;
# 自文书认定之日起算; 最长期满自动停止 (S).
# A minimum publication period is an earliest date (repair may be applied for from then); a
# maximum is a burden on the party: neither moves past rest days.
_CREDIT_2023 = date(2023, 5, 1)
_CREDIT_2023_LAST_DAY = date(2026, 3, 31)
_CREDIT_2026 = date(2026, 4, 1)
_BASIS_2023 = "失信行为纠正后的信用信息修复管理办法（试行）（国家发展改革委令2023年第58号）"
_BASIS_2026 = "信用修复管理办法（国家发展改革委令2025年第36号）"
# 58号令: the fields whose penalty information is published for at least one year.
CREDIT_FIELDS_2023 = ("食品", "药品", "特种设备", "安全生产", "消防")
CREDIT_SEVERITIES_2026 = ("minor", "general", "serious")
_USE_2026 = "2026-04-01 起按失信严重程度适用 credit.repair.minor/general/serious.*（36号令）"
_USE_2023 = "2026-04-01 前按领域适用 credit.repair.field/other.*（58号令）"


def _credit(
    key: str, name: str, amount: int, unit: Unit, kind: PeriodKind, regime: int
) -> StatutoryPeriod:
    if regime == 2023:
        version = Version(_CREDIT_2023, Period(amount, unit, _BASIS_2023))
        sp = StatutoryPeriod(
            key, name, (version,), kind, in_force_until=_CREDIT_2023_LAST_DAY,
            before_first="58号令施行前的公示期限未录入", after_last=_USE_2026,
        )  # fmt: skip
    else:
        version = Version(_CREDIT_2026, Period(amount, unit, _BASIS_2026))
        sp = StatutoryPeriod(key, name, (version,), kind, before_first=_USE_2023)
    return register(sp)


# 2023 (58号令), by field.
CREDIT_REPAIR_FIELD_MIN = _credit(
    "credit.repair.field.min", "行政处罚信息最短公示期（食品、药品、特种设备、安全生产、消防领域）",
    1, Y, EARLIEST, 2023,
)  # fmt: skip
CREDIT_REPAIR_FIELD_MAX = _credit(
    "credit.repair.field.max", "行政处罚信息最长公示期（食品、药品、特种设备、安全生产、消防领域）",
    3, Y, BURDEN, 2023,
)  # fmt: skip
CREDIT_REPAIR_OTHER_MIN = _credit(
    "credit.repair.other.min", "行政处罚信息最短公示期（其他领域）", 3, M, EARLIEST, 2023
)
CREDIT_REPAIR_OTHER_MAX = _credit(
    "credit.repair.other.max", "行政处罚信息最长公示期（其他领域）", 3, Y, BURDEN, 2023
)
# 2026 (36号令), by severity.
CREDIT_REPAIR_MINOR_MAX = _credit(
    "credit.repair.minor.max", "轻微失信信息最长公示期", 3, M, BURDEN, 2026
)
CREDIT_REPAIR_GENERAL_MIN = _credit(
    "credit.repair.general.min", "一般失信信息最短公示期", 3, M, EARLIEST, 2026
)
CREDIT_REPAIR_GENERAL_MAX = _credit(
    "credit.repair.general.max", "一般失信信息最长公示期", 1, Y, BURDEN, 2026
)
CREDIT_REPAIR_SERIOUS_MIN = _credit(
    "credit.repair.serious.min", "严重失信信息最短公示期", 1, Y, EARLIEST, 2026
)
CREDIT_REPAIR_SERIOUS_MAX = _credit(
    "credit.repair.serious.max", "严重失信信息最长公示期", 3, Y, BURDEN, 2026
)


def credit_publication_keys(
    decided_on: date, *, field: str | None = None, severity: str | None = None
) -> tuple[str | None, str]:
    """The (minimum, maximum) publication period keys for information decided on
    ``decided_on``: by field under the 2023 measures, by severity from 2026-04-01.

    A minor entry has no minimum (36号令: 履行完毕即可申请修复), so its minimum key is None.
    """
    if decided_on < _CREDIT_2026:
        if decided_on < _CREDIT_2023:
            raise NotInForce(
                f"{decided_on.isoformat()} 早于58号令施行日 2023-05-01，公示期限未录入"
            )
        group = "field" if field in CREDIT_FIELDS_2023 else "other"
        return f"credit.repair.{group}.min", f"credit.repair.{group}.max"
    if severity not in CREDIT_SEVERITIES_2026:
        raise ValueError(
            "2026-04-01 起公示期限按失信严重程度确定（信用修复管理办法，国家发展改革委令2025年"
            "第36号），请注明轻微（minor）、一般（general）或严重（serious）"
        )
    if severity == "minor":
        return None, "credit.repair.minor.max"
    return f"credit.repair.{severity}.min", f"credit.repair.{severity}.max"
