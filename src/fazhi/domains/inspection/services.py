"""The steps of a draw, each one atomic function: freeze the pools, commit, publish the
commitments, reveal, draw, publish the results; and ``verify``, which re-derives a draw from
what is (or will be) published and compares it with the stored targets and teams.

The pools are read from the database column by column (``values_list`` into numpy), never
row by row, and the targets and teams are written in bulk (COPY on PostgreSQL).
"""

from __future__ import annotations

import io
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import count, cycle, repeat
from typing import Any

import numpy as np
from django.db import connection, transaction
from django.db.models import BooleanField, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.utils import timezone

from fazhi.core.casework.workflow import Refusal, TransitionError
from fazhi.core.disclosure.gate import publish
from fazhi.core.org.choices import CredentialStatus, EntityStatus, Role
from fazhi.core.org.models import Entity, Officer, RiskClassification, Staff

from . import draw
from .choices import CAMPAIGN_TRANSITIONS, UNCLASSIFIED, CampaignState
from .models import Assignment, Campaign, Conflict, PoolSnapshot, SeedCommitment, Target

# 国发〔2019〕5号 (一单两库一细则, 按信用风险分类抽查, 回避) and 优化营商环境条例 第五十四条.
BASIS_RULES = "国发〔2019〕5号"
BASIS_RANDOM = "优化营商环境条例 第五十四条"
BASIS_TEAM = "国办发〔2024〕54号"
PUBLICATION_KIND_PLAN = "inspection_draw_commitment"
PUBLICATION_KIND_RESULT = "inspection_draw_result"
MANAGING_ROLES = (Role.CLERK, Role.DEPARTMENT_HEAD)


def _refuse(message: str, basis: str = BASIS_RULES, missing_step: str = "") -> TransitionError:
    return TransitionError(Refusal(message, basis, missing_step))


def _lock(campaign: Campaign) -> Campaign:
    # Two clerks pressing "draw" at once must not both draw: the row is the lock.
    return Campaign.objects.select_for_update().get(pk=campaign.pk)


def _transition(campaign: Campaign, to: str) -> None:
    if to not in CAMPAIGN_TRANSITIONS[campaign.state]:
        raise _refuse(
            f"抽查任务处于“{campaign.get_state_display()}”状态，不能转为“{CampaignState(to).label}”"
        )
    campaign.state = to


def _check_manager(campaign: Campaign, actor: Staff | None) -> None:
    if actor is None:
        return
    units = {u.pk for u in actor.units_with_role(*MANAGING_ROLES)}
    if campaign.department_id not in units:
        raise _refuse("只有抽查部门的经办人或负责人可以办理此步骤", BASIS_RULES)


# --------------------------------------------------------------------------------------------
# Pools
# --------------------------------------------------------------------------------------------


@dataclass
class FrozenPools:
    strata: dict[str, np.ndarray]
    inspectors: np.ndarray
    conflicts: list[tuple[bytes, bytes]]
    entity_ids: dict[str, np.ndarray] = field(default_factory=dict)


def pool_entities(campaign: Campaign, on: date, entities: Q | None = None) -> QuerySet[Entity]:
    """The entity pool's rows on day ``on``: the active entities registered in the
    department's government's territory (inspection is territorial), narrowed by ``entities``
    (a check item's scope). Every filter of the entity pool belongs here."""
    government = campaign.department.government
    eq = Entity.objects.unrestricted(f"冻结抽查任务 {campaign.code} 的名录库").filter(
        region__path__startswith=government.path,
        status=EntityStatus.ACTIVE,
        registered_on__lte=on,  # none registered after the freeze
    )
    return eq.filter(entities) if entities is not None else eq


@dataclass
class PoolExport:
    """The entity pool as columns, one entry per risk class (``None``: no class under the
    scheme): the codes and the entity ids, in the database's order (unsorted)."""

    classes: dict[str | None, tuple[np.ndarray, np.ndarray]]

    @property
    def size(self) -> int:
        return sum(int(codes.size) for codes, _ in self.classes.values())


def export_pool(eq: QuerySet[Entity], scheme: str, on: date, reason: str) -> PoolExport:
    """Export the entity pool with each entity's latest class under ``scheme`` on ``on``, in one
    query. On PostgreSQL the latest classes are one ``DISTINCT ON`` pass over the scheme's
    classifications (read backwards along the (entity, scheme, as_of) index, no sort) hash-joined
    to the pool, and the database groups the rows by class, packing each group into one binary
    string of fixed-width records (the 18-byte code, the id as 8 big-endian bytes) that numpy
    reads without a Python object per row. Elsewhere (or when a code is not 18 bytes) the rows
    come through ``values_list`` with the class as a correlated subquery."""
    classes = RiskClassification.objects.unrestricted(reason).filter(scheme=scheme, as_of__lte=on)
    if connection.vendor == "postgresql":
        latest = (
            classes.order_by("-entity_id", "-as_of")
            .distinct("entity_id")
            .values_list("entity_id", "risk_class")
        )
        packed = _export_packed(eq.order_by().values_list("id", "uscc"), latest)
        if packed is not None:
            return packed
    subquery = classes.filter(entity=OuterRef("pk")).order_by("-as_of").values("risk_class")[:1]
    rows = eq.annotate(risk=Subquery(subquery)).order_by().values_list("id", "uscc", "risk")
    found: dict[str | None, tuple[list[str], list[int]]] = {}
    for entity_id, code, risk in rows.iterator(chunk_size=20000):
        codes, ids = found.setdefault(risk, ([], []))
        codes.append(code)
        ids.append(entity_id)
    return PoolExport(
        {
            risk: (np.array([c.encode() for c in codes], dtype="S18"), np.array(ids, np.int64))
            for risk, (codes, ids) in found.items()
        }
    )


_RECORD = np.dtype([("code", "S18"), ("id", ">i8")])


def _export_packed(pool: QuerySet[Any, Any], latest: QuerySet[Any, Any]) -> PoolExport | None:
    pool_sql, pool_params = pool.query.get_compiler(using=pool.db).as_sql()
    latest_sql, latest_params = latest.query.get_compiler(using=latest.db).as_sql()
    with transaction.atomic(using=pool.db), connection.cursor() as cursor:
        # One pass over the pool: JIT compilation costs more than it saves here.
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(
            "SELECT latest.risk, count(*), bool_and(octet_length(pool.uscc) = 18), "
            "string_agg(convert_to(pool.uscc, 'UTF8') || int8send(pool.id), ''::bytea) "
            f"FROM ({pool_sql}) AS pool (id, uscc) "
            f"LEFT JOIN ({latest_sql}) AS latest (entity_id, risk) ON latest.entity_id = pool.id "
            "GROUP BY latest.risk",
            [*pool_params, *latest_params],
        )
        groups = cursor.fetchall()
    if not all(fixed for _, _, fixed, _ in groups):
        return None
    return PoolExport(
        {
            risk: (records["code"].copy(), records["id"].astype(np.int64))
            for risk, size, _, data in groups
            for records in [np.frombuffer(bytes(data), dtype=_RECORD, count=size)]
        }
    )


def read_pools(
    campaign: Campaign,
    at: datetime,
    *,
    entities: Q | None = None,
    inspectors: Q | None = None,
) -> FrozenPools:
    """The pools as they stand at ``at``: the entities of ``pool_entities``, each in its latest
    class under the campaign's scheme as of that day; the department's officers with a valid
    credential that day; the recorded conflicts between them. ``entities`` / ``inspectors``
    narrow the pools further (a check item's scope, a qualification)."""
    on = timezone.localdate(at) if timezone.is_aware(at) else at.date()
    reason = f"冻结抽查任务 {campaign.code} 的名录库"
    eq = pool_entities(campaign, on, entities)
    exported = export_pool(eq, campaign.risk_scheme, on, reason)
    strata: dict[str, np.ndarray] = {}
    entity_ids: dict[str, np.ndarray] = {}
    for risk, (codes, ids) in exported.classes.items():
        name = UNCLASSIFIED if risk is None else risk
        order = draw.argsort_codes(codes)
        if name in strata:  # a class literally named 未分类 and the unclassified
            codes = np.concatenate([strata[name], codes[order]])
            ids = np.concatenate([entity_ids[name], ids[order]])
            order = draw.argsort_codes(codes)
        strata[name] = codes[order]
        entity_ids[name] = ids[order]

    oq = (
        Officer.objects.unrestricted(reason)
        .filter(
            department=campaign.department,
            status=CredentialStatus.ISSUED,
            valid_until__gte=on,
        )
        .exclude(credential_no="")
    )
    if inspectors is not None:
        oq = oq.filter(inspectors)
    numbers = draw.as_codes([n.encode() for n in oq.values_list("credential_no", flat=True)])
    pairs = (
        Conflict.objects.unrestricted(reason)
        .filter(officer__in=oq, entity__in=eq)
        .values_list("officer__credential_no", "entity__uscc")
    )
    conflicts = sorted({(o.encode(), c.encode()) for o, c in pairs})
    return FrozenPools(strata, numbers, conflicts, entity_ids)


def freeze_pools(
    campaign: Campaign,
    at: datetime,
    *,
    actor: Staff | None = None,
    entities: Q | None = None,
    inspectors: Q | None = None,
) -> PoolSnapshot:
    """一单两库: freeze both pools and the conflicts at ``at``. Refused (before any draw) when
    a stratum has no ratio or the campaign cannot be staffed (draw-spec §5.1)."""
    _check_manager(campaign, actor)
    pools = read_pools(campaign, at, entities=entities, inspectors=inspectors)
    missing = [s for s in pools.strata if s not in campaign.ratios]
    if missing:
        raise _refuse(
            f"名录库中有分类 {'、'.join(sorted(missing))} 的市场主体，细则未规定其抽查比例",
            BASIS_RULES,
            "规定各分类的抽查比例",
        )
    reason = draw.staffing_refusal(
        pools.inspectors, pools.strata, pools.conflicts, campaign.team_size
    )
    if reason:
        raise _refuse(reason, BASIS_TEAM, "补充检查人员名录库")
    entities_file = draw.entity_pool_file(pools.strata)
    inspectors_file = draw.inspector_pool_file(pools.inspectors)
    conflicts_file = draw.conflicts_file(pools.conflicts)
    with transaction.atomic():
        campaign = _lock(campaign)
        if campaign.state != CampaignState.PLANNED:
            raise _refuse("名录库只能在公布承诺之前冻结", BASIS_RULES)
        PoolSnapshot.objects.filter(campaign=campaign).delete()
        return PoolSnapshot.objects.create(
            campaign=campaign,
            frozen_at=at,
            entities=PoolSnapshot.pack(entities_file),
            entities_digest=draw.sha256_hex(entities_file),
            inspectors=PoolSnapshot.pack(inspectors_file),
            inspectors_digest=draw.sha256_hex(inspectors_file),
            conflicts=PoolSnapshot.pack(conflicts_file),
            conflicts_digest=draw.sha256_hex(conflicts_file),
            strata={s: int(a.size) for s, a in pools.strata.items()},
            inspector_count=int(pools.inspectors.size),
        )


# --------------------------------------------------------------------------------------------
# Commitments and reveals
# --------------------------------------------------------------------------------------------


def new_secret() -> str:
    """32 random bytes in hex: what an official keeps until the reveal."""
    return secrets.token_hex(32)


def commit(
    campaign: Campaign, official: Staff, commitment: str, *, at: datetime | None = None
) -> SeedCommitment:
    """An official present records the SHA-256 of a secret (only the digest is stored)."""
    commitment = commitment.strip().lower()
    if len(commitment) != 64 or any(ch not in "0123456789abcdef" for ch in commitment):
        raise _refuse("承诺值应为64位十六进制的 SHA-256 摘要", BASIS_RANDOM)
    with transaction.atomic():
        campaign = _lock(campaign)
        if campaign.state != CampaignState.PLANNED:
            raise _refuse("承诺已公布，不能再增加承诺值", BASIS_RANDOM)
        if SeedCommitment.objects.filter(campaign=campaign, official=official).exists():
            raise _refuse(f"{official} 已提交过承诺值", BASIS_RANDOM)
        return SeedCommitment.objects.create(
            campaign=campaign,
            official=official,
            commitment=commitment,
            committed_at=at or timezone.now(),
        )


def publish_commitments(
    campaign: Campaign, *, actor: Staff | None = None, on: date | None = None
) -> Campaign:
    """planned → committed: the manifest (rules, pool digests, commitments, the public value's
    source) is fixed and published through the disclosure gate before the draw."""
    _check_manager(campaign, actor)
    on = on or timezone.localdate()
    with transaction.atomic():
        campaign = _lock(campaign)
        pools = PoolSnapshot.objects.filter(campaign=campaign).first()
        if pools is None:
            raise _refuse("尚未冻结名录库", BASIS_RULES, "冻结名录库")
        commitments = list(
            SeedCommitment.objects.filter(campaign=campaign).values_list("commitment", flat=True)
        )
        if not commitments:
            raise _refuse("在场人员尚未提交随机种子承诺值", BASIS_RANDOM, "提交承诺值")
        _transition(campaign, CampaignState.COMMITTED)
        text = manifest_of(campaign, pools, commitments)
        campaign.manifest = text.decode()
        campaign.manifest_digest = draw.sha256_hex(text)
        campaign.committed_on = on
        campaign.save()
        publish(
            kind=PUBLICATION_KIND_PLAN,
            title=f"随机抽查任务 {campaign.code} 抽取规则与承诺",
            org_unit=campaign.department,
            subject=campaign,
            fields={
                "任务编号": campaign.code,
                "任务名称": campaign.title,
                "年度": campaign.year,
                "信用风险分类体系": campaign.risk_scheme,
                "抽查比例（‰）": dict(campaign.ratios),
                "每户检查人员数": campaign.team_size,
                "名录库冻结时点": pools.frozen_at,
                "各分类户数": dict(pools.strata),
                "检查人员数": pools.inspector_count,
                "公共随机数来源": campaign.public_random_label,
                "抽取规范": campaign.spec_version,
            },
            digests={
                "manifest": campaign.manifest_digest,
                "entities": pools.entities_digest,
                "inspectors": pools.inspectors_digest,
                "conflicts": pools.conflicts_digest,
                "commitments": sorted(commitments),
            },
            actor=actor,
            published_on=on,
        )
    return campaign


def manifest_of(campaign: Campaign, pools: PoolSnapshot, commitments: Sequence[str]) -> bytes:
    return draw.manifest(
        campaign.code,
        draw.Rules(campaign.team_size, {s: int(campaign.ratios[s]) for s in pools.strata}),
        pools.entities_digest,
        pools.inspectors_digest,
        pools.conflicts_digest,
        commitments,
        campaign.public_random_label,
    )


def reveal(campaign: Campaign, official: Staff, secret: str, *, at: datetime | None = None) -> bool:
    """The official reveals the secret at the draw; True when it opens the commitment (a
    reveal that does not counts as empty, draw-spec §3)."""
    secret = secret.strip().lower()
    if len(secret) > 128:
        raise _refuse("秘密值最长64字节（128位十六进制）", BASIS_RANDOM)
    with transaction.atomic():
        campaign = _lock(campaign)
        if campaign.state != CampaignState.COMMITTED:
            raise _refuse("只能在承诺公布之后、抽取之前揭示", BASIS_RANDOM, "公布承诺")
        row = (
            SeedCommitment.objects.select_for_update()
            .filter(campaign=campaign, official=official)
            .first()
        )
        if row is None:
            raise _refuse(f"{official} 没有提交承诺值", BASIS_RANDOM)
        if row.reveal:
            raise _refuse("已揭示过，不能更改", BASIS_RANDOM)
        row.reveal = secret
        row.revealed_at = at or timezone.now()
        row.save(update_fields=["reveal", "revealed_at"])
        return bool(draw.counted_reveal(row.commitment, secret))


def counted_reveals(campaign: Campaign) -> list[str]:
    """The reveals as they count, in the manifest's commitment order."""
    rows = SeedCommitment.objects.filter(campaign=campaign).order_by("commitment")
    return [draw.counted_reveal(r.commitment, r.reveal) for r in rows]


def seed_of(campaign: Campaign) -> bytes:
    public = campaign.public_random_value if campaign.public_random_label else None
    return draw.seed_of(campaign.manifest.encode(), counted_reveals(campaign), public)


# --------------------------------------------------------------------------------------------
# The draw
# --------------------------------------------------------------------------------------------


def derive(campaign: Campaign) -> draw.DrawResult:
    """Re-derive the draw from the frozen files and the manifest (what ``verify`` and the
    draw itself both use): the files must still match the manifest's digests."""
    pools = PoolSnapshot.objects.get(campaign=campaign)
    files = {w: pools.file(w) for w in ("entities", "inspectors", "conflicts")}
    for which, data in files.items():
        if draw.sha256_hex(data) != getattr(pools, f"{which}_digest") or (
            f"{which} {draw.sha256_hex(data)}\n" not in campaign.manifest
        ):
            raise _refuse(f"名录库快照（{which}）与公布的摘要不符", BASIS_RULES)
    strata = draw.parse_entity_pool_file(files["entities"])
    inspectors = np.array(files["inspectors"].splitlines(), dtype=bytes)
    conflicts = draw.parse_conflicts_file(files["conflicts"])
    rules = draw.Rules(campaign.team_size, {s: int(campaign.ratios[s]) for s in strata})
    return draw.run(seed_of(campaign), strata, inspectors, conflicts, rules)


def run_draw(campaign: Campaign, *, actor: Staff | None = None, on: date | None = None) -> int:
    """committed → drawn: compute the seed from the reveals (and the public value), draw, and
    write the targets and their teams. Returns the number of targets."""
    _check_manager(campaign, actor)
    with transaction.atomic():
        campaign = _lock(campaign)
        if campaign.state != CampaignState.COMMITTED:
            raise _refuse("抽取之前须先公布规则、名录库摘要与承诺值", BASIS_RANDOM, "公布承诺")
        if campaign.public_random_label and not campaign.public_random_value:
            raise _refuse(
                f"尚未录入事先指定的公共随机数（{campaign.public_random_label}）", BASIS_RANDOM
            )
        try:
            result = derive(campaign)
        except draw.DrawRefused as exc:
            raise _refuse(str(exc), BASIS_TEAM) from exc
        _transition(campaign, CampaignState.DRAWN)
        campaign.drawn_on = on or timezone.localdate()
        campaign.save()
        write_targets(campaign, result)
    return int(result.selection.codes.size)


def write_targets(campaign: Campaign, result: draw.DrawResult) -> None:
    """Targets and teams in bulk: the ids of the drawn codes and of the inspectors looked up in
    one query each, then ``insert_targets``."""
    reason = f"写入抽查任务 {campaign.code} 的抽查对象"
    codes = [c.decode() for c in result.selection.codes.tolist()]
    entity_id = _ids_by_code(Entity.objects.unrestricted(reason), "uscc", codes)
    if len(entity_id) != len(codes):
        raise _refuse("抽中的市场主体在名录中已不存在，不能写入抽查对象", BASIS_RULES)
    numbers = [n.decode() for n in result.inspectors.tolist()]
    officers = Officer.objects.unrestricted(reason).exclude(credential_no="")  # unique when set
    officer_id = _ids_by_code(officers, "credential_no", numbers)
    if len(officer_id) != len(numbers):
        raise _refuse("分派的检查人员在名录中已不存在，不能写入", BASIS_RULES)
    officer_ids = np.array([officer_id[n] for n in numbers], dtype=np.int64)
    insert_targets(
        campaign.pk,
        [entity_id[c] for c in codes],
        result.selection.strata,
        officer_ids[result.teams] if result.teams.size else result.teams,
    )


def _ids_by_code(rows: QuerySet[Any], column: str, values: list[str]) -> dict[str, int]:
    """``{value: id}`` for the rows whose ``column`` (unique) is one of ``values``: on
    PostgreSQL in one query with the values as one array parameter, elsewhere in chunks."""
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        name = f"{quote(rows.model._meta.db_table)}.{quote(column)}"
        wanted = RawSQL(f"{name} = ANY(%s::text[])", [values], output_field=BooleanField())
        return dict(rows.filter(wanted).order_by().values_list(column, "id"))
    found: dict[str, int] = {}
    for start in range(0, len(values), 20000):
        found.update(
            rows.filter(**{f"{column}__in": values[start : start + 20000]}).values_list(
                column, "id"
            )
        )
    return found


def insert_targets(
    campaign_id: int,
    entity_ids: Sequence[int],
    strata: Sequence[str],
    teams: np.ndarray,
) -> None:
    """Write a draw's rows: the targets in rank order (COPY on PostgreSQL), their ids read
    back in one query, then every team member (``teams``: one row of officer ids per target,
    in pick order). The benchmark's floor writes its rows with this same function."""
    _insert(
        Target,
        ["campaign_id", "entity_id", "stratum", "rank"],
        zip(repeat(campaign_id), entity_ids, strata, count(), strict=False),
    )
    target_ids = list(
        Target.objects.unrestricted("写入抽查对象的检查人员")
        .filter(campaign_id=campaign_id)
        .order_by("rank")
        .values_list("id", flat=True)
    )
    team = teams.shape[1] if teams.ndim == 2 else 0
    _insert(
        Assignment,
        ["target_id", "officer_id", "position"],
        zip(np.repeat(target_ids, team).tolist(), teams.ravel().tolist(), cycle(range(team))),
    )


def _insert(model: Any, columns: list[str], rows: Any) -> None:
    table = model._meta.db_table
    cols = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # psycopg 3: COPY is the fast path for many rows
            with raw.copy(f"COPY {connection.ops.quote_name(table)} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {connection.ops.quote_name(table)} ({cols}) VALUES ({marks})",
                list(rows),
            )


# --------------------------------------------------------------------------------------------
# Verification and publication
# --------------------------------------------------------------------------------------------


@dataclass
class Verification:
    ok: bool
    problems: list[str]
    targets: int
    seed: str

    def __str__(self) -> str:
        return "一致" if self.ok else "；".join(self.problems)


def stored_result_file(campaign: Campaign) -> bytes:
    """The result file (draw-spec §6) from the stored targets and teams."""
    reason = f"核验抽查任务 {campaign.code}"
    targets = list(
        Target.objects.unrestricted(reason)
        .filter(campaign=campaign)
        .order_by("rank")
        .values_list("id", "entity__uscc", "stratum")
    )
    teams: dict[int, list[str]] = {}
    for target_id, number in (
        Assignment.objects.unrestricted(reason)
        .filter(target__campaign=campaign)
        .order_by("target_id", "position")
        .values_list("target_id", "officer__credential_no")
    ):
        teams.setdefault(target_id, []).append(number)
    out = io.StringIO()
    for target_id, code, stratum in targets:
        out.write(" ".join([code, stratum, *teams.get(target_id, [])]) + "\n")
    return out.getvalue().encode()


def verify(campaign: Campaign) -> Verification:
    """Re-derive the draw from the published inputs and compare it with what was stored."""
    if campaign.state not in (CampaignState.DRAWN, CampaignState.RESULTS_PUBLISHED):
        return Verification(False, ["尚未抽取"], 0, "")
    problems = []
    commitments = sorted(
        SeedCommitment.objects.filter(campaign=campaign).values_list("commitment", flat=True)
    )
    pools = PoolSnapshot.objects.get(campaign=campaign)
    if manifest_of(campaign, pools, commitments).decode() != campaign.manifest:
        problems.append("抽取清单与规则、名录库摘要或承诺值不符")
    if draw.sha256_hex(campaign.manifest.encode()) != campaign.manifest_digest:
        problems.append("抽取清单与公布的摘要不符")
    try:
        result = derive(campaign)
    except (TransitionError, draw.DrawRefused) as exc:
        return Verification(False, [*problems, str(exc)], 0, "")
    derived = result.result_file()
    stored = stored_result_file(campaign)
    if derived != stored:
        a, b = derived.splitlines(), stored.splitlines()
        first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), None)
        if first is None:
            problems.append(f"抽查对象数不符：重算{len(a)}户，记录{len(b)}户")
        else:
            problems.append(
                f"第{first + 1}户不符：重算 {a[first].decode()}，记录 {b[first].decode()}"
            )
    return Verification(not problems, problems, len(derived.splitlines()), result.seed.hex())


def publish_results(
    campaign: Campaign,
    *,
    actor: Staff | None = None,
    on: date | None = None,
    publication_until: date | None = None,
) -> Campaign:
    """drawn → results published: the seed, its parts, the targets and their teams, and the
    pool files' digests through the disclosure gate; the files themselves are then offered
    for download on the portal (codes and credential numbers only)."""
    _check_manager(campaign, actor)
    on = on or timezone.localdate()
    with transaction.atomic():
        campaign = _lock(campaign)
        check = verify(campaign)
        if not check.ok:
            raise _refuse(f"抽取结果核验不一致，不能公示：{check}", BASIS_RANDOM)
        _transition(campaign, CampaignState.RESULTS_PUBLISHED)
        campaign.results_published_on = on
        campaign.publication_until = publication_until or campaign.publication_until
        campaign.save()
        pools = PoolSnapshot.objects.get(campaign=campaign)
        rows = SeedCommitment.objects.filter(campaign=campaign).order_by("commitment")
        result = stored_result_file(campaign).decode().splitlines()
        publish(
            kind=PUBLICATION_KIND_RESULT,
            title=f"随机抽查任务 {campaign.code} 抽取结果",
            org_unit=campaign.department,
            subject=campaign,
            fields={
                "任务编号": campaign.code,
                "任务名称": campaign.title,
                "抽取日期": campaign.drawn_on,
                "公共随机数": campaign.public_random_value,
                "各分类户数与抽取数": {
                    s: [n, draw.take_count(n, int(campaign.ratios[s]))]
                    for s, n in pools.strata.items()
                },
                "抽查对象": [line.split(" ")[:2] for line in result],
                "检查人员": [line.split(" ")[2:] for line in result],
            },
            digests={
                "manifest": campaign.manifest_digest,
                "entities": pools.entities_digest,
                "inspectors": pools.inspectors_digest,
                "conflicts": pools.conflicts_digest,
                "commitments": [r.commitment for r in rows],
                "reveals": [
                    r.reveal if draw.counted_reveal(r.commitment, r.reveal) else "" for r in rows
                ],
                "seed": check.seed,
                "result": draw.sha256_hex(stored_result_file(campaign)),
            },
            actor=actor,
            published_on=on,
            publish_until=campaign.publication_until,
        )
    return campaign


def published_files(campaign: Campaign) -> dict[str, bytes]:
    """The download of draw-spec §6 (what ``tests/inspection/independent_draw.py`` reads)."""
    pools = PoolSnapshot.objects.get(campaign=campaign)
    rows = SeedCommitment.objects.filter(campaign=campaign).order_by("commitment")
    files = {
        "manifest.txt": campaign.manifest.encode(),
        "reveals.txt": "".join(f"{r.reveal}\n" for r in rows).encode(),
        "entities.txt": pools.file("entities"),
        "inspectors.txt": pools.file("inspectors"),
        "conflicts.txt": pools.file("conflicts"),
        "result.txt": stored_result_file(campaign),
        "seed.txt": (seed_of(campaign).hex() + "\n").encode(),
    }
    if campaign.public_random_label:
        files["public-value.txt"] = f"{campaign.public_random_value}\n".encode()
    return files
