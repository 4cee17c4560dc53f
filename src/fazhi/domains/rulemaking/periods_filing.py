"""The periods of filing (备案) and of normative documents' validity (STATUTES.md H3, H4, I5).

Declared with their articles through the clock's statutes, in force from the date of the text
that sets them; the values STATUTES.md marks as local settings (I5: the filing period of a
normative document, its validity period, the evaluation before expiry) are read from settings
with the common value as default, so a province changes its setting, not the code.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

from fazhi.core.clock import statutes
from fazhi.core.clock.periods import Period, Unit, add_months

D, M = Unit.DAYS, Unit.MONTHS

# H3: 规章应当自公布之日起30日内，由法制机构依照立法法和《法规规章备案条例》的规定向有关机关备案
# (规章制定程序条例 2017修订, 施行2018-05-01, 第三十四条).
RULE_FILING = statutes.register(
    statutes.StatutoryPeriod(
        "rulemaking.rule_filing",
        "规章报送备案",
        (statutes.Version(date(2018, 5, 1), Period(30, D, "规章制定程序条例 第三十四条")),),
    )
).key

# H4: 暂缓办理备案登记的，制定机关应当自收到通知之日起15日内按照要求补充或者重新报送备案
# (法规规章备案审查条例, 施行2024-11-01, 第九条第二款; the 2001 条例 第七条 set no period, so
# for earlier notices the clock applies the current value and says so).
RESUBMIT = statutes.register(
    statutes.StatutoryPeriod(
        "rulemaking.filing_resubmit",
        "暂缓登记后补充或重新报送备案",
        (statutes.Version(date(2024, 11, 1), Period(15, D, "法规规章备案审查条例 第九条第二款")),),
    )
).key

# H4: 制定机关应当自接到纠正通知之日起30日内，将处理情况报备案审查工作机构 (法规规章备案条例
# 第十七条 until 2024-10-31; 法规规章备案审查条例 第二十一条 from 2024-11-01).
CORRECTION_REPORT = statutes.register(
    statutes.StatutoryPeriod(
        "rulemaking.correction_report",
        "报告纠正处理情况",
        (
            statutes.Version(date(2002, 1, 1), Period(30, D, "法规规章备案条例 第十七条")),
            statutes.Version(date(2024, 11, 1), Period(30, D, "法规规章备案审查条例 第二十一条")),
        ),
    )
).key

# H4: 每年1月31日前将上一年所制定的法规、规章目录报备案审查工作机构 (法规规章备案审查条例
# 第二十二条). Counted as one month from 31 December of the year, which ends on 31 January.
ANNUAL_CATALOGUE = statutes.register(
    statutes.StatutoryPeriod(
        "rulemaking.annual_catalogue",
        "报送上一年规章目录",
        (statutes.Version(date(2024, 11, 1), Period(1, M, "法规规章备案审查条例 第二十二条")),),
    )
).key

# I5, a local setting: the filing period of a normative document (observed 3 working days, 10
# days, 30 days). 国办发〔2018〕37号 requires the filing and leaves the period to local rules.
NORMATIVE_BASIS = "国办发〔2018〕37号"
DEFAULT_NORMATIVE_FILING = (30, "days")


def _normative_period() -> Period:
    amount, unit = getattr(settings, "FAZHI_NORMATIVE_FILING_PERIOD", DEFAULT_NORMATIVE_FILING)
    return Period(int(amount), Unit(unit), f"{NORMATIVE_BASIS}（备案时限为本地规定的设置）")


NORMATIVE_FILING = statutes.register(
    statutes.StatutoryPeriod(
        "rulemaking.normative_filing",
        "行政规范性文件报送备案",
        (statutes.Version(date(2018, 5, 16), _normative_period()),),
    )
).key

# I5, local settings: a normative document is valid 5 years (暂行、试行 2 years) unless it says
# otherwise; it is evaluated six months before it expires.
DEFAULT_VALIDITY_YEARS = 5
DEFAULT_PROVISIONAL_YEARS = 2
DEFAULT_EVALUATE_MONTHS = 6
VALIDITY_BASIS = f"{NORMATIVE_BASIS}（有效期为本地规定的设置）"


def validity_years(title: str) -> int:
    """The validity period of a normative document with this title, in years (暂行、试行: the
    shorter period)."""
    if "暂行" in title or "试行" in title:
        return int(
            getattr(settings, "FAZHI_NORMATIVE_PROVISIONAL_YEARS", DEFAULT_PROVISIONAL_YEARS)
        )
    return int(getattr(settings, "FAZHI_NORMATIVE_VALIDITY_YEARS", DEFAULT_VALIDITY_YEARS))


def evaluation_due(valid_until: date) -> date:
    """The date the evaluation before expiry is due: the setting's months before the last day."""
    months = int(getattr(settings, "FAZHI_NORMATIVE_EVALUATE_MONTHS", DEFAULT_EVALUATE_MONTHS))
    return add_months(valid_until, -months)
