"""The rules (一细则) that are law or local settings, each with its source.

- Results are published within 20 working days of the inspection's end (国发〔2019〕5号, as read
  in STATUTES.md J2 — secondary source; 企业信息公示暂行条例 第六条/第七条 (2014), J3: 涉企信息
  自产生之日起二十个工作日内公示). Declared here as the domain's period; the foundation's
  ``inspection.result_publication`` states the same value.
- Ratios per risk class are integer per mille, per province (国市监信发〔2022〕6号 and local rules,
  J4: e.g. A ≤ 5 %, D 61–100 %); the defaults below are the setting
  ``FAZHI_INSPECTION_RATIOS`` ({province code: {scheme: {class: ‰}}}) or, without it, this table.
- The yearly cap on inspections of one enterprise: 国办发〔2024〕54号 (J5, secondary sources
  only) requires each body to *publish* a yearly cap; it sets no national number. The cap is
  therefore a plan setting, default ``FAZHI_INSPECTION_YEARLY_CAP`` (2 when unset), not law.
- A repeat inspection by another department within 30 days raises an alert (联合抽查: 进一次门、
  查多项事); the window is the setting ``FAZHI_INSPECTION_REPEAT_ALERT_DAYS`` (30).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

from fazhi.core.clock import statutes
from fazhi.core.clock.periods import Period, PeriodKind, Unit

RESULT_PUBLICATION_KEY = "inspection.results_publicity"
RESULT_PUBLICATION_BASIS = "国发〔2019〕5号；企业信息公示暂行条例 第六条"

RESULTS_PUBLICITY = statutes.register(
    statutes.StatutoryPeriod(
        RESULT_PUBLICATION_KEY,
        "双随机抽查结果公示",
        (statutes.Version(date(2019, 1, 24), Period(20, Unit.WORKDAYS, RESULT_PUBLICATION_BASIS)),),
        PeriodKind.ACT,
    )
)

PROVINCE_HUBEI = "420000000000"
# Per mille per class of the 市场监管 scheme (A best … D worst); local rules vary (J4).
DEFAULT_RATIOS: dict[str, dict[str, dict[str, int]]] = {
    PROVINCE_HUBEI: {"市场监管": {"A": 20, "B": 30, "C": 60, "D": 200}},
}
FALLBACK_RATIOS = {"A": 20, "B": 30, "C": 60, "D": 200}


def default_ratios(province_code: str = PROVINCE_HUBEI, scheme: str = "市场监管") -> dict[str, int]:
    table = getattr(settings, "FAZHI_INSPECTION_RATIOS", None) or DEFAULT_RATIOS
    return dict(table.get(province_code, {}).get(scheme) or FALLBACK_RATIOS)


def default_yearly_cap() -> int:
    return int(getattr(settings, "FAZHI_INSPECTION_YEARLY_CAP", 2))


def repeat_alert_days() -> int:
    return int(getattr(settings, "FAZHI_INSPECTION_REPEAT_ALERT_DAYS", 30))


def results_due(ended_on: date) -> date:
    """The last day to publish a result of an inspection that ended on ``ended_on``."""
    due = statutes.compute_statutory(RESULT_PUBLICATION_KEY, ended_on).due
    if due is None:
        raise ValueError("无法计算抽查结果公示期限")
    return due
