"""Static reference data of the Ezhou 2019 scenario: governments, departments, townships, places,
and the word pools the generator combines.

The tables are data files in ``data/`` read once at import by the typed loader
(``fazhi.shell.scenario.tables``): ``governments.csv``, ``townships.csv``,
``departments_{city,district,zone}.csv``, ``personas.csv`` and ``words.yaml`` (word pools,
industries). What stays here is their row types and the few figures and codes the code names.

Sources and what is real (see also docs/figures.md):
- Governments and townships: names and 12-digit 统计用区划代码 from the National Bureau of
  Statistics table as of 2019-10-31 (published 2020-02-25), as transcribed in the public dataset
  modood/Administrative-divisions-of-China (``dist/streets.csv`` at that release). NBS writes
  "碧石镇"; the town's own name is 碧石渡镇, which is what Fazhi shows.
- Which townships the two development-zone committees administer (托管) is the scenario's reading of
  the 2019 arrangement; the statistical codes of those townships stay under their district.
- The 36 city departments are the post-reform (2019) line-up of 鄂州市人民政府's working departments
  as far as public sources show it; flags (enforcement body, issuing body) are plausible, not an
  official list.
- Villages and communities: the real village-level table was not available here; one village with
  a verified code (泽林村) is real, the others are generated names (no code) in the place-name
  patterns of the area, unique per township.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .tables import make, read_csv, read_yaml

DATA = Path(__file__).resolve().parent / "data"

# The day the scenario's figures describe, and the day the third round of village legal advisers
# started (seed: "2019年4月，我市启动第三轮村（社区）法律顾问工作").
AS_OF = date(2019, 12, 31)
ADVISER_ROUND_START = date(2019, 4, 1)
RISK_SCHEME = "市场监管"
RISK_SOURCE = "鄂州市市场监督管理局（导入）"
PROCEDURE_NOTE = "本场景按现行程序规则处理，非 2019 年当时的程序。"


# Seed figures the scenario reproduces (the full-size defaults of the builder).
SEED_ENTITIES = 105_672
SEED_OFFICERS = 1_779
SEED_LAWYERS = 64
SEED_GRASSROOTS = 13
SEED_PLACES = 362
SEED_CITY_DEPARTMENTS = 36


@dataclass(frozen=True)
class Gov:
    code: str
    name: str
    short_name: str
    level: str
    parent: str | None
    division_code: str = ""
    # The 6-digit GB/T 2260 code used for USCCs and ID numbers of this area (zones: their district).
    area6: str = ""
    may_issue_documents: bool = True
    # Share of the scenario's market entities registered here.
    entity_share: int = 0


TOP_LEVEL = read_csv(DATA / "governments.csv", Gov)
(PROVINCE,) = (g for g in TOP_LEVEL if g.level == "province")
(CITY,) = (g for g in TOP_LEVEL if g.level == "city")
DISTRICTS = tuple(g for g in TOP_LEVEL if g.level == "district")
ZONES = tuple(g for g in TOP_LEVEL if g.level == "zone")


@dataclass(frozen=True)
class Township:
    parent: str  # code of the district or zone
    division9: str  # NBS 9-digit code; the 12-digit 统计用区划代码 is this + "000"
    short_name: str
    kind: str  # subdistrict (街道), town (镇), township (乡), area (类似乡级单位)
    communities: int
    villages: int

    @property
    def division_code(self) -> str:
        return f"{self.division9}000"

    @property
    def name(self) -> str:
        parent = next(g for g in TOP_LEVEL if g.code == self.parent)
        if self.kind == "subdistrict":
            return f"{parent.short_name}{self.short_name}办事处"
        if self.kind == "area":
            return f"{self.short_name}管理办公室"
        return f"{parent.short_name}{self.short_name}人民政府"


_EC, _HR, _LZH = (d.code for d in DISTRICTS)
_GD, _LK = (z.code for z in ZONES)

TOWNSHIPS = read_csv(DATA / "townships.csv", Township)


@dataclass(frozen=True)
class Dept:
    suffix: str  # the code is "<government 6-digit or zone code>-<suffix>"
    name: str  # a template: {d} the government's short name
    short_name: str
    enforces: bool
    may_issue_documents: bool
    officers: int = 0  # relative weight of the officer pool
    fields: str = ""  # 执法领域 printed on the credential


CITY_DEPARTMENTS = read_csv(DATA / "departments_city.csv", Dept)
DISTRICT_DEPARTMENTS = read_csv(DATA / "departments_district.csv", Dept)
ZONE_DEPARTMENTS = read_csv(DATA / "departments_zone.csv", Dept)
# How big each district's or zone's officer pool is relative to the template weights above.
OFFICER_SCALE = {_EC: 1.0, _HR: 0.6, _LZH: 0.4, _GD: 1.0, _LK: 0.6}

# Government-level legal advisers (政府法律顾问): department codes that retain a law firm lawyer.
AGENCY_ADVISER_UNITS = (
    CITY.code,
    "420700-SFJ",
    "420700-SCJG",
    "420700-STHJ",
    "420700-ZRZYGHJ",
    "420700-ZJJ",
    *(d.code for d in DISTRICTS),
    *(z.code for z in ZONES),
)


@dataclass(frozen=True)
class IndustryProfile:
    """What a company (industry words) or an individual business (shop words) of a section is
    called, and how often each kind falls into the section (relative weights)."""

    section: str
    company_weight: int
    individual_weight: int
    company_words: tuple[str, ...] = ()
    shop_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class WordPools:
    """words.yaml: the pools combined with a seeded ``random.Random`` (Faker supplies the personal
    names)."""

    # Villages and communities whose name and 12-digit code were verified in public sources:
    # township (9-digit code) → (name, code, kind).
    real_places: dict[str, tuple[tuple[str, str, str], ...]]
    village_surnames: tuple[str, ...]
    village_suffixes: tuple[str, ...]
    village_words: tuple[str, ...]
    community_words: tuple[str, ...]
    community_words_by_township: dict[str, tuple[str, ...]]
    roads: dict[str, tuple[str, ...]]  # by district or zone code
    brand_chars: str
    city_words: tuple[str, ...]
    shop_prefix: dict[str, str]
    cooperative_words: tuple[str, ...]
    law_firm_words: tuple[str, ...]
    mobile_prefixes: tuple[str, ...]
    industries: tuple[IndustryProfile, ...]


_WORDS = make(WordPools, read_yaml(DATA / "words.yaml"), "words.yaml")
REAL_PLACES = _WORDS.real_places
VILLAGE_SURNAMES = _WORDS.village_surnames
VILLAGE_SUFFIXES = _WORDS.village_suffixes
VILLAGE_WORDS = _WORDS.village_words
COMMUNITY_WORDS = _WORDS.community_words
COMMUNITY_WORDS_BY_TOWNSHIP = _WORDS.community_words_by_township
ROADS = _WORDS.roads
BRAND_CHARS = _WORDS.brand_chars
CITY_WORDS = _WORDS.city_words
SHOP_PREFIX = _WORDS.shop_prefix
INDUSTRIES = _WORDS.industries
COOPERATIVE_WORDS = _WORDS.cooperative_words
LAW_FIRM_WORDS = _WORDS.law_firm_words
MOBILE_PREFIXES = _WORDS.mobile_prefixes


# The staff personas of the scenario (accounts.py). ``unit`` is an org unit code.
@dataclass(frozen=True)
class Persona:
    username: str
    role: str
    unit: str
    description: str
    is_staff: bool = False
    is_superuser: bool = False


PERSONAS = read_csv(DATA / "personas.csv", Persona)


def all_personas() -> tuple[Persona, ...]:
    """The foundation's personas, then those the domains register (``registry.persona``)."""
    from fazhi import registry

    known = {p.username for p in PERSONAS}
    extra = (
        Persona(p.username, p.role, p.unit, p.description)
        for p in registry.personas()
        if p.username not in known
    )
    return (*PERSONAS, *extra)
