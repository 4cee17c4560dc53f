"""The vocabulary of the lists scenario, from which ``plan`` draws: the seed's figures and
dates (code, each beside the sentence of the seed it reproduces), and the tables read from
``data/`` — laws (``laws.csv``), each city department's domains and named items
(``vocabularies.yaml``), the name patterns, reasons and responsibility texts (``texts.yaml``).

The tables are read on first use (``LAWS``, ``VOCAB``, … are module attributes resolved by
``__getattr__``), so importing the stage from ``ListsConfig.ready()`` reads no file; a build
reads them once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from fazhi.domains.lists.choices import (
    POWER_KIND_CODE,
    PowerKind,
)
from fazhi.shell.scenario import data
from fazhi.shell.scenario.planning import dept_code
from fazhi.shell.scenario.tables import make, read_csv, read_yaml

SEED_RETAINED = 4_221  # 对保留的36家部门4221个权力事项进行审查
SEED_ADJUSTED = 2_902  # 完成2902个权力事项的调整、划转工作
SEED_GUIDES = 4_421  # 编制4421条标准化办事指南
SEED_CUT_ITEMS = 97  # 精减97项行政机关依申请办理事项
SEED_CUT_MATERIALS = 318  # 涉及的318项办事资料
SEED_PROOFS_CANCELLED = 18  # 取消意外伤害、取环证明等18项高频证明事项
SEED_PROOF_DEPARTMENTS = 9  # 督促公安、医保、卫健、公证等9个部门
SEED_COMPLAINTS = 16  # 处理群众及社区投诉16起
SEED_FEE_OUTCOMES = {"retain": 53, "amend": 6, "repeal": 10}  # 决定保留53个、修改6个、废止10个
CANCELLED_2019 = 176  # scenario's choice: 2018 items cancelled in 2019 (not in the 2,902)

LIST_2018 = date(2018, 7, 1)  # the 2018 list of power items takes effect
REFORM_DAY = date(2019, 3, 29)  # 机构改革: transfers to the new departments take effect
BRIGADE_DAY = date(2019, 6, 28)  # the comprehensive enforcement brigade takes over
ADJUST_DAYS = (date(2019, 3, 29), date(2019, 6, 28), date(2019, 9, 27), date(2019, 11, 29))
MATERIALS_CUT_ON = date(2019, 6, 28)  # 办事资料精减清单（第一批）
PROOFS_CANCELLED_ON = date(2019, 7, 31)  # 社区证明专项清理: 取消18项
NOTIFY_COMMIT_FROM = date(2019, 9, 1)  # 告知承诺制试点
PROOF_LIST_2018 = date(2018, 7, 1)
FEE_LIST_ON = date(2019, 10, 31)
FEE_CLEANUP_ON = date(2019, 10, 31)
BENCHMARK_FROM = date(2019, 7, 1)
NO_PENALTY_FROM = date(2019, 11, 1)

CITY_PREFIX = data.CITY.area6  # "420700": city department codes are 420700-<suffix>
K = PowerKind
LETTERS_KIND = {v: k for k, v in POWER_KIND_CODE.items()}


def dept(suffix: str) -> str:
    return f"{CITY_PREFIX}-{suffix}"


def _branches() -> dict[str, tuple[tuple[str, str], ...]]:
    """The city bureaus that work through branch offices (分局) of their own: code → window."""
    out: dict[str, list[tuple[str, str]]] = {}
    for suffix, govs, templates in (
        ("SCJG", data.ZONES, data.ZONE_DEPARTMENTS),
        ("STHJ", (*data.DISTRICTS, *data.ZONES), ()),
    ):
        for gov in govs:
            pool = templates or (
                data.DISTRICT_DEPARTMENTS if gov in data.DISTRICTS else data.ZONE_DEPARTMENTS
            )
            unit = next(d for d in pool if d.suffix == suffix)
            short = unit.short_name.format(d=gov.short_name)
            out.setdefault(dept(suffix), []).append(
                (dept_code(gov, suffix), f"{gov.short_name}政务服务中心{short}窗口")
            )
    return {k: tuple(v) for k, v in out.items()}


# The city bureaus' branch offices each publish the guides of the items they handle locally
# (每个实施主体一份办事指南): the share of a bureau's items applied for that its branches handle.
BRANCHES = _branches()
BRANCH_SHARE = {dept("SCJG"): 0.9, dept("STHJ"): 0.8}


# Departments whose lists 2019 mostly moved in (the brigade, 退役军人, 医保) cancel nothing.
NEW_IN_2019 = frozenset({"ZHZFZD", "TYJRSWJ", "YBJ"})


# ---------------------------------------------------------------------------------------------
# Chinese numerals for article numbers
# ---------------------------------------------------------------------------------------------

_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 102 → 一百零二, 120 → 一百二十 (as laws number articles)."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    head = _DIGITS[n // 100] + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + _DIGITS[rest]
    return head + _DIGITS[rest // 10] + "十" + (_DIGITS[rest % 10] if rest % 10 else "")


def article(n: int) -> str:
    return f"第{cn_number(n)}条"


# ---------------------------------------------------------------------------------------------
# The tables (data/)
# ---------------------------------------------------------------------------------------------

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Law:
    key: str  # the short key the vocabularies use
    name: str
    articles: int  # the penalty article is drawn from the last part of the law


@dataclass(frozen=True)
class Named:
    """A named item of a domain (``items`` in vocabularies.yaml)."""

    kind: str  # the kind's letters (POWER_KIND_CODE), e.g. XK, CF
    name: str
    subitems: tuple[str, ...] = ()  # its 办理项, where the plan names them
    cancelled: bool = False  # in the 2018 list, cancelled in 2019
    article: int | None = None  # the article of its law it rests on, where the plan pins it
    permit: bool = False  # a licence that the penalty and inspection patterns also name

    @property
    def letters(self) -> str:
        return self.kind


@dataclass(frozen=True)
class Domain:
    topic: str
    actor: str
    law: str  # a key of laws.csv
    source: str = ""  # the department suffix the domain's items were transferred from
    items: tuple[Named, ...] = ()
    generic: bool = True  # False: the domain only holds its named items

    @property
    def named(self) -> tuple[Named, ...]:
        return self.items

    @property
    def permit(self) -> str:
        return next((n.name for n in self.items if n.permit), "")


@dataclass(frozen=True)
class DeptVocab:
    suffix: str
    weight: int  # relative size of the department's list
    mix: Mapping[str, float]  # kind letters → weight
    domains: tuple[Domain, ...]


@dataclass(frozen=True)
class Texts:
    transfer_reason: str
    adjust_reasons: Mapping[str, str]  # what the 2019 version changed → its reason
    cancel_reasons: tuple[str, ...]
    responsibility: Mapping[str, str]  # kind (or "on_application") → 责任事项
    accountability: str  # 追责情形
    responsibility_revised: str
    # Name patterns: {t} topic, {a} actor, {p} licence; by kind letters.
    permit_patterns: Mapping[str, tuple[str, ...]]
    patterns: Mapping[str, tuple[str, ...]]


@cache
def laws() -> dict[str, tuple[str, int]]:
    """law key → (name, number of articles)."""
    return {law.key: (law.name, law.articles) for law in read_csv(DATA / "laws.csv", Law)}


@cache
def vocabularies() -> tuple[DeptVocab, ...]:
    raw = read_yaml(DATA / "vocabularies.yaml")
    mixes = raw["mixes"]
    known = laws()
    out = []
    for n, entry in enumerate(raw["departments"]):
        where = f"vocabularies.yaml departments[{n}]"
        if isinstance(entry.get("mix"), str):
            entry = {**entry, "mix": mixes[entry["mix"]]}
        vocab = make(DeptVocab, entry, where)
        for d in vocab.domains:
            if d.law not in known:
                raise ValueError(f"{where}：未知的法律 {d.law!r}（{d.topic}）")
            unknown = [i.kind for i in d.items if i.kind not in LETTERS_KIND]
            if unknown or sum(i.permit for i in d.items) > 1:
                raise ValueError(f"{where}：{d.topic} 的事项类别 {unknown} 或许可有误")
        out.append(vocab)
    return tuple(out)


@cache
def texts() -> Texts:
    return make(Texts, read_yaml(DATA / "texts.yaml"), "texts.yaml")


@cache
def _yaml(row_type: type[Any], name: str) -> Any:
    return make(row_type, read_yaml(DATA / name), name)


@cache
def _csv(row_type: type[Any], name: str) -> tuple[Any, ...]:
    return read_csv(DATA / name, row_type)


@dataclass(frozen=True)
class Guides:
    """guides.yaml: how items applied for split into guides, and what each guide asks for."""

    ladders: Mapping[str, tuple[tuple[str, ...], ...]]  # kind → rungs of 办理项
    complaint_ladder: tuple[tuple[str, ...], ...]
    one_kind_of_applicant: tuple[str, ...]  # words of items with no split by applicant type
    materials_by_op: Mapping[str, tuple[tuple[str, str], ...]]  # op → (name, source)
    agent_material: str
    cut_pool: tuple[str, ...]
    conditions: Mapping[str, str]  # kind → 受理条件


@dataclass(frozen=True)
class ProofRow:
    status: str  # cancelled, notify_commit or retained
    dept: str
    name: str
    item_name: str
    replacement: str  # a ProofReplacement value, for the cancelled ones
    issuer: str  # for the retained ones


@dataclass(frozen=True)
class ComplaintRow:
    proof: str  # the name of a cancelled proof of proofs.csv
    count: int
    demanded_by: str


@dataclass(frozen=True)
class FeeRow:
    dept: str
    name: str
    standard: str
    unit: str
    enterprise: bool
    pricing_document: str


@dataclass(frozen=True)
class FeeDocuments:
    topics: tuple[str, ...]
    forms: tuple[str, ...]  # {t}: the topic
    reasons: Mapping[str, str]  # outcome → reason


@dataclass(frozen=True)
class NoPenaltyRow:
    item_name: str
    violation: str
    mandatory: bool


@dataclass(frozen=True)
class NegativeEntry:
    number: str
    kind: str  # prohibited or licensed
    measure: str
    industry_codes: str
    licence_words: tuple[str, ...]


@dataclass(frozen=True)
class _NegativeList:
    entries: tuple[NegativeEntry, ...]


# The tables as module attributes, read on first use (PEP 562).
LAWS: dict[str, tuple[str, int]]
VOCAB: tuple[DeptVocab, ...]
TRANSFER_REASON: str
ADJUST_REASONS: Mapping[str, str]
CANCEL_REASONS: tuple[str, ...]
RESPONSIBILITY: Mapping[str, str]
ACCOUNTABILITY: str
RESPONSIBILITY_REVISED: str
PERMIT_PATTERNS: Mapping[str, tuple[str, ...]]
GENERIC: Mapping[str, tuple[str, ...]]
GUIDES: Guides
PROOFS: tuple[ProofRow, ...]
COMPLAINTS: tuple[ComplaintRow, ...]
FEES: tuple[FeeRow, ...]
FEE_DOCUMENTS: FeeDocuments
NO_PENALTY: tuple[NoPenaltyRow, ...]
NEGATIVE_LIST: tuple[NegativeEntry, ...]
_LAZY = {
    "LAWS": lambda: laws(),
    "VOCAB": lambda: vocabularies(),
    "TRANSFER_REASON": lambda: texts().transfer_reason,
    "ADJUST_REASONS": lambda: texts().adjust_reasons,
    "CANCEL_REASONS": lambda: texts().cancel_reasons,
    "RESPONSIBILITY": lambda: texts().responsibility,
    "ACCOUNTABILITY": lambda: texts().accountability,
    "RESPONSIBILITY_REVISED": lambda: texts().responsibility_revised,
    "PERMIT_PATTERNS": lambda: texts().permit_patterns,
    "GENERIC": lambda: texts().patterns,
    "GUIDES": lambda: _yaml(Guides, "guides.yaml"),
    "PROOFS": lambda: _csv(ProofRow, "proofs.csv"),
    "COMPLAINTS": lambda: _csv(ComplaintRow, "complaints.csv"),
    "FEES": lambda: _csv(FeeRow, "fees.csv"),
    "FEE_DOCUMENTS": lambda: _yaml(FeeDocuments, "fee_documents.yaml"),
    "NO_PENALTY": lambda: _csv(NoPenaltyRow, "no_penalty.csv"),
    "NEGATIVE_LIST": lambda: _yaml(_NegativeList, "negative_list.yaml").entries,
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return _LAZY[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
