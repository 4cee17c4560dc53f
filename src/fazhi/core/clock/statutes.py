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
from .periods import Computation, Pause, Period, Unit, compute

__all__ = [
    "StatutoryPeriod",
    "Version",
    "all_periods",
    "compute_statutory",
    "get",
    "period_in_force",
    "register",
    "version_in_force",
]

NO_EARLIER_VERSION = "未录入较早版本，适用现行规定"


@dataclass(frozen=True)
class Version:
    """The value of a statutory period from ``effective_from`` until the next version."""

    effective_from: date
    period: Period
    extension: Period | None = None  # the most one approved extension may add, if any


@dataclass(frozen=True)
class StatutoryPeriod:
    key: str
    name: str
    versions: tuple[Version, ...]

    def __post_init__(self) -> None:
        if not self.versions:
            raise ValueError(f"{self.key}: 至少需要一个版本")
        dates = [v.effective_from for v in self.versions]
        if dates != sorted(dates) or len(set(dates)) != len(dates):
            raise ValueError(f"{self.key}: 版本须按施行日期升序排列且日期不重复")

    def version_on(self, on: date) -> tuple[Version, str | None]:
        """The version in force on ``on``, and a note when none was entered for that date."""
        first = self.versions[0]
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


def compute_statutory(
    key: str,
    start: date,
    *,
    pauses: Sequence[Pause] = (),
    extended: bool = False,
    calendar: WorkCalendar | None = None,
) -> Computation:
    """``compute`` with the version in force on ``start``; ``extended`` applies its extension."""
    sp = get(key)
    version, note = sp.version_on(start)
    if extended and version.extension is None:
        raise ValueError(f"{sp.name}（{version.period.basis}）依法不得延长")
    return compute(
        start,
        version.period,
        pauses=pauses,
        extension=version.extension if extended else None,
        calendar=calendar,
        notes=(note,) if note else (),
    )


def _declare(
    key: str,
    name: str,
    amount: int,
    unit: Unit,
    basis: str,
    effective_from: date,
    extension: int | None = None,
) -> StatutoryPeriod:
    ext = Period(extension, unit, basis) if extension else None
    version = Version(effective_from, Period(amount, unit, basis), ext)
    return register(StatutoryPeriod(key, name, (version,)))


D, WD, M, Y = Unit.DAYS, Unit.WORKDAYS, Unit.MONTHS, Unit.YEARS

# --- 行政许可法 (施行2004-07-01; 2019修正未改变下列期间). 第八十二条: 期限以工作日计算 (V) ---
# 第三十二条: 材料不齐全的, 当场或者五日内一次告知需要补正的全部内容 (E2)
LICENSING_MATERIAL_NOTICE = _declare(
    "licensing.material_notice", "许可申请材料补正告知", 5, WD,
    "行政许可法 第三十二条", date(2004, 7, 1),
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
# 第二十条第一款: 自知道或者应当知道该行政行为之日起六十日内提出申请 (A1)
RECONSIDERATION_APPLICATION = _declare(
    "reconsideration.application", "申请行政复议", 60, D,
    "行政复议法 第二十条", date(2024, 1, 1),
)  # fmt: skip
# 第三十条: 收到申请后五日内审查, 期满未决定的视为受理 (A6)
RECONSIDERATION_ACCEPTANCE_REVIEW = _declare(
    "reconsideration.acceptance_review", "复议申请受理审查", 5, WD,
    "行政复议法 第三十条", date(2024, 1, 1),
)  # fmt: skip
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
# 第四十八条: 受理之日起七日内发送申请书副本 (A11)
RECONSIDERATION_COPY = _declare(
    "reconsideration.copy_to_respondent", "发送复议申请书副本", 7, WD,
    "行政复议法 第四十八条", date(2024, 1, 1),
)  # fmt: skip
# 第四十八条: 被申请人收到副本之日起十日内答复并提交证据、依据 (A11)
RECONSIDERATION_REPLY = _declare(
    "reconsideration.respondent_reply", "被申请人答复", 10, WD,
    "行政复议法 第四十八条", date(2024, 1, 1),
)  # fmt: skip
# 第五十四条: 简易程序, 受理之日起三日内发送副本 (A12)
RECONSIDERATION_SIMPLIFIED_COPY = _declare(
    "reconsideration.simplified_copy", "简易程序发送副本", 3, WD,
    "行政复议法 第五十四条", date(2024, 1, 1),
)  # fmt: skip
# 第五十四条: 简易程序, 被申请人收到副本之日起五日内答复 (A12)
RECONSIDERATION_SIMPLIFIED_REPLY = _declare(
    "reconsideration.simplified_reply", "简易程序被申请人答复", 5, WD,
    "行政复议法 第五十四条", date(2024, 1, 1),
)  # fmt: skip
# 第六十二条第一款: 受理之日起六十日内决定; 复议机构负责人批准可延长, 不超过三十日 (A18)
RECONSIDERATION_DECISION = _declare(
    "reconsideration.decision", "行政复议决定（普通程序）", 60, D,
    "行政复议法 第六十二条", date(2024, 1, 1), extension=30,
)  # fmt: skip
# 第六十二条第二款: 简易程序受理之日起三十日内决定, 无延长 (A19). 2024年前无简易程序。
RECONSIDERATION_SIMPLIFIED_DECISION = _declare(
    "reconsideration.simplified_decision", "行政复议决定（简易程序）", 30, D,
    "行政复议法 第六十二条第二款", date(2024, 1, 1),
)  # fmt: skip

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
# 第五十六条: 先行登记保存的, 七日内及时作出处理决定 (B11)
PENALTY_PRESERVATION_DECISION = _declare(
    "penalty.preservation_decision", "先行登记保存处理决定", 7, WD,
    "行政处罚法 第五十六条", date(2021, 7, 15),
)  # fmt: skip
# 第六十一条: 当事人不在场的, 七日内送达决定书 (B15)
PENALTY_SERVICE = _declare(
    "penalty.service", "送达处罚决定书", 7, WD,
    "行政处罚法 第六十一条", date(2021, 7, 15),
)  # fmt: skip
# 第六十七条: 收到决定书之日起十五日内缴纳罚款 (B17); 十五日不在第八十五条之列, 按自然日
PENALTY_PAYMENT = _declare(
    "penalty.payment", "缴纳罚款", 15, D,
    "行政处罚法 第六十七条", date(2021, 7, 15),
)  # fmt: skip

# --- 行政强制法 (施行2012-01-01). 第六十九条: 十日以内的期限为工作日 (V) ---
# 第二十五条: 查封、扣押不得超过三十日; 负责人批准可延长, 不得超过三十日 (C2)
COERCION_SEIZURE = _declare(
    "coercion.seizure", "查封、扣押期限", 30, D,
    "行政强制法 第二十五条", date(2012, 1, 1), extension=30,
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
# 第十五条: 规章草案向社会公布征求意见, 期限一般不少于30日 (H1)
RULEMAKING_CONSULTATION = _declare(
    "rulemaking.consultation", "规章草案公开征求意见", 30, D,
    "规章制定程序条例 第十五条", date(2018, 5, 1),
)  # fmt: skip
# 第三十二条: 规章应当自公布之日起30日后施行 (H2)
RULEMAKING_EFFECTIVE = _declare(
    "rulemaking.effective", "规章公布后施行", 30, D,
    "规章制定程序条例 第三十二条", date(2018, 5, 1),
)  # fmt: skip
# 第三十四条; 立法法 第一百零九条: 公布之日起30日内报送备案 (H3)
RULEMAKING_FILING = _declare(
    "rulemaking.filing", "规章报送备案", 30, D,
    "规章制定程序条例 第三十四条；立法法 第一百零九条", date(2018, 5, 1),
)  # fmt: skip

# --- 重大行政决策程序暂行条例 (施行2019-09-01) (V) ---
# 第十五条: 公开征求意见的期限一般不少于30日 (G2)
DECISIONS_CONSULTATION = _declare(
    "decisions.consultation", "重大行政决策公开征求意见", 30, D,
    "重大行政决策程序暂行条例 第十五条", date(2019, 9, 1),
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

# --- 信用修复 (K3, K5; S: 条文序号未核) ---
# 2023: 失信行为纠正后的信用信息修复管理办法（试行）(国家发展改革委令2023年第58号); 施行日期
# 2023-05-01 未在 STATUTES.md 核对 (U). 行政处罚信息最短公示3个月、最长3年; 部分领域最短1年。
# 2026: 信用修复管理办法 (国家发展改革委令2025年第36号, 施行2026-04-01, 废止第58号令):
# 轻微原则上不公示, 确有必要的最长3个月; 一般最短3个月、最长1年; 严重最短1年、最长3年;
# 自文书认定之日起算。
_CREDIT_2023 = date(2023, 5, 1)
_CREDIT_2026 = date(2026, 4, 1)
_BASIS_2023 = "失信行为纠正后的信用信息修复管理办法（试行）（国家发展改革委令2023年第58号）"
_BASIS_2026 = "信用修复管理办法（国家发展改革委令2025年第36号）"


def _credit(key: str, name: str, *versions: tuple[date, int, Unit, str]) -> StatutoryPeriod:
    return register(
        StatutoryPeriod(
            key, name, tuple(Version(d, Period(a, u, basis)) for d, a, u, basis in versions)
        )
    )


CREDIT_REPAIR_MINOR_MAX = _credit(
    "credit.repair.minor.max", "轻微失信信息最长公示期",
    (_CREDIT_2026, 3, M, _BASIS_2026),
)  # fmt: skip
CREDIT_REPAIR_GENERAL_MIN = _credit(
    "credit.repair.general.min", "一般失信信息最短公示期",
    (_CREDIT_2023, 3, M, _BASIS_2023), (_CREDIT_2026, 3, M, _BASIS_2026),
)  # fmt: skip
CREDIT_REPAIR_GENERAL_MAX = _credit(
    "credit.repair.general.max", "一般失信信息最长公示期",
    (_CREDIT_2023, 3, Y, _BASIS_2023), (_CREDIT_2026, 1, Y, _BASIS_2026),
)  # fmt: skip
CREDIT_REPAIR_SERIOUS_MIN = _credit(
    "credit.repair.serious.min", "严重失信信息最短公示期",
    (_CREDIT_2023, 1, Y, _BASIS_2023), (_CREDIT_2026, 1, Y, _BASIS_2026),
)  # fmt: skip
CREDIT_REPAIR_SERIOUS_MAX = _credit(
    "credit.repair.serious.max", "严重失信信息最长公示期",
    (_CREDIT_2023, 3, Y, _BASIS_2023), (_CREDIT_2026, 3, Y, _BASIS_2026),
)  # fmt: skip
