"""Planning the Ezhou 2019 scenario: pure functions of the seed and the scale, no database.

Each ``plan_*`` / ``iter_*`` function returns the rows a stage of ``builder.py`` will load; the
same seed gives the same rows (with the same Faker version, which supplies the name pools).
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from django.utils import timezone

from fazhi.core.org.choices import (
    AdviserKind,
    EntityKind,
    GovernmentLevel,
    RegionKind,
    UnitKind,
)
from fazhi.core.org.validators import USCC_ALPHABET, make_id_number, make_uscc

from . import data

USCC_REFORM = date(2015, 10, 1)  # 统一社会信用代码 assigned to new registrations from here on

# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------


class Digest:
    """SHA-256 over a canonical dump: one tab-separated line per inserted row."""

    def __init__(self) -> None:
        self._h = hashlib.sha256()

    def add(self, *values: object) -> None:
        self._h.update(("\t".join(str(v) for v in values) + "\n").encode())

    def hexdigest(self) -> str:
        return self._h.hexdigest()


def rng_for(seed: int, stream: str) -> random.Random:
    """An independent, reproducible random stream per purpose (str seeds hash with SHA-512)."""
    return random.Random(f"fazhi:{seed}:{stream}")


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder, ties by position)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    counts = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (counts[i] - raw[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def random_date(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


_GB11714_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def org_code(body8: str) -> str:
    """Complete an 8-character organization code with its GB 11714 check character."""
    total = sum(int(ch, 36) * w for ch, w in zip(body8, _GB11714_WEIGHTS, strict=True))
    c9 = 11 - total % 11
    return body8 + ("X" if c9 == 10 else "0" if c9 == 11 else str(c9))


def _base31(n: int, width: int) -> str:
    chars = []
    for _ in range(width):
        n, r = divmod(n, 31)
        chars.append(USCC_ALPHABET[r])
    return "".join(reversed(chars))


class OrgCodes:
    """Unique 9-character 主体标识码 in two series, each a scrambled counter (a bijection, so no
    two entities ever share one): "MA4" + 5 characters (Hubei's series for registrations since the
    2015 reform) and the 8-digit legacy organization codes of older companies."""

    NEW_SPACE, LEGACY_SPACE = 31**5, 10**8

    def __init__(self, seed: int) -> None:
        rng = rng_for(seed, "orgcodes")
        self._new_offset = rng.randrange(self.NEW_SPACE)
        self._legacy_offset = rng.randrange(self.LEGACY_SPACE)
        self._new = self._legacy = 0

    def new(self) -> str:
        n = (self._new * 1_000_003 + self._new_offset) % self.NEW_SPACE
        self._new += 1
        return org_code("MA4" + _base31(n, 5))

    def legacy(self) -> str:
        n = (self._legacy * 7_654_321 + self._legacy_offset) % self.LEGACY_SPACE
        self._legacy += 1
        return org_code(f"{n:08d}")


@dataclass(frozen=True)
class NamePools:
    male: tuple[str, ...]
    female: tuple[str, ...]
    surnames: tuple[str, ...]
    brands: tuple[str, ...]

    @property
    def everyone(self) -> tuple[str, ...]:
        return self.male + self.female


@lru_cache(maxsize=4)
def name_pools(seed: int) -> NamePools:
    """Personal names from Faker zh_CN, generated once per seed; everything else combines them
    with a seeded ``random.Random`` (calling Faker 100,000 times would dominate the build)."""
    from faker import Faker

    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    male = tuple(fake.name_male() for _ in range(3000))
    female = tuple(fake.name_female() for _ in range(3000))
    surnames = tuple(fake.last_name() for _ in range(1000))
    rng = rng_for(seed, "brands")
    chars = data.BRAND_CHARS
    brands = sorted({a + b for a in chars for b in chars if a != b})
    rng.shuffle(brands)
    return NamePools(male, female, surnames, tuple(brands))


# ---------------------------------------------------------------------------------------------
# Plans (pure)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitSpec:
    code: str
    kind: str
    name: str
    short_name: str
    parent: str | None
    level: str = ""
    division_code: str = ""
    enforces: bool = False
    may_issue_documents: bool = False
    sort: int = 0
    officers: float = 0.0  # weight in the officer pool
    fields: str = ""
    area6: str = ""


def dept_code(gov: data.Gov, suffix: str) -> str:
    return f"{gov.area6 if gov.division_code else gov.code}-{suffix}"


def plan_units() -> list[UnitSpec]:
    """The org tree, parents before children."""
    units: list[UnitSpec] = []
    for sort, gov in enumerate(data.TOP_LEVEL):
        units.append(
            UnitSpec(
                gov.code,
                UnitKind.GOVERNMENT,
                gov.name,
                gov.short_name,
                gov.parent,
                gov.level,
                gov.division_code,
                may_issue_documents=gov.may_issue_documents,
                sort=sort,
                area6=gov.area6,
            )
        )
    for sort, t in enumerate(data.TOWNSHIPS):
        parent = next(g for g in data.TOP_LEVEL if g.code == t.parent)
        units.append(
            UnitSpec(
                t.division_code,
                UnitKind.GOVERNMENT,
                t.name,
                t.short_name,
                t.parent,
                GovernmentLevel.TOWNSHIP,
                t.division_code,
                sort=sort,
                area6=t.division9[:6] if parent.division_code else parent.area6,
            )
        )
    templates: list[tuple[data.Gov, Sequence[data.Dept], float]] = [
        (data.CITY, data.CITY_DEPARTMENTS, 1.0),
        *((d, data.DISTRICT_DEPARTMENTS, data.OFFICER_SCALE[d.code]) for d in data.DISTRICTS),
        *((z, data.ZONE_DEPARTMENTS, data.OFFICER_SCALE[z.code]) for z in data.ZONES),
    ]
    for gov, depts, scale in templates:
        for sort, dept in enumerate(depts):
            units.append(
                UnitSpec(
                    dept_code(gov, dept.suffix),
                    UnitKind.DEPARTMENT,
                    dept.name.format(d=gov.short_name),
                    dept.short_name.format(d=gov.short_name),
                    gov.code,
                    enforces=dept.enforces,
                    may_issue_documents=dept.may_issue_documents,
                    sort=sort,
                    officers=dept.officers * scale,
                    fields=dept.fields,
                    area6=gov.area6,
                )
            )
    return units


@dataclass(frozen=True)
class PlaceSpec:
    township: str  # org unit code of the township
    name: str
    kind: str
    code: str = ""


def _village_name(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.55:
        stem = rng.choice(data.VILLAGE_SURNAMES) + rng.choice(data.VILLAGE_SUFFIXES)
    elif roll < 0.9:
        stem = rng.choice(data.VILLAGE_WORDS)
    else:
        stem = rng.choice(data.VILLAGE_SURNAMES) + "家" + rng.choice(data.VILLAGE_SUFFIXES)
    return stem + "村"


def plan_places(seed: int) -> list[PlaceSpec]:
    """362 villages and communities, real ones first, the rest generated, unique per township."""
    places: list[PlaceSpec] = []
    for t in data.TOWNSHIPS:
        rng = rng_for(seed, f"places:{t.division9}")
        real = data.REAL_PLACES.get(t.division9, ())
        taken = {name for name, _, _ in real}
        for name, code, kind in real:
            places.append(PlaceSpec(t.division_code, name, kind, code))
        for kind, wanted in (
            (RegionKind.COMMUNITY, t.communities),
            (RegionKind.VILLAGE, t.villages),
        ):
            have = sum(1 for _, _, k in real if k == kind)
            while have < wanted:
                if kind == RegionKind.COMMUNITY:
                    words = data.COMMUNITY_WORDS_BY_TOWNSHIP.get(t.division9, data.COMMUNITY_WORDS)
                    name = rng.choice(words) + "社区"
                else:
                    name = _village_name(rng)
                if name in taken:
                    continue
                taken.add(name)
                places.append(PlaceSpec(t.division_code, name, kind))
                have += 1
    return places


@dataclass(frozen=True)
class OfficerSpec:
    department: str
    credential_no: str
    name: str
    id_number: str
    birth_date: date
    phone: str
    fields: str
    exam_date: date
    exam_score: int
    issued_on: date
    valid_until: date
    last_checked_on: date


_MOBILE_PREFIXES = data.MOBILE_PREFIXES
_ID_AREAS = ("420704", "420704", "420704", "420703", "420703", "420702")


def _mobile(rng: random.Random) -> str:
    return rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def _id_number(rng: random.Random, area: str, born: date, male: bool, seen: set[str]) -> str:
    while True:
        seq = rng.randrange(100) * 10 + rng.choice((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
        number = make_id_number(f"{area}{born:%Y%m%d}{seq:03d}")
        if number not in seen:
            seen.add(number)
            return number


def plan_officers(seed: int, total: int, today: date | None = None) -> list[OfficerSpec]:
    """``total`` officers across the enforcement bodies, in proportion to their pool weights.

    Every credential is issued and valid on 2019-12-31; ``valid_until`` runs in five-year
    renewals from the issue date until it also covers ``today``, so the pool is usable now.
    """
    today = today or timezone.localdate()
    horizon = max(data.AS_OF, today)
    bodies = [u for u in plan_units() if u.kind == UnitKind.DEPARTMENT and u.officers > 0]
    counts = apportion(total, [u.officers for u in bodies])
    pools = name_pools(seed)
    rng = rng_for(seed, "officers")
    seen_ids: set[str] = set()
    sequence: Counter[str] = Counter()
    officers: list[OfficerSpec] = []
    for unit, count in zip(bodies, counts, strict=True):
        # Hubei-style credential numbers: the issuing area's 6-digit code and a sequence.
        prefix = unit.area6
        for _ in range(count):
            male = rng.random() < 0.7
            name = rng.choice(pools.male if male else pools.female)
            born = random_date(rng, date(1964, 1, 1), date(1995, 12, 31))
            id_number = _id_number(rng, rng.choice(_ID_AREAS), born, male, seen_ids)
            issued = random_date(rng, date(2014, 1, 1), date(2019, 9, 30))
            exam = issued - timedelta(days=rng.randint(20, 75))
            valid = add_years(issued, 5)
            while valid < horizon:
                valid = add_years(valid, 5)
            sequence[prefix] += 1
            officers.append(
                OfficerSpec(
                    department=unit.code,
                    credential_no=f"{prefix}{sequence[prefix]:05d}",
                    name=name,
                    id_number=id_number,
                    birth_date=born,
                    phone=_mobile(rng),
                    fields=unit.fields,
                    exam_date=exam,
                    exam_score=rng.randint(62, 98),
                    issued_on=issued,
                    valid_until=valid,
                    last_checked_on=date(2019, 12, rng.randint(2, 20)),
                )
            )
    return officers


@dataclass(frozen=True)
class EntitySpec:
    uscc: str
    name: str
    kind: str
    industry: str
    region: str  # org unit code of the district or zone government
    registered_on: date
    legal_representative: str
    address: str
    risk_class: str


_KIND_CATEGORY = {EntityKind.COMPANY: "1", EntityKind.INDIVIDUAL: "2", EntityKind.COOPERATIVE: "3"}
_YEARS = list(range(1990, 2020))
# Registrations grow over the years (most entities of 2019 were registered after 2010).
_YEAR_WEIGHTS = [1.14 ** (y - 1990) for y in _YEARS]
_RISK = (("A", 20), ("B", 60), ("C", 15), ("D", 5))


def _weighted(rng: random.Random, items: Sequence[Any], weights: Sequence[float]) -> Any:
    return rng.choices(items, weights=weights)[0]


def _address_stems(seed: int) -> dict[str, list[str]]:
    """Per district/zone: "<township><road or village>" stems for entity addresses."""
    stems: dict[str, list[str]] = {}
    by_township: dict[str, list[str]] = {}
    for place in plan_places(seed):
        by_township.setdefault(place.township, []).append(place.name)
    for t in data.TOWNSHIPS:
        region = next(g for g in data.TOP_LEVEL if g.code == t.parent)
        # "葛店开发区" is both the zone's short name and its area's: say it once.
        where = "" if t.short_name == region.short_name else t.short_name
        out = stems.setdefault(t.parent, [])
        if t.kind in ("subdistrict", "area"):
            out.extend(f"{where}{road}" for road in data.ROADS[t.parent])
        else:
            out.extend(f"{where}{village}" for village in by_township[t.division_code])
    return stems


def iter_entities(seed: int, total: int) -> Iterable[EntitySpec]:
    """The market entities, one after another; the first k are the same for any ``total`` ≥ k."""
    rng = rng_for(seed, "entities")
    pools = name_pools(seed)
    codes = OrgCodes(seed)
    regions = [*data.DISTRICTS, *data.ZONES]
    region_weights = [g.entity_share for g in regions]
    sections = [p.section for p in data.INDUSTRIES]
    profiles = {p.section: p for p in data.INDUSTRIES}
    company_w = [p.company_weight for p in data.INDUSTRIES]
    individual_w = [p.individual_weight for p in data.INDUSTRIES]
    stems = _address_stems(seed)
    risk_classes = [c for c, _ in _RISK]
    risk_w = [w for _, w in _RISK]
    names: set[str] = set()
    people, surnames, brands = pools.everyone, pools.surnames, pools.brands

    def company_name(industry: str) -> str:
        words = profiles[industry].company_words
        city = rng.choice(data.CITY_WORDS)
        return f"{city}{rng.choice(brands)}{rng.choice(words)}有限公司"

    def shop_name(region: data.Gov, industry: str) -> str:
        roll = rng.random()
        if roll < 0.45:
            trade = rng.choice(people)
        elif roll < 0.7:
            trade = rng.choice(surnames) + "记"
        else:
            trade = rng.choice(brands)
        return (
            f"{data.SHOP_PREFIX[region.code if not region.division_code else region.area6]}"
            f"{trade}{rng.choice(profiles[industry].shop_words)}"
        )

    def coop_name(region: data.Gov) -> str:
        prefix = data.SHOP_PREFIX[region.code if not region.division_code else region.area6]
        return f"{prefix}{rng.choice(brands)}{rng.choice(data.COOPERATIVE_WORDS)}专业合作社"

    for _ in range(total):
        roll = rng.random()
        kind = (
            EntityKind.INDIVIDUAL
            if roll < 0.65
            else EntityKind.COMPANY
            if roll < 0.98
            else EntityKind.COOPERATIVE
        )
        region = _weighted(rng, regions, region_weights)
        if kind == EntityKind.COMPANY:
            industry = _weighted(rng, sections, company_w)
        elif kind == EntityKind.INDIVIDUAL:
            industry = _weighted(rng, sections, individual_w)
        else:
            industry = "A"
        year = _weighted(rng, _YEARS, _YEAR_WEIGHTS)
        if kind == EntityKind.COOPERATIVE:  # 农民专业合作社法 took effect on 2007-07-01
            year = max(year, 2008)
        registered = random_date(rng, date(year, 1, 1), date(year, 12, 31))
        for attempt in range(50):
            if kind == EntityKind.COMPANY:
                name = company_name(industry)
            elif kind == EntityKind.INDIVIDUAL:
                name = shop_name(region, industry)
            else:
                name = coop_name(region)
            if attempt > 20:  # crowded pattern: a second brand word keeps it unique
                name = name.replace("有限公司", f"{rng.choice(brands)}有限公司", 1)
            if name not in names:
                break
        else:  # never seen at the seed's scale; a branch number keeps names unique regardless
            name = next(
                f"{name}（{k}店）" for k in range(2, 10**6) if f"{name}（{k}店）" not in names
            )
        names.add(name)
        legacy = kind == EntityKind.COMPANY and registered < USCC_REFORM
        body = codes.legacy() if legacy else codes.new()
        uscc = make_uscc(f"9{_KIND_CATEGORY[kind]}{region.area6}{body}")
        address = (
            f"湖北省鄂州市{region.short_name}{rng.choice(stems[region.code])}"
            f"{rng.randint(1, 288)}号"
        )
        yield EntitySpec(
            uscc=uscc,
            name=name,
            kind=kind,
            industry=industry,
            region=region.code,
            registered_on=registered,
            legal_representative=rng.choice(people),
            address=address,
            risk_class=_weighted(rng, risk_classes, risk_w),
        )


@dataclass(frozen=True)
class AdviserSpec:
    name: str
    kind: str
    firm: str
    license_no: str
    places: tuple[tuple[str, str], ...]  # (township code, place name)
    agencies: tuple[str, ...] = ()


def plan_advisers(seed: int) -> list[AdviserSpec]:
    """64 lawyers and 13 grassroots legal workers; each village or community gets exactly one,
    in contiguous blocks of 4–5 (so an adviser serves neighbouring places); the grassroots
    workers take blocks in rural townships and their 法律服务所 is named after it."""
    rng = rng_for(seed, "advisers")
    pools = name_pools(seed)
    places = plan_places(seed)
    n = data.SEED_LAWYERS + data.SEED_GRASSROOTS
    sizes = apportion(len(places), [1] * n)
    blocks: list[list[PlaceSpec]] = []
    start = 0
    for size in sizes:
        blocks.append(places[start : start + size])
        start += size
    township_of = {t.division_code: t for t in data.TOWNSHIPS}
    rural = [
        i for i, b in enumerate(blocks) if township_of[b[0].township].kind in ("town", "township")
    ]
    step = len(rural) / data.SEED_GRASSROOTS
    grassroots = {rural[int(k * step)] for k in range(data.SEED_GRASSROOTS)}
    firms = [f"湖北{w}律师事务所" for w in rng.sample(data.LAW_FIRM_WORDS, 9)]
    # One lawyer is also retained by each of these agencies (政府法律顾问).
    lawyers = [i for i in range(n) if i not in grassroots]
    chosen = sorted(rng.sample(lawyers, len(data.AGENCY_ADVISER_UNITS)))
    agency_of = dict(zip(chosen, data.AGENCY_ADVISER_UNITS, strict=True))
    advisers: list[AdviserSpec] = []
    for i, block in enumerate(blocks):
        male = rng.random() < 0.6
        name = rng.choice(pools.male if male else pools.female)
        year = rng.randint(1998, 2016)
        if i in grassroots:
            t = township_of[block[0].township]
            district = next(g for g in data.TOP_LEVEL if g.code == t.parent).short_name
            root = t.short_name.removesuffix("镇").removesuffix("乡").removesuffix("街道")
            firm = f"鄂州市{district}{root}法律服务所"
            kind = AdviserKind.GRASSROOTS
            license_no = f"4207{year}{i + 1:06d}"
        else:
            firm = rng.choice(firms)
            kind = AdviserKind.LAWYER
            license_no = f"14207{year}1{1 if male else 2}{rng.randrange(1000):03d}{i + 1:03d}"
        served = tuple((p.township, p.name) for p in block)
        agency = (agency_of[i],) if i in agency_of else ()
        advisers.append(AdviserSpec(name, kind, firm, license_no, served, agency))
    return advisers
