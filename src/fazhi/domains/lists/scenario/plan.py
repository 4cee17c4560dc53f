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
otherwise the patterns of Hubei lists (对……的处罚, 对……的监督检查, 查封、扣押……). Laws are real;
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
# type, what changes): each rung of a ladder is one more way of splitting the same item.
_LICENCE = ("新办", "变更", "延续", "注销", "补办")
GUIDE_LADDERS: dict[str, tuple[tuple[str, ...], ...]] = {
    K.LICENSING: (
        ("新办",),
        ("新办", "注销"),
        ("新办", "变更", "注销"),
        ("新办", "变更", "延续", "注销"),
        _LICENCE,
        ("新办（法人）", "新办（自然人）", *_LICENCE[1:]),
        ("新办（法人）", "新办（自然人）", "变更（许可事项）", "变更（登记事项）", *_LICENCE[2:]),
        (
            "新办（法人）",
            "新办（自然人）",
            "变更（许可事项）",
            "变更（登记事项）",
            "延续",
            "注销",
            "补办（遗失）",
            "补办（损毁）",
        ),
        (
            "新办（法人）",
            "新办（自然人）",
            "变更（许可事项）",
            "变更（登记事项）",
            "延续",
            "注销",
            "补办（遗失）",
            "补办（损毁）",
            "迁移",
        ),
    ),
    K.CONFIRMATION: (
        ("首次办理",),
        ("首次办理", "变更"),
        ("首次办理", "变更", "注销"),
        ("首次办理", "变更", "注销", "补证"),
        ("首次办理", "变更", "注销", "补证", "更正"),
        ("首次办理（法人）", "首次办理（自然人）", "变更", "注销", "补证", "更正"),
        (
            "首次办理（法人）",
            "首次办理（自然人）",
            "变更",
            "注销",
            "补证（遗失）",
            "补证（损毁）",
            "更正",
        ),
    ),
    K.OTHER: (
        ("首次办理",),
        ("首次办理", "注销"),
        ("首次办理", "变更", "注销"),
        ("首次办理（法人）", "首次办理（自然人）", "变更", "注销"),
        ("首次办理（法人）", "首次办理（自然人）", "变更", "注销", "补办"),
        ("首次办理（法人）", "首次办理（自然人）", "变更", "注销", "补办（遗失）", "补办（损毁）"),
    ),
    K.BENEFIT: (
        ("申请",),
        ("申请", "停发"),
        ("申请", "变更", "停发"),
        ("申请", "变更", "停发", "恢复"),
    ),
    K.REWARD: (("申报",), ("单位申报", "个人申报")),
}
COMPLAINT_LADDER = (("受理",), ("投诉", "举报"))


# Items only a person, or only an organization, applies for: no split by applicant type.
ONE_KIND_OF_APPLICANT = data.words(
    "企业 单位 机构 公司 站级 合作社 学校 幼儿园 医疗 场所 社会组织 社会团体 民办 龙头 示范社 "
    "驾驶 执业 资格 护照 通行证 身份证 居住证 户口 户籍 教师 医师 护士 婚姻 收养 出生 死亡 "
    "人员 兽医 传承人 优待证 社会保障卡 学生 转学 退休 失业 就业 工伤 抚恤 补助 补贴 救助 "
    "老年 残疾 低保 低收入 特困 助学 资助 献血 生育 狩猎 用火 保安员"
)


def ladder_for(kind: str, name: str) -> tuple[tuple[str, ...], ...]:
    if name.endswith("投诉举报的受理和处理"):
        return COMPLAINT_LADDER
    if name.startswith("对举报"):
        return ((),)
    ladder = GUIDE_LADDERS.get(kind, ((),))
    if any(word in name for word in ONE_KIND_OF_APPLICANT):
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


E = MaterialSource.E_LICENCE
SHARED = MaterialSource.DATA_SHARING
_ID = ("申请人身份证件", E)
_LICENCE_ID = ("营业执照", E)
_AGENT = ("授权委托书及受托人身份证件（委托办理时提供）", MaterialSource.APPLICANT)
MATERIALS_BY_OP: dict[str, tuple[tuple[str, str], ...]] = {
    "新办": (
        ("{n}申请书", ""),
        _LICENCE_ID,
        ("法定代表人（负责人）身份证件", SHARED),
        ("经营（办公）场所使用证明", ""),
        ("专业技术人员资格证明", ""),
        ("主要设施设备清单", ""),
        ("相关管理制度文本", ""),
    ),
    "变更": (("{n}变更申请书", ""), ("原证件", E), ("变更事项证明材料", "")),
    "延续": (("{n}延续申请书", ""), ("原证件", E), ("有效期内经营情况说明", "")),
    "注销": (("{n}注销申请书", ""), ("原证件", E)),
    "补办": (("{n}补办申请书", ""), ("证件遗失或损毁情况说明", "")),
    "迁移": (("{n}迁移申请书", ""), ("新场所使用证明", "")),
    "更正": (("更正申请书", ""), ("证明登记事项有误的材料", "")),
    "首次办理": (("{n}申请表", ""), _ID, ("相关证明材料", ""), ("现场照片", "")),
    "申请": (("{n}申请表", ""), _ID, ("户口簿", E), ("银行账户信息", ""), ("家庭情况说明", "")),
    "停发": (("停发申请", ""), _ID),
    "恢复": (("恢复申请", ""), _ID, ("恢复条件证明材料", "")),
    "申报": (("推荐（申报）表", ""), ("主要事迹材料", ""), ("所在单位意见", "")),
    "单位申报": (("单位推荐（申报）表", ""), ("主要事迹材料", ""), _LICENCE_ID),
    "个人申报": (("个人推荐（申报）表", ""), ("主要事迹材料", ""), _ID),
    "受理": (("投诉举报材料", ""), ("相关证据材料", "")),
    "投诉": (("投诉书", ""), ("投诉人身份证件", E), ("相关证据材料", "")),
    "举报": (("举报材料", ""), ("相关证据材料", "")),
    "": (("{n}申请书", ""), _ID, ("相关证明材料", "")),
}
# What the 2019 cleanup cut (办事资料精减清单（第一批）): copies and proofs no longer needed.
CUT_POOL = data.words(
    "身份证复印件 户口簿复印件 营业执照复印件 组织机构代码证复印件 税务登记证复印件 居住证明 "
    "婚姻状况证明 无犯罪记录证明 收入证明 亲属关系证明 健康状况证明 单位介绍信 社区推荐意见 "
    "无违法违规证明 纳税证明 社保缴费证明 学历证书复印件 房屋产权证明复印件 "
    "事业单位法人证书复印件 申请人近期免冠照片 村（居）委会意见 资信证明 验资报告"
)
CONDITIONS: dict[str, str] = {
    K.LICENSING: "申请人具备法律、法规规定的条件，有与所申请事项相适应的场所、设施设备、"
    "专业技术人员和管理制度。",
    K.CONFIRMATION: "申请人为符合规定条件的公民、法人或者其他组织，提交的材料真实、完整。",
    K.OTHER: "申请人提交的材料齐全、符合法定形式。",
    K.BENEFIT: "申请人符合政策规定的给付条件，家庭经济状况等经核查属实。",
    K.REWARD: "在相关工作中成绩突出，经推荐或者申报、审核、公示无异议。",
    K.ADJUDICATION: "申请人与争议有直接利害关系，有明确的请求和事实根据，属于受理范围。",
}


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
            pool = MATERIALS_BY_OP.get(_op(sub), MATERIALS_BY_OP[""])
            keep = pool[: rng.randint(min(2, len(pool)), len(pool))]
            materials = [
                MaterialSpec(n, name.format(n=s.name), source or MaterialSource.APPLICANT)
                for n, (name, source) in enumerate(keep, 1)
            ]
            if s.kind == K.LICENSING or rng.random() < 0.3:
                materials.append(MaterialSpec(len(materials) + 1, _AGENT[0], required=False))
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
                        conditions=CONDITIONS.get(s.kind, CONDITIONS[K.OTHER]),
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
        for name in rng.sample(CUT_POOL, n):
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
_COMMUNITY_PROOFS = (
    ("GAJ", "居住证明（办理居住证）", "居住证核发", R.DATA_SHARING),
    ("GAJ", "亲属关系证明（户口迁移投靠）", "户口迁移登记", R.DATA_SHARING),
    ("GAJ", "户籍信息更正证明", "户口登记项目变更更正", R.DATA_SHARING),
    ("YBJ", "意外伤害证明（医疗费用报销）", "医疗费用零星报销", R.NOTIFY_COMMIT),
    ("YBJ", "异地居住证明（异地就医备案）", "异地就医备案", R.NOTIFY_COMMIT),
    ("WJW", "取环证明", "", R.NOT_REQUIRED),
    ("WJW", "婚育情况证明（生育服务登记）", "生育服务登记", R.NOTIFY_COMMIT),
    ("WJW", "独生子女证明（奖励扶助）", "农村部分计划生育家庭奖励扶助金发放", R.DATA_SHARING),
    ("SFJ", "亲属关系证明（办理继承公证）", "", R.NOTIFY_COMMIT),
    ("SFJ", "婚姻状况证明（办理公证）", "", R.DATA_SHARING),
    ("SFJ", "出生证明（办理公证）", "", R.E_LICENCE),
    ("MZJ", "家庭经济状况证明（最低生活保障）", "最低生活保障对象认定", R.DATA_SHARING),
    ("MZJ", "无赡养（抚养、扶养）能力证明（特困供养）", "特困人员救助供养", R.DATA_SHARING),
    ("RSJ", "生存证明（养老金领取资格认证）", "基本养老保险待遇支付", R.DATA_SHARING),
    ("RSJ", "失业证明（失业保险金申领）", "失业保险金发放", R.DATA_SHARING),
    ("JYJ", "家庭经济困难证明（学生资助）", "普通高中国家助学金发放", R.NOTIFY_COMMIT),
    ("ZJJ", "住房困难证明（公共租赁住房）", "公共租赁住房保障资格认定", R.DATA_SHARING),
    ("TYJRSWJ", "生活困难证明（优抚补助）", "在乡老复员军人生活补助", R.DATA_SHARING),
)
_PILOT_PROOFS = (
    ("SCJG", "住所（经营场所）使用证明", "企业设立登记"),
    ("SCJG", "食品经营场所产权证明", "食品经营许可"),
    ("ZJJ", "建设资金已经落实证明", "建筑工程施工许可"),
    ("ZJJ", "企业技术负责人工程业绩证明", "建筑业企业资质审批"),
    ("JTYSJ", "驾驶员三年内无重大以上交通责任事故证明", "道路旅客运输经营许可"),
    ("JTYSJ", "停车场地使用证明", "道路货物运输经营许可"),
)
_RETAINED_PROOFS = (
    ("GAJ", "出生医学证明", "出生登记", "助产医疗机构"),
    ("GAJ", "死亡医学证明", "死亡注销户口", "医疗卫生机构"),
    ("SCJG", "食品从业人员健康证明", "食品经营许可", "医疗卫生机构"),
    ("ZJJ", "施工图设计文件审查合格书", "建筑工程施工许可", "施工图审查机构"),
    ("RSJ", "职业病诊断证明书", "工伤认定", "职业病诊断机构"),
    ("ZRZYGHJ", "契税完税证明", "不动产登记", "税务机关"),
    ("MZJ", "残疾人证", "困难残疾人生活补贴和重度残疾人护理补贴发放", "残疾人联合会"),
)


def plan_proofs() -> list[ProofSpec]:
    out = [
        ProofSpec(
            dept(s),
            name,
            item,
            COMMUNITY,
            "cancelled",
            replacement,
            True,
            PROOFS_CANCELLED_ON,
            _CANCEL.format(r=f"，改为{replacement.label}"),
        )
        for s, name, item, replacement in _COMMUNITY_PROOFS
    ]
    out += [
        ProofSpec(
            dept(s),
            name,
            item,
            "相关单位",
            "notify_commit",
            R.NOTIFY_COMMIT,
            False,
            NOTIFY_COMMIT_FROM,
            "证明事项告知承诺制试点：申请人书面承诺后不再索要",
        )
        for s, name, item in _PILOT_PROOFS
    ]
    out += [
        ProofSpec(dept(s), name, item, issuer, "retained")
        for s, name, item, issuer in _RETAINED_PROOFS
    ]
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


_COMPLAINTS = (  # (index into _COMMUNITY_PROOFS, how many, who still demanded it)
    (3, 3, "某医院医保结算窗口"),
    (5, 2, "某医院妇产科"),
    (0, 2, "某派出所户籍窗口"),
    (8, 2, "某公证处"),
    (13, 2, "某街道社会保障服务窗口"),
    (6, 1, "某社区卫生服务中心"),
    (15, 1, "某中学学生资助窗口"),
    (1, 1, "某派出所户籍窗口"),
    (16, 1, "某街道住房保障窗口"),
    (4, 1, "某医院医保结算窗口"),
)


def plan_complaints(seed: int) -> list[ComplaintSpec]:
    """The 16 complaints about cancelled community proofs still being demanded, all replied."""
    rng = rng_for(seed, "lists:complaints")
    communities = [p for p in plan_places(seed) if p.kind == "community"]
    picks = rng.sample(communities, SEED_COMPLAINTS)
    days = sorted(rng.sample(range(0, 125), SEED_COMPLAINTS))  # 2019-08-01 … 2019-12-03
    out = []
    n = 0
    for index, count, who in _COMPLAINTS:
        suffix, name, _, replacement = _COMMUNITY_PROOFS[index]
        for _ in range(count):
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


_NATIONAL = "国家发展改革委、财政部有关规定"
_PROVINCE = "湖北省物价局、湖北省财政厅有关规定"
_CITY = "鄂州市物价局有关规定"
FEES = (
    ("ZRZYGHJ", "不动产登记费（住宅）", "80元/件", "件", False, _NATIONAL),
    ("ZRZYGHJ", "不动产登记费（非住宅）", "550元/件", "件", True, _NATIONAL),
    ("ZRZYGHJ", "不动产权属证书工本费（增发）", "10元/本", "本", False, _NATIONAL),
    ("ZRZYGHJ", "土地复垦费", "按省定标准，以损毁土地面积计征", "平方米", True, _PROVINCE),
    ("ZRZYGHJ", "耕地开垦费", "按省定标准，以占用耕地面积计征", "平方米", True, _PROVINCE),
    ("GAJ", "居民身份证工本费", "20元/证（补领、损坏换领40元/证）", "证", False, _NATIONAL),
    ("GAJ", "机动车号牌工本费（汽车）", "100元/副", "副", True, _NATIONAL),
    ("GAJ", "机动车行驶证工本费", "10元/本", "本", True, _NATIONAL),
    ("GAJ", "机动车驾驶证工本费", "10元/本", "本", False, _NATIONAL),
    ("GAJ", "普通护照工本费", "120元/本", "本", False, _NATIONAL),
    ("GAJ", "往来港澳通行证工本费", "60元/证", "证", False, _NATIONAL),
    ("RFB", "防空地下室易地建设费", "按应建防空地下室建筑面积计征", "平方米", True, _PROVINCE),
    ("SLHPJ", "水资源费", "按省定标准，以取水量计征", "立方米", True, _PROVINCE),
    ("SLHPJ", "水土保持补偿费", "按省定标准，以征占用土地面积计征", "平方米", True, _PROVINCE),
    ("LYJ", "森林植被恢复费", "按省定标准，以占用林地面积计征", "平方米", True, _PROVINCE),
    ("CGW", "城市生活垃圾处理费（居民）", "每户每月5元", "户·月", False, _CITY),
    ("CGW", "城市生活垃圾处理费（非居民）", "按核定排放量计收", "吨", True, _CITY),
    ("CGW", "城市道路占用费", "按占用面积和期限计收", "平方米·日", True, _CITY),
    ("CGW", "城市道路挖掘修复费", "按道路等级和修复面积计收", "平方米", True, _CITY),
    ("CGW", "机动车停放服务收费（政府定价路段）", "小型车首小时2元", "车·次", False, _CITY),
    ("ZJJ", "城市基础设施配套费", "按建筑面积计征", "平方米", True, _CITY),
    ("STHJ", "污水处理费（居民）", "0.85元/立方米", "立方米", False, _CITY),
    ("STHJ", "污水处理费（非居民）", "1.20元/立方米", "立方米", True, _CITY),
    ("JYJ", "公办幼儿园保育教育费", "按办园等级核定，每生每月", "生·月", False, _CITY),
    ("JYJ", "普通高中学费", "每生每学期", "生·学期", False, _PROVINCE),
    ("JYJ", "普通高中住宿费", "按住宿条件核定，每生每学期", "生·学期", False, _CITY),
    ("JYJ", "中等职业学校学费", "按专业核定，每生每学期", "生·学期", False, _PROVINCE),
    ("MZJ", "殡葬基本服务收费（遗体接运、存放、火化、骨灰寄存）", "按项目核定", "项", False, _CITY),
    ("SCJG", "特种设备检验检测收费", "按设备类别和参数计收", "台·次", True, _PROVINCE),
    ("SCJG", "计量器具委托检定收费", "按器具类别计收", "台·件", True, _PROVINCE),
    ("RSJ", "专业技术人员职业资格考试考务费", "按科目计收", "人·科", False, _PROVINCE),
    ("JTYSJ", "巡游出租汽车运价", "起步价（2公里）6元，超公里1.6元/公里", "车·次", False, _CITY),
    ("WHLYJ", "政府定价景区门票", "按景区等级核定", "人·次", False, _CITY),
)


def plan_fees() -> list[FeeSpec]:
    return [
        FeeSpec(dept(s), name, standard, unit, enterprise, document)
        for s, name, standard, unit, enterprise, document in FEES
    ]


@dataclass(frozen=True)
class FeeDocSpec:
    title: str
    number: str
    issuer: str
    outcome: str
    reason: str


FEE_CLEANUP_TITLE = "2019年价费文件再清理（在2018年6月1日公布结果的基础上）"
_FEE_TOPICS = data.words(
    "城市供水价格 污水处理费 管道天然气价格 城市公交票价 出租汽车运价 机动车停放服务收费 "
    "物业服务收费 殡葬服务收费 公办幼儿园保育教育费 普通高中学费 中等职业学校学费 学生住宿费 "
    "城市生活垃圾处理费 景区门票价格 不动产登记费 防空地下室易地建设费 城市基础设施配套费 "
    "城市道路占用费 特种设备检验收费 考试考务费 医疗服务价格 养老机构服务收费 "
    "车辆通行费 保障性住房租金 农贸市场摊位费 驾驶培训收费 机动车检测收费 白蚁防治收费 "
    "公证服务收费 司法鉴定收费 律师服务收费 房地产经纪服务收费 电梯检验收费 有线电视收视费 "
    "再生水价格"
)
_FEE_FORMS = (
    "关于调整{t}的通知",
    "关于核定{t}标准的批复",
    "关于规范{t}管理有关问题的通知",
)
_FEE_REASONS = {
    "retain": "符合现行法律法规和价格政策，继续有效",
    "amend": "部分条款与现行价格政策不一致，予以修改",
    "repeal": "收费项目已取消或者已被新文件替代，予以废止",
}


def plan_fee_documents(seed: int) -> list[FeeDocSpec]:
    rng = rng_for(seed, "lists:fee-documents")
    titles = [f.format(t=t) for t in _FEE_TOPICS for f in _FEE_FORMS]
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
        out.append(FeeDocSpec(title, number, issuer, outcome, _FEE_REASONS[outcome]))
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
_NP = (
    ("对未将营业执照置于住所或者营业场所醒目位置的处罚", "未将营业执照置于醒目位置", True),
    (
        "对公司登记事项发生变更时未依照规定办理有关变更登记的处罚",
        "住所（经营场所）变更未及时办理变更登记",
        False,
    ),
    ("对广告不具有可识别性的处罚", "广告未显著标明“广告”，不具有可识别性", False),
    ("对经营者不执行明码标价规定的处罚", "商品或者服务未按规定明码标价", False),
    (
        "对食品经营者未按规定在经营场所公示食品经营许可证的处罚",
        "未在经营场所显著位置公示食品经营许可证",
        True,
    ),
    (
        "对食品从业人员未按规定穿戴清洁的工作衣、帽的处罚",
        "食品从业人员未按规定穿戴清洁的工作衣、帽",
        False,
    ),
    ("对食品经营者未按规定建立并遵守进货查验记录制度的处罚", "进货查验记录不完整", False),
    (
        "对使用未按照规定申请检定的计量器具的处罚",
        "使用未按规定申请检定的计量器具，经检定合格",
        False,
    ),
    (
        "对特种设备使用单位未将使用登记标志置于显著位置的处罚",
        "未将特种设备使用登记标志置于显著位置",
        True,
    ),
    ("对产品标识不符合规定的处罚", "产品标识不规范，未对消费者造成误导", False),
    ("对电子商务经营者未在首页显著位置公示营业执照信息的处罚", "网店首页未公示营业执照信息", False),
    ("对定量包装商品未按规定标注净含量的处罚", "定量包装商品净含量标注不规范", False),
    ("对药品零售企业未按规定悬挂执业药师注册证的处罚", "未按规定悬挂执业药师注册证", True),
    ("对化妆品经营者未按规定建立进货查验制度的处罚", "化妆品进货查验记录不完整", False),
    ("对医疗器械经营企业未按规定建立进货查验记录制度的处罚", "医疗器械进货查验记录不完整", False),
)


def plan_no_penalty() -> list[NoPenaltySpec]:
    return [
        NoPenaltySpec(
            item, f"首次轻微违法免罚：{violation}", violation, mandatory, "批评教育、责令改正"
        )
        for item, violation, mandatory in _NP
    ]


DISCRETION_DEPT = dept("SCJG")
