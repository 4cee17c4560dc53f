"""Planning the lists (清单) of the Ezhou 2019 scenario: pure functions of the seed, no database.

What the seed's section (一) 2–3 says, and how the plan reproduces it (docs/figures.md):
- 36 city departments hold 4,221 power items in force on 2019-12-31. The items were first listed
  in the 2018 list (in force from ``LIST_2018``); in 2019 ``SEED_ADJUSTED`` (2,902) of them were
  adjusted (调整) or transferred (划转) — one 2019 version each — and ``CANCELLED_2019`` other
  items of the 2018 list were cancelled (取消, not part of the 2,902, not retained).
- 4,421 service guides: one per 办理项 of the retained items applied for (依申请).
- 318 materials of 97 such items were cut in the 2019 materials cleanup.
- 18 community proofs cancelled by 9 departments, 16 complaints handled; notify-commit pilots in
  市场监管、住建、交通; 53/6/10 fee documents; the two fee lists; a discretion benchmark and the
  market regulator's no-penalty list.

Names are generated from per-department vocabularies: real item names where the plan names them,
otherwise the patterns of Hubei lists (对……的处罚, 对……的监督检查, 查封、扣押……). The tables
(vocabularies, laws, ladders, materials, proofs, fees, the no-penalty and negative lists) are
data files in ``data/`` read through ``vocab``; what is here decides which rows exist from the
seed. The discretion benchmarks and factors stay code: they are rules, each tier beside the
article it applies. Laws are real;
article numbers are plausible, not checked, except where a benchmark quotes them. The provincial
catalog codes (``catalog_code``) are the scenario's stand-in, not the province's real codes.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from fazhi.domains.lists.choices import (
    ON_APPLICATION_KINDS,
    POWER_KIND_CODE,
    MaterialSource,
    ProofReplacement,
)
from fazhi.shell.scenario import data
from fazhi.shell.scenario.planning import apportion, plan_places, rng_for

from . import vocab
from .vocab import (
    _DIGITS,
    ADJUST_DAYS,
    BRANCH_SHARE,
    BRANCHES,
    BRIGADE_DAY,
    CANCELLED_2019,
    CITY_PREFIX,
    LETTERS_KIND,
    MATERIALS_CUT_ON,
    NEW_IN_2019,
    NOTIFY_COMMIT_FROM,
    PROOFS_CANCELLED_ON,
    REFORM_DAY,
    SEED_ADJUSTED,
    SEED_COMPLAINTS,
    SEED_CUT_ITEMS,
    SEED_CUT_MATERIALS,
    SEED_FEE_OUTCOMES,
    SEED_GUIDES,
    SEED_RETAINED,
    DeptVocab,
    Domain,
    K,
    Named,
    article,
    cn_number,
    dept,
)


@dataclass(frozen=True)
class ChangeSpec:
    action: str  # adjust / transfer / cancel
    valid_from: date
    reason: str
    changes: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class PowerItemSpec:
    catalog_code: str
    initial_dept: str  # the department that held it in the 2018 list (its code prefix)
    final_dept: str  # the department holding it after 2019 (the same unless transferred)
    kind: str
    name: str
    legal_basis: str
    responsibility: str
    accountability: str
    steps: tuple[tuple[tuple[str, str], ...], ...]  # hashable form of the step dicts
    statutory_limit: int | None
    promised_limit: int | None
    restricts_market_access: bool
    subitems: tuple[str, ...]  # the 办理项 of an item applied for
    change: ChangeSpec | None = None
    branches: tuple[str, ...] = ()  # branch offices (分局) that also implement it: one guide each
    named: bool = False  # named in the vocabulary (kept out of the random cancellations)

    @property
    def letters(self) -> str:
        return POWER_KIND_CODE[self.kind]

    @property
    def on_application(self) -> bool:
        return self.kind in ON_APPLICATION_KINDS

    @property
    def retained(self) -> bool:
        return self.change is None or self.change.action != "cancel"

    def step_dicts(self, steps: Any = None) -> list[dict[str, str]]:
        return [dict(s) for s in (self.steps if steps is None else steps)]

    def first_fields(self) -> dict[str, Any]:
        """The fields of the item's first (2018) version."""
        return {
            "name": self.name,
            "kind": self.kind,
            "legal_basis": self.legal_basis,
            "responsibility": self.responsibility,
            "accountability": self.accountability,
            "steps": self.step_dicts(),
            "statutory_limit": self.statutory_limit,
            "promised_limit": self.promised_limit,
            "restricts_market_access": self.restricts_market_access,
        }

    def second_fields(self) -> dict[str, Any]:
        """The fields of the 2019 version: the first ones with the change applied."""
        out = self.first_fields()
        assert self.change is not None
        for key, value in self.change.changes:
            out[key] = self.step_dicts(value) if key == "steps" else value
        return out


@dataclass
class PowerPlan:
    items: list[PowerItemSpec]
    # department code → short name, for reasons and windows
    short_names: dict[str, str] = field(default_factory=dict)

    def retained(self) -> list[PowerItemSpec]:
        return [s for s in self.items if s.retained]

    def by_name(self) -> dict[str, PowerItemSpec]:
        return {s.name: s for s in self.items}


def _short_names() -> dict[str, str]:
    return {dept(d.suffix): d.short_name.format(d="") for d in data.CITY_DEPARTMENTS}


def _legal_basis(rng: random.Random, law_key: str, penalty: bool) -> str:
    name, n = vocab.LAWS[law_key]
    if penalty:
        art = rng.randint(max(2, int(n * 0.62)), max(3, n - 2))
    else:
        art = rng.randint(2, max(3, int(n * 0.55)))
    return f"《{name}》{article(art)}"


def _statutory(kind: str, rng: random.Random) -> tuple[int | None, int | None]:
    if kind == K.LICENSING:
        statutory = rng.choice((20, 20, 20, 15, 10, 30))
    elif kind in (K.CONFIRMATION, K.OTHER):
        statutory = rng.choice((20, 15, 10, 30))
    elif kind in (K.BENEFIT, K.REWARD, K.ADJUDICATION):
        statutory = rng.choice((30, 20, 60))
    else:
        return None, None
    promised = max(1, min(statutory - 1, rng.choice((1, 3, 5, 5, 7, 10, 12, 15))))
    return statutory, promised


def _steps(kind: str, short: str, promised: int | None) -> tuple[tuple[tuple[str, str], ...], ...]:
    def step(name: str, actor: str, limit: str) -> tuple[tuple[str, str], ...]:
        return (("name", name), ("actor", actor), ("limit", limit))

    if kind in ON_APPLICATION_KINDS:
        days = promised or 5
        review = max(1, days // 2)
        return (
            step("申请", "申请人", "网上或窗口提交"),
            step("受理", f"鄂州市政务服务中心{short}窗口", "即时"),
            step("审查", "承办科室", f"{review}个工作日"),
            step("决定", "分管负责人", f"{max(1, days - review)}个工作日"),
            step("送达", f"{short}窗口", "即时或邮寄"),
        )
    if kind == K.PENALTY:
        return (
            step("立案", "执法科室", "负责人批准"),
            step("调查取证", f"{short}执法人员（两名以上）", "出示执法证件"),
            step("法制审核", "法制审核机构", "重大执法决定"),
            step("告知", "执法科室", "陈述、申辩、听证权利"),
            step("决定", "部门负责人", "立案之日起90日内"),
            step("送达", "执法科室", "7个工作日内"),
            step("执行", "当事人", "15日内缴纳罚款"),
        )
    return (
        step("报批", "执法科室", "负责人批准"),
        step("实施", f"{short}执法人员（两名以上）", "出示执法证件，制作笔录"),
        step("处理", "执法科室", "依法处理并公开"),
    )


# The 办理项 of an item applied for, as the 2019 standardization split them by 情形 (applicant
# type, what changes): each rung of a ladder is one more way of splitting the same item
# (data/guides.yaml: ladders, complaint_ladder, one_kind_of_applicant).


def ladder_for(kind: str, name: str) -> tuple[tuple[str, ...], ...]:
    if name.endswith("投诉举报的受理和处理"):
        return vocab.GUIDES.complaint_ladder
    if name.startswith("对举报"):
        return ((),)
    ladder = vocab.GUIDES.ladders.get(kind, ((),))
    if any(word in name for word in vocab.GUIDES.one_kind_of_applicant):
        return tuple(rung for rung in ladder if not any("人）" in sub for sub in rung))
    return ladder


def _generic_rung(kind: str, name: str, rng: random.Random) -> int:
    ladder = ladder_for(kind, name)
    return rng.randint(0, max(0, (len(ladder) - 1) * 2 // 3))


def _candidates(
    domains: list[Domain], letters: str, rng: random.Random
) -> tuple[list[tuple[str, Domain, Named | None]], list[tuple[str, Domain, Named | None]]]:
    """(named, generic) candidate names of one kind in a department, in a stable order."""
    named: list[tuple[str, Domain, Named | None]] = []
    generic: list[tuple[str, Domain, Named | None]] = []
    for d in domains:
        for n in d.named:
            if n.letters == letters:
                named.append((n.name, d, n))
    patterns = vocab.GENERIC.get(letters, ())
    permit_patterns = vocab.PERMIT_PATTERNS.get(letters, ())
    for d in (d for d in domains if d.generic):
        if d.permit:
            generic.extend(
                (p.format(t=d.topic, a=d.actor, p=d.permit), d, None) for p in permit_patterns
            )
        generic.extend((p.format(t=d.topic, a=d.actor, p=d.permit), d, None) for p in patterns)
    rng.shuffle(generic)
    return named, generic


def _law_article_penalties(domains: list[Domain], rng: random.Random) -> list[tuple[str, Domain]]:
    """对违反《…》第N条规定行为的处罚: the fallback when the patterns run out."""
    out = []
    for d in (d for d in domains if d.generic):
        name, n = vocab.LAWS[d.law]
        for art in range(3, max(4, int(n * 0.6))):
            out.append((f"对违反《{name}》{article(art)}规定行为的处罚", d))
    rng.shuffle(out)
    return out


def _department_totals() -> dict[str, int]:
    weights = [v.weight for v in vocab.VOCAB]
    retained = apportion(SEED_RETAINED, weights)
    # Departments whose lists 2019 mostly moved in (the brigade, 退役军人, 医保) cancel nothing.
    cancelled = apportion(
        CANCELLED_2019,
        [v.weight if v.weight >= 20 and v.suffix not in NEW_IN_2019 else 0 for v in vocab.VOCAB],
    )
    return {v.suffix: r + c for v, r, c in zip(vocab.VOCAB, retained, cancelled, strict=True)} | {
        f"cancel:{v.suffix}": c for v, c in zip(vocab.VOCAB, cancelled, strict=True)
    }


def _kind_counts(
    dv: DeptVocab, total: int, named: dict[str, int], generic: dict[str, int | None]
) -> dict[str, int]:
    """Split a department's total by its mix: every named item, the rest by the mix's weights,
    capped by what the vocabulary can name (penalties never run out: the law-article names)."""
    kinds = list(dict.fromkeys([*dv.mix, *(x for x, n in named.items() if n)]))
    desired = dict(zip(kinds, apportion(total, [dv.mix.get(x, 0) for x in kinds]), strict=True))

    def cap(x: str) -> float:
        g = generic.get(x)
        return float("inf") if g is None else named.get(x, 0) + g

    counts = {x: int(min(max(desired[x], named.get(x, 0)), cap(x))) for x in kinds}
    by_weight = sorted(kinds, key=lambda x: (-dv.mix.get(x, 0), x))
    turn = 0
    while sum(counts.values()) < total:
        unlimited = [x for x in by_weight if cap(x) == float("inf")]
        spare = unlimited or [x for x in by_weight if counts[x] < cap(x)]
        if not spare:
            raise ValueError(f"{dv.suffix}: the vocabulary names too few items for {total}")
        counts[spare[turn % len(spare)]] += 1
        turn += 1
    while sum(counts.values()) > total:
        extra = [x for x in by_weight if counts[x] > named.get(x, 0)]
        if not extra:
            raise ValueError(f"{dv.suffix}: {sum(named.values())} named items exceed {total}")
        counts[extra[0]] -= 1
    return counts


def plan_power(seed: int) -> PowerPlan:
    """The 2018 list, and what 2019 did to it: 2,902 adjusted or transferred, 176 cancelled."""
    rng = rng_for(seed, "lists:power")
    totals = _department_totals()
    short = _short_names()
    seen: set[str] = set()
    drafts: list[dict[str, Any]] = []
    for dv in vocab.VOCAB:
        domains = list(dv.domains)
        code = dept(dv.suffix)
        enforcing = "CF" in dv.mix
        cands = {x: _candidates(domains, x, rng) for x in POWER_KIND_CODE.values()}
        named_n = {x: len(c[0]) for x, c in cands.items()}
        generic_n: dict[str, int | None] = {
            x: None if x == "CF" and enforcing else len(c[1]) for x, c in cands.items()
        }
        counts = _kind_counts(dv, totals[dv.suffix], named_n, generic_n)
        fallback = _law_article_penalties(domains, rng)
        sink = "CF" if enforcing else "JC"
        order = sorted(counts, key=lambda x: x == sink)
        short_by = 0
        for x in order:
            count = counts[x] + (short_by if x == sink else 0)
            named, generic = cands[x]
            chosen: list[tuple[str, Domain, Named | None]] = []
            for entry in [*named, *generic]:
                if len(chosen) >= count:
                    break
                if entry[0] not in seen:
                    seen.add(entry[0])
                    chosen.append(entry)
            for name, d in fallback if x == "CF" else ():
                if len(chosen) >= count:
                    break
                if name not in seen:
                    seen.add(name)
                    chosen.append((name, d, None))
            if len(chosen) < count:  # names taken by another department: the sink takes up
                if x == sink:
                    raise ValueError(f"{dv.suffix}/{x}: only {len(chosen)} of {count} names")
                short_by += count - len(chosen)
            kind = LETTERS_KIND[x]
            for name, d, n in chosen:
                statutory, promised = _statutory(kind, rng)
                declared = kind in ON_APPLICATION_KINDS or rng.random() < 0.35
                subitems = n.subitems if n and n.subitems else ()
                rung = 0
                if kind in ON_APPLICATION_KINDS and not subitems:
                    rung = _generic_rung(kind, name, rng)
                    subitems = ladder_for(kind, name)[rung]
                source = dept(d.source) if d.source else code
                drafts.append(
                    {
                        "initial_dept": source,
                        "final_dept": code,
                        "kind": kind,
                        "name": name,
                        "legal_basis": _legal_basis(rng, d.law, kind == K.PENALTY)
                        if not (n and n.article)
                        else f"《{vocab.LAWS[d.law][0]}》{article(n.article)}",
                        "pinned_basis": bool(n and n.article),
                        "responsibility": vocab.RESPONSIBILITY.get(
                            kind,
                            vocab.RESPONSIBILITY["on_application"]
                            if kind in ON_APPLICATION_KINDS
                            else vocab.RESPONSIBILITY[K.INSPECTION],
                        ),
                        "accountability": vocab.ACCOUNTABILITY,
                        "steps": _steps(kind, short[code], promised) if declared else (),
                        "statutory_limit": statutory,
                        "promised_limit": promised,
                        "restricts_market_access": kind == K.LICENSING and rng.random() < 0.4,
                        "subitems": subitems,
                        "named": n is not None,
                        "explicit_subitems": bool(n and n.subitems),
                        "rung": rung,
                        "cancel_named": bool(n and n.cancelled),
                        "dept_suffix": dv.suffix,
                    }
                )
    _assign_changes(drafts, totals, short, rng)
    _assign_branches(drafts, rng)
    _fit_guides(drafts, rng)
    return PowerPlan(_finish(drafts), short)


def _assign_changes(
    drafts: list[dict[str, Any]],
    totals: dict[str, int],
    short: dict[str, str],
    rng: random.Random,
) -> None:
    """Cancellations (named ones first), transfers (by domain), then adjustments to 2,902."""
    by_dept: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for d in drafts:
        by_dept[d["dept_suffix"]].append(d)
    for suffix, rows in by_dept.items():
        wanted = totals[f"cancel:{suffix}"]
        forced = [r for r in rows if r["cancel_named"]]
        pool = [
            r
            for r in rows
            if not r["named"] and r["initial_dept"] == r["final_dept"] and r not in forced
        ]
        picks = forced + rng.sample(pool, max(0, wanted - len(forced)))
        if len(picks) != wanted:
            raise ValueError(f"{suffix}: {len(picks)} cancellations planned, {wanted} wanted")
        for r in picks:
            r["change"] = ChangeSpec(
                "cancel", rng.choice(ADJUST_DAYS), rng.choice(vocab.CANCEL_REASONS)
            )
    transfers = [d for d in drafts if d["initial_dept"] != d["final_dept"]]
    for r in transfers:
        day = BRIGADE_DAY if r["final_dept"] == dept("ZHZFZD") else REFORM_DAY
        reason = vocab.TRANSFER_REASON.format(to=short[r["final_dept"]])
        r["change"] = ChangeSpec("transfer", day, reason)
    adjustable = [d for d in drafts if "change" not in d]
    wanted = SEED_ADJUSTED - len(transfers)
    if not 0 <= wanted <= len(adjustable):
        raise ValueError(f"{len(transfers)} transfers leave {wanted} adjustments to plan")
    for r in rng.sample(adjustable, wanted):
        r["change"] = _adjustment(r, rng, short)


def _adjustment(r: dict[str, Any], rng: random.Random, short: dict[str, str]) -> ChangeSpec:
    options = ["elements", "reform", "steps"] + ([] if r["pinned_basis"] else ["basis"])
    if r["promised_limit"] and r["promised_limit"] > 1:
        options += ["limit", "limit"]
    what = rng.choice(options)
    reason = dict(vocab.ADJUST_REASONS)[what]
    day = rng.choice(ADJUST_DAYS)
    changes: list[tuple[str, Any]]
    if what == "basis":
        head, _, art = r["legal_basis"].rpartition("第")
        changes = [("legal_basis", f"{head}第{_bump_article(art)}")]
    elif what in ("elements", "reform"):
        revised = r["responsibility"].replace(
            "其他法律法规规章文件规定应履行的责任", vocab.RESPONSIBILITY_REVISED
        )
        if revised == r["responsibility"]:
            revised += vocab.RESPONSIBILITY_REVISED + "。"
        changes = [("responsibility", revised)]
        if what == "reform":
            changes.append(
                ("accountability", vocab.ACCOUNTABILITY + "（按照机构改革后的职责分工追责）")
            )
    elif what == "steps":
        steps = r["steps"] or _steps(r["kind"], short[r["final_dept"]], r["promised_limit"])
        if r["steps"]:  # the procedure gains a published result step
            steps = (
                *steps,
                (("name", "结果公开"), ("actor", "承办科室"), ("limit", "7个工作日内")),
            )
        changes = [("steps", steps)]
    else:
        changes = [("promised_limit", max(1, r["promised_limit"] // 2))]
    return ChangeSpec("adjust", day, reason, tuple(changes))


def _bump_article(art: str) -> str:
    """ "一百二十二条" → the following article, as a renumbered law gives."""
    number = _from_cn(art.removesuffix("条"))
    return f"{cn_number(number + 1)}条"


def _from_cn(text: str) -> int:
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "零":
            continue
        else:
            current = _DIGITS.index(ch)
    return total + current


def _is_retained_on_application(d: dict[str, Any]) -> bool:
    change = d.get("change")
    return d["kind"] in ON_APPLICATION_KINDS and (change is None or change.action != "cancel")


def _assign_branches(drafts: list[dict[str, Any]], rng: random.Random) -> None:
    for d in drafts:
        d["branches"] = ()
        share = BRANCH_SHARE.get(d["final_dept"])
        if share and _is_retained_on_application(d) and rng.random() < share:
            d["branches"] = tuple(code for code, _ in BRANCHES[d["final_dept"]])


def guide_count(subitems: Sequence[str], branches: Sequence[str]) -> int:
    return max(1, len(subitems)) * (1 + len(branches))


def _fit_guides(drafts: list[dict[str, Any]], rng: random.Random) -> None:
    """Move items up or down their ladders until the retained items applied for have 4,421.

    One rung more is one guide more, times the item's implementing offices; a move is made only
    when it does not overshoot, so the items handled by one office settle the last few guides.
    """
    retained = [d for d in drafts if _is_retained_on_application(d)]
    adjustable = [d for d in retained if not d["explicit_subitems"]]
    rng.shuffle(adjustable)
    total = sum(guide_count(d["subitems"], d["branches"]) for d in retained)
    step, stuck = 0, 0
    while total != SEED_GUIDES:
        if stuck > len(adjustable):
            raise ValueError(f"cannot fit the guides: {total} planned, {SEED_GUIDES} wanted")
        d = adjustable[step % len(adjustable)]
        step += 1
        ladder = ladder_for(d["kind"], d["name"])
        up = total < SEED_GUIDES
        rung = d["rung"] + (1 if up else -1)
        offices = 1 + len(d["branches"])
        if not 0 <= rung < len(ladder) or offices > abs(SEED_GUIDES - total):
            stuck += 1
            continue
        stuck = 0
        before = guide_count(d["subitems"], d["branches"])
        d["rung"], d["subitems"] = rung, ladder[rung]
        total += guide_count(d["subitems"], d["branches"]) - before


def _finish(drafts: list[dict[str, Any]]) -> list[PowerItemSpec]:
    kind_index = {k: i + 1 for i, k in enumerate(POWER_KIND_CODE)}
    dept_index = {dept(d.suffix): i + 1 for i, d in enumerate(data.CITY_DEPARTMENTS)}
    sequence: Counter[tuple[str, str]] = Counter()
    specs = []
    for d in drafts:
        key = (d["initial_dept"], d["kind"])
        sequence[key] += 1
        catalog = (
            f"{CITY_PREFIX}{kind_index[d['kind']]:02d}{dept_index[d['initial_dept']]:02d}"
            f"{sequence[key]:05d}"
        )
        specs.append(
            PowerItemSpec(
                catalog_code=catalog,
                initial_dept=d["initial_dept"],
                final_dept=d["final_dept"],
                kind=d["kind"],
                name=d["name"],
                legal_basis=d["legal_basis"],
                responsibility=d["responsibility"],
                accountability=d["accountability"],
                steps=d["steps"],
                statutory_limit=d["statutory_limit"],
                promised_limit=d["promised_limit"],
                restricts_market_access=d["restricts_market_access"],
                subitems=d["subitems"] if d["kind"] in ON_APPLICATION_KINDS else (),
                change=d.get("change"),
                branches=d["branches"],
                named=d["named"],
            )
        )
    return specs


# ---------------------------------------------------------------------------------------------
# Service guides and their materials; the 2019 materials cleanup (97 items, 318 materials)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MaterialSpec:
    order: int
    name: str
    source: str = MaterialSource.APPLICANT
    required: bool = True
    copies: int = 1
    cut_on: date | None = None
    proof: tuple[str, str] | None = None  # (department code, proof name) it answers


@dataclass(frozen=True)
class GuideSpec:
    catalog_code: str  # of its power item
    office: str  # "" for the department's own window, else the branch office's code
    index: int  # 1-based, per office
    sub_item: str
    conditions: str
    where: str
    online: bool
    trips: int
    promised_limit: int | None
    materials: tuple[MaterialSpec, ...]

    def code(self, item_code: str) -> str:
        office = f"-{self.office.split('-')[0]}" if self.office else ""
        return f"{item_code}{office}-{self.index:02d}"


# The materials of each operation, the conditions by kind, and the pool the 2019 cleanup cut from
# (办事资料精减清单（第一批）) are in data/guides.yaml.


def _op(sub: str) -> str:
    """新办（法人） → 新办, 补办（遗失） → 补办."""
    return sub.split("（")[0]


FIRST_OPS = frozenset({"新办", "首次办理", "申请", ""})


def sub_item_name(item: str, sub: str) -> str:
    """食品经营许可 + 新办（法人） → 食品经营许可（新办）（法人）."""
    if not sub:
        return item
    op, _, qualifier = sub.partition("（")
    return f"{item}（{op}）" + (f"（{qualifier}" if qualifier else "")


def plan_guides(seed: int, plan: PowerPlan, proofs: Sequence[ProofSpec] = ()) -> list[GuideSpec]:
    """One guide per 办理项 of each retained item applied for, per implementing office; the
    offices of one item publish the same materials (同源), the cuts are the department's."""
    rng = rng_for(seed, "lists:guides")
    materials_by_op, conditions = vocab.GUIDES.materials_by_op, vocab.GUIDES.conditions
    windows = {code: where for offices in BRANCHES.values() for code, where in offices}
    pilots: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for p in proofs:
        if p.status == "notify_commit" and p.item_name:
            pilots[p.item_name].append((p.dept, p.name))
    items = [s for s in plan.retained() if s.on_application]
    cuts = _plan_cuts(items, rng)
    guides: list[GuideSpec] = []
    for s in items:
        short = plan.short_names[s.final_dept]
        for index, sub in enumerate(s.subitems or ("",), 1):
            pool = materials_by_op.get(_op(sub), materials_by_op[""])
            keep = pool[: rng.randint(min(2, len(pool)), len(pool))]
            materials = [
                MaterialSpec(n, name.format(n=s.name), source or MaterialSource.APPLICANT)
                for n, (name, source) in enumerate(keep, 1)
            ]
            if s.kind == K.LICENSING or rng.random() < 0.3:
                materials.append(
                    MaterialSpec(len(materials) + 1, vocab.GUIDES.agent_material, required=False)
                )
            if _op(sub) in FIRST_OPS:
                for dept_code_, proof_name in pilots.get(s.name, ()):
                    materials.append(
                        MaterialSpec(
                            len(materials) + 1,
                            f"{proof_name}（可书面承诺替代）",
                            MaterialSource.NOTIFY_COMMIT,
                            proof=(dept_code_, proof_name),
                        )
                    )
            online, trips = rng.random() < 0.85, rng.choice((0, 0, 0, 1))
            for office in ("", *s.branches):
                listed = list(materials)
                if not office:
                    for name in cuts.get((s.catalog_code, index), ()):
                        listed.append(MaterialSpec(len(listed) + 1, name, cut_on=MATERIALS_CUT_ON))
                guides.append(
                    GuideSpec(
                        catalog_code=s.catalog_code,
                        office=office,
                        index=index,
                        sub_item=sub_item_name(s.name, sub),
                        conditions=conditions.get(s.kind, conditions[K.OTHER]),
                        where=windows[office] if office else f"鄂州市政务服务中心{short}窗口",
                        online=online,
                        trips=trips,
                        promised_limit=s.promised_limit,
                        materials=tuple(listed),
                    )
                )
    return guides


def _plan_cuts(items: list[PowerItemSpec], rng: random.Random) -> dict[tuple[str, int], list[str]]:
    """318 materials cut across exactly 97 items (2 to 5 each), on the department's own guides."""
    pool = [
        s
        for s in items
        if not s.branches and s.kind in (K.LICENSING, K.CONFIRMATION, K.OTHER, K.BENEFIT)
    ]
    chosen = sorted(rng.sample(pool, SEED_CUT_ITEMS), key=lambda s: s.catalog_code)
    per_item = [2] * SEED_CUT_ITEMS
    extra = SEED_CUT_MATERIALS - sum(per_item)
    while extra:
        i = rng.randrange(SEED_CUT_ITEMS)
        if per_item[i] < 5:
            per_item[i] += 1
            extra -= 1
    cuts: dict[tuple[str, int], list[str]] = defaultdict(list)
    for s, n in zip(chosen, per_item, strict=True):
        guides = max(1, len(s.subitems))
        for name in rng.sample(vocab.GUIDES.cut_pool, n):
            cuts[(s.catalog_code, rng.randint(1, guides))].append(name)
    return cuts


# ---------------------------------------------------------------------------------------------
# Proofs (证明事项), the 减证便民 complaints
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProofSpec:
    dept: str
    name: str
    item_name: str  # the power item that asked for it ("" when it is no list item's, e.g. 公证)
    issuer: str
    status: str  # after 2019: retained, cancelled or notify_commit
    replacement: str = ""
    community: bool = False
    changed_on: date | None = None
    reason: str = ""


COMMUNITY = "村（社区）居民委员会"
_CANCEL = "社区证明专项清理：取消{r}"
R = ProofReplacement


def plan_proofs() -> list[ProofSpec]:
    """The proofs of data/proofs.csv and what 2019 did to them: the 18 community proofs cancelled
    (社区证明专项清理), the notify-commit pilots, the ones retained."""
    out = []
    for p in vocab.PROOFS:
        if p.status == "cancelled":
            replacement = R(p.replacement)
            out.append(
                ProofSpec(
                    dept(p.dept),
                    p.name,
                    p.item_name,
                    COMMUNITY,
                    "cancelled",
                    replacement,
                    True,
                    PROOFS_CANCELLED_ON,
                    _CANCEL.format(r=f"，改为{replacement.label}"),
                )
            )
        elif p.status == "notify_commit":
            out.append(
                ProofSpec(
                    dept(p.dept),
                    p.name,
                    p.item_name,
                    "相关单位",
                    "notify_commit",
                    R.NOTIFY_COMMIT,
                    False,
                    NOTIFY_COMMIT_FROM,
                    "证明事项告知承诺制试点：申请人书面承诺后不再索要",
                )
            )
        elif p.status == "retained":
            out.append(ProofSpec(dept(p.dept), p.name, p.item_name, p.issuer, "retained"))
        else:
            raise ValueError(f"proofs.csv：未知状态 {p.status!r}（{p.name}）")
    return out


@dataclass(frozen=True)
class ComplaintSpec:
    proof: tuple[str, str]  # (department code, proof name)
    township: str  # org unit code of the township of the community
    community: str
    demanded_by: str
    description: str
    received_on: date
    replied_on: date
    reply: str


def plan_complaints(seed: int) -> list[ComplaintSpec]:
    """The 16 complaints about cancelled community proofs still being demanded, all replied."""
    rng = rng_for(seed, "lists:complaints")
    communities = [p for p in plan_places(seed) if p.kind == "community"]
    picks = rng.sample(communities, SEED_COMPLAINTS)
    days = sorted(rng.sample(range(0, 125), SEED_COMPLAINTS))  # 2019-08-01 … 2019-12-03
    out = []
    n = 0
    cancelled = {p.name: p for p in vocab.PROOFS if p.status == "cancelled"}
    for complaint in vocab.COMPLAINTS:  # data/complaints.csv
        proof, who = cancelled[complaint.proof], complaint.demanded_by
        name, replacement = proof.name, R(proof.replacement)
        suffix = proof.dept
        for _ in range(complaint.count):
            place = picks[n]
            received = date(2019, 8, 1) + timedelta(days=days[n])
            replied = received + timedelta(days=rng.randint(3, 10))
            out.append(
                ComplaintSpec(
                    proof=(dept(suffix), name),
                    township=place.township,
                    community=place.name,
                    demanded_by=who,
                    description=(
                        f"{received.month}月{received.day}日，{place.name}居民来电反映：办理业务时，"
                        f"{who}仍要求其到社区开具“{name}”。该证明已于2019年7月31日取消。"
                    ),
                    received_on=received,
                    replied_on=replied,
                    reply=(
                        f"经核查，{who}仍索要已取消的“{name}”属实。已督促其立即停止索要，"
                        f"改为{replacement.label}；已将处理结果告知投诉人。"
                    ),
                )
            )
            n += 1
    return out


# ---------------------------------------------------------------------------------------------
# Fees: the two fee lists, and the 2019 cleanup of fee documents (53 kept, 6 amended, 10 repealed)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeeSpec:
    dept: str
    name: str
    standard: str
    unit: str
    enterprise: bool
    pricing_document: str


def plan_fees() -> list[FeeSpec]:
    return [
        FeeSpec(dept(f.dept), f.name, f.standard, f.unit, f.enterprise, f.pricing_document)
        for f in vocab.FEES  # data/fees.csv
    ]


@dataclass(frozen=True)
class FeeDocSpec:
    title: str
    number: str
    issuer: str
    outcome: str
    reason: str


FEE_CLEANUP_TITLE = "2019年价费文件再清理（在2018年6月1日公布结果的基础上）"


def plan_fee_documents(seed: int) -> list[FeeDocSpec]:
    rng = rng_for(seed, "lists:fee-documents")
    docs = vocab.FEE_DOCUMENTS  # data/fee_documents.yaml
    titles = [f.format(t=t) for t in docs.topics for f in docs.forms]
    rng.shuffle(titles)
    outcomes = [o for o, n in SEED_FEE_OUTCOMES.items() for _ in range(n)]
    rng.shuffle(outcomes)
    out = []
    numbers: set[str] = set()
    for title, outcome in zip(titles, outcomes, strict=False):
        year = rng.randint(2008, 2018)
        issuer, prefix = (
            ("鄂州市物价局", "鄂州价")
            if year < 2019 and rng.random() < 0.7
            else ("鄂州市财政局", "鄂州财")
        )
        number = f"{prefix}〔{year}〕{rng.randint(1, 120)}号"
        while number in numbers:
            number = f"{prefix}〔{year}〕{rng.randint(1, 120)}号"
        numbers.add(number)
        out.append(FeeDocSpec(title, number, issuer, outcome, docs.reasons[outcome]))
    return out


# ---------------------------------------------------------------------------------------------
# The market regulator's discretion benchmarks and its no-penalty list
# ---------------------------------------------------------------------------------------------

FACTORS: tuple[tuple[str, str, str, list[str], str], ...] = (
    ("first_offence", "初次违法", "boolean", [], ""),
    ("corrected", "及时改正", "boolean", [], ""),
    ("refused_to_correct", "拒不改正", "boolean", [], ""),
    ("harm", "危害后果", "choice", ["none", "minor", "general", "serious"], ""),
    ("goods_value", "违法经营的食品或产品货值金额", "number", [], "元"),
    ("ad_cost", "广告费用", "number", [], "元"),
    ("ad_cost_unknown", "广告费用无法计算或者明显偏低", "boolean", [], ""),
)
LIGHT = ["none", "minor"]
MIDDLE = ["none", "minor", "general"]


@dataclass(frozen=True)
class TierSpec:
    label: str
    conditions: tuple[tuple[str, str, Any], ...]
    fine_min: int | None
    fine_max: int | None
    measures: str
    article: str

    def condition_dicts(self) -> list[dict[str, Any]]:
        return [{"factor": f, "op": op, "value": v} for f, op, v in self.conditions]


@dataclass(frozen=True)
class BenchmarkSpec:
    item_name: str
    name: str
    violation: str
    penalty_basis: str
    tiers: tuple[TierSpec, ...]


_FOOD = "《中华人民共和国食品安全法》第一百二十二条第一款"
_FOOD_CHECK = "《中华人民共和国食品安全法》第一百二十六条第一款"
_AD = "《中华人民共和国广告法》第五十五条第一款"
_PRICE = "《中华人民共和国价格法》第四十二条"
_QUALITY = "《中华人民共和国产品质量法》第四十九条"
_SMALL = ("goods_value", "<", 10000)
_BIG = ("goods_value", ">=", 10000)
BENCHMARKS = (
    BenchmarkSpec(
        "对未取得食品经营许可从事食品经营活动的处罚",
        "未取得食品经营许可从事食品经营活动裁量基准",
        "未取得食品经营许可从事食品经营活动",
        "没收违法所得和违法经营的食品以及用于违法经营的工具、设备、原料等物品；货值金额不足一万元"
        "的，并处五万元以上十万元以下罚款；货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款",
        (
            TierSpec(
                "从轻",
                (_SMALL, ("harm", "in", LIGHT), ("corrected", "=", True)),
                50000,
                70000,
                "没收违法所得和违法经营的食品",
                _FOOD,
            ),
            TierSpec(
                "一般",
                (_SMALL, ("harm", "in", MIDDLE)),
                70000,
                85000,
                "没收违法所得和违法经营的食品",
                _FOOD,
            ),
            TierSpec(
                "从重", (_SMALL,), 85000, 100000, "没收违法所得、违法经营的食品和工具设备", _FOOD
            ),
            TierSpec(
                "从轻（货值一万元以上）",
                (_BIG, ("harm", "in", LIGHT)),
                None,
                None,
                "并处货值金额十倍以上十三倍以下罚款",
                _FOOD,
            ),
            TierSpec(
                "一般（货值一万元以上）",
                (_BIG, ("harm", "in", MIDDLE)),
                None,
                None,
                "并处货值金额十三倍以上十七倍以下罚款",
                _FOOD,
            ),
            TierSpec(
                "从重（货值一万元以上）",
                (_BIG,),
                None,
                None,
                "并处货值金额十七倍以上二十倍以下罚款",
                _FOOD,
            ),
        ),
    ),
    BenchmarkSpec(
        "对食品经营者未按规定建立并遵守进货查验记录制度的处罚",
        "食品经营者未按规定建立并遵守进货查验记录制度裁量基准",
        "食品经营者进货时未查验许可证和相关证明文件，或者未按规定建立并遵守进货查验记录制度",
        "责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款；情节严重的，责令停产停业，"
        "直至吊销许可证",
        (
            TierSpec(
                "警告",
                (("refused_to_correct", "=", False),),
                None,
                None,
                "责令改正，给予警告",
                _FOOD_CHECK,
            ),
            TierSpec("拒不改正（从轻）", (("harm", "in", LIGHT),), 5000, 20000, "", _FOOD_CHECK),
            TierSpec("拒不改正（一般）", (("harm", "in", MIDDLE),), 20000, 35000, "", _FOOD_CHECK),
            TierSpec("拒不改正（从重）", (), 35000, 50000, "情节严重的，责令停产停业", _FOOD_CHECK),
        ),
    ),
    BenchmarkSpec(
        "对经营者发布虚假广告的处罚",
        "发布虚假广告裁量基准",
        "广告主发布虚假广告",
        "责令停止发布广告，责令广告主在相应范围内消除影响，处广告费用三倍以上五倍以下的罚款；"
        "广告费用无法计算或者明显偏低的，处二十万元以上一百万元以下的罚款",
        (
            TierSpec(
                "从轻（费用无法计算）",
                (("ad_cost_unknown", "=", True), ("harm", "in", LIGHT)),
                200000,
                400000,
                "",
                _AD,
            ),
            TierSpec(
                "一般（费用无法计算）",
                (("ad_cost_unknown", "=", True), ("harm", "in", MIDDLE)),
                400000,
                700000,
                "",
                _AD,
            ),
            TierSpec(
                "从重（费用无法计算）", (("ad_cost_unknown", "=", True),), 700000, 1000000, "", _AD
            ),
            TierSpec(
                "从轻",
                (("harm", "in", LIGHT),),
                None,
                None,
                "处广告费用三倍以上三点五倍以下罚款",
                _AD,
            ),
            TierSpec(
                "一般",
                (("harm", "in", MIDDLE),),
                None,
                None,
                "处广告费用三点五倍以上四点五倍以下罚款",
                _AD,
            ),
            TierSpec("从重", (), None, None, "处广告费用四点五倍以上五倍以下罚款", _AD),
        ),
    ),
    BenchmarkSpec(
        "对经营者不执行明码标价规定的处罚",
        "不执行明码标价规定裁量基准",
        "经营者不按规定明码标价，或者在标价之外加价出售商品、收取未予标明的费用",
        "责令改正，没收违法所得，可以并处五千元以下的罚款",
        (
            TierSpec(
                "从轻",
                (("harm", "in", LIGHT), ("corrected", "=", True)),
                0,
                1000,
                "责令改正，没收违法所得",
                _PRICE,
            ),
            TierSpec(
                "一般", (("harm", "in", MIDDLE),), 1000, 3000, "责令改正，没收违法所得", _PRICE
            ),
            TierSpec("从重", (), 3000, 5000, "责令改正，没收违法所得", _PRICE),
        ),
    ),
    BenchmarkSpec(
        "对销售不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品的处罚",
        "销售不符合保障人体健康和人身、财产安全标准的产品裁量基准",
        "销售不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品",
        "责令停止销售，没收违法销售的产品，并处违法销售产品货值金额等值以上三倍以下的罚款；有违法"
        "所得的，并处没收违法所得；情节严重的，吊销营业执照",
        (
            TierSpec(
                "从轻",
                (("harm", "in", LIGHT), ("corrected", "=", True)),
                None,
                None,
                "并处货值金额等值以上一点五倍以下罚款",
                _QUALITY,
            ),
            TierSpec(
                "一般",
                (("harm", "in", MIDDLE),),
                None,
                None,
                "并处货值金额一点五倍以上二点二倍以下罚款",
                _QUALITY,
            ),
            TierSpec("从重", (), None, None, "并处货值金额二点二倍以上三倍以下罚款", _QUALITY),
        ),
    ),
)


@dataclass(frozen=True)
class NoPenaltySpec:
    item_name: str
    name: str
    violation: str
    mandatory: bool
    measures: str

    def conditions(self) -> list[dict[str, Any]]:
        if self.mandatory:  # 第三十三条第一款: minor, corrected, no harm
            return [
                {"factor": "harm", "op": "=", "value": "none"},
                {"factor": "corrected", "op": "=", "value": True},
            ]
        return [  # 第三十三条第一款后段 (初次违法且危害后果轻微并及时改正的，可以不予)
            {"factor": "first_offence", "op": "=", "value": True},
            {"factor": "harm", "op": "in", "value": LIGHT},
            {"factor": "corrected", "op": "=", "value": True},
        ]


NO_PENALTY_TITLE = "首次轻微违法经营行为免罚清单"


def plan_no_penalty() -> list[NoPenaltySpec]:
    return [
        NoPenaltySpec(
            e.item_name,
            f"首次轻微违法免罚：{e.violation}",
            e.violation,
            e.mandatory,
            "批评教育、责令改正",
        )
        for e in vocab.NO_PENALTY  # data/no_penalty.csv
    ]


DISCRETION_DEPT = dept("SCJG")
