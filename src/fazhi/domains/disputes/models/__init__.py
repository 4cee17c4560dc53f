from .case import ReconsiderationCase
from .performance import DecisionPerformance, PerformanceRecord
from .rules import CommitteeRule, CommitteeRuleVersion
from .typical import TypicalCase, TypicalCaseCompilation

__all__ = [
    "CommitteeRule",
    "CommitteeRuleVersion",
    "DecisionPerformance",
    "PerformanceRecord",
    "ReconsiderationCase",
    "TypicalCase",
    "TypicalCaseCompilation",
]
