"""Promulgated city texts for the filing, validity, cleanup and incidental-review tests (the
drafting lifecycle that publishes them lives elsewhere; these are recorded as issued texts)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.domains.rulemaking.choices import TextKind
from fazhi.domains.rulemaking.existing import record_issued_text
from fazhi.domains.rulemaking.models import TextVersion

BODY = """# {title}

第一条 为了规范管理，制定本办法。

第二条 本办法适用于本市。

第三条 违反本办法的，依法处理。
"""


def issue(unit: Any, kind: str, title: str, promulgated: date, number: str = "") -> TextVersion:
    return record_issued_text(
        kind=kind,
        title=title,
        issuing_unit=unit,
        doc_number=number or f"{title}号",
        promulgated_on=promulgated,
        effective_from=promulgated,
        body=BODY.format(title=title),
    )


def city_rule(org: Any) -> TextVersion:
    return issue(
        org.city,
        TextKind.GOVERNMENT_RULE,
        "鄂州市物业管理实施办法",
        date(2019, 3, 1),
        "鄂州市人民政府令第8号",
    )


def department_document(org: Any) -> TextVersion:
    return issue(
        org.scjg,
        TextKind.NORMATIVE_DOCUMENT,
        "关于规范农贸市场管理的实施意见",
        date(2019, 5, 6),
        "鄂市监规〔2019〕1号",
    )
