"""Random-draw benchmark (双随机): our verifiable draw against its floor and a naive ORM draw.

    .venv/bin/python benchmarks/draw.py                # all three parts
    .venv/bin/python benchmarks/draw.py --skip-pg      # the in-memory parts only
    .venv/bin/python benchmarks/draw.py --only-province --repeat 3   # part 1 only
    .venv/bin/python benchmarks/draw.py --rebuild      # rebuild the PostgreSQL pool

1. Province: a synthetic frozen snapshot of 6,000,000 entities in 4 risk classes and 60,000
   inspectors (60,000 recorded conflicts), as the app stores it (the zlib-compressed files of
   docs/draw-spec.md §2). Each side in a fresh process, both single-process:
   - floor: read the snapshot (decompress, parse into per-class code arrays with the app's
     reader) and write as many targets as the draw takes, with their teams, as the result file
     (with the app's writer, ``draw.result_lines``) — the first k codes of each class and
     round-robin teams: no hashing, no choice;
   - ours: the same read, the staffing check, a SHA-256 key per entity, the per-class
     selection, the assignment (draw-spec §5) and the same writer.
   Goal: ours ≤ 3× the floor. Ours prints its phases. The keys alone (draw-spec §4: one
   SHA-256 per entity, each needed to know whether the entity is among the smallest) cost
   about 0.35 µs each through hashlib in one process, 6,000,000 of them ≈ 2.1 s of CPU, while
   the floor is about 0.7–1 s: under fazhi-draw/1 the goal is out of reach in one process,
   whatever the rest does (it takes ≈ 0.8 s: 0.3 s of it the ranks, one SHA-256 per inspector
   per load level).
2. Database: 1,000,000 entities (4 classes) and 2,000 officers in PostgreSQL (a benchmark
   database of its own, built once; ``FAZHI_BENCH_PG`` names the server), each side in a fresh
   process on it:
   - floor: export the pool with ``services.export_pool`` (the same query as ours: codes, ids
     and latest class, packed per class) and write the same number of targets and team rows
     with ``services.insert_targets`` (the same COPY as ours), chosen without hashing;
   - ours: ``services.freeze_pools`` (export, sort, the files, digests, staffing check, the
     snapshot row), one commitment published and revealed, ``services.run_draw`` (snapshot
     read back and checked, seed, keys, selection, assignment, ids of the drawn codes,
     ``insert_targets``);
   - naive: ``order_by('?')[:k]`` per class, then per target a query for two random eligible
     inspectors (``exclude`` the conflicts, ``order_by('?')``), rows written with
     ``bulk_create``.
   Goals: ours ≥ 15× faster than the naive draw and ≤ 1.5× the floor.
3. City (鄂州 2019 scale): 105,672 entities, 1,779 inspectors, in memory as in 1.

``--repeat N`` runs floor and ours N times each, alternately, and reports the medians (the
ratio is the median of the ratios of adjacent runs); the naive draw runs once.
Times are wall-clock on a shared machine: the load average is printed with them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

RATIOS = {"A": 30, "B": 50, "C": 100, "D": 300}  # ‰, a common A–D table
SHARES = (0.40, 0.40, 0.15, 0.05)  # of the entities in each class
PROVINCE = (6_000_000, 60_000)
CITY = (105_672, 1_779)
DB_ENTITIES = int(os.environ.get("FAZHI_BENCH_DRAW_ENTITIES", 1_000_000))
DB_OFFICERS = 2_000
DB_NAME = "fazhi_bench_draw"
GOAL_PROVINCE = 3.0
GOAL_DB_FLOOR = 1.5
GOAL_DB_NAIVE = 15.0
SEED = bytes.fromhex("5eed" * 16)
DEPARTMENT = "420000-BENCH-SCJG"


# --------------------------------------------------------------------------------------------
# In memory: the snapshot files
# --------------------------------------------------------------------------------------------


def codes_for(n: int) -> list[bytes]:
    # Synthetic 18-character codes (the check character is not the draw's concern).
    return [b"91420000MA%08X" % i for i in range(n)]


def make_snapshot(folder: Path, n: int, inspectors: int) -> dict[str, Any]:
    import numpy as np

    from fazhi.domains.inspection import draw

    rng = np.random.default_rng(2019)
    codes = np.array(codes_for(n), dtype="S18")
    classes = rng.choice(4, size=n, p=SHARES)
    strata = {c: codes[classes == i] for i, c in enumerate("ABCD")}
    numbers = np.array([b"42%08d" % i for i in range(inspectors)], dtype="S10")
    pick = rng.choice(n, size=inspectors)
    conflicts = [(numbers[i], codes[j]) for i, j in enumerate(pick.tolist())]
    files = {
        "entities": draw.entity_pool_file(strata),
        "inspectors": draw.inspector_pool_file(numbers),
        "conflicts": draw.conflicts_file(conflicts),
    }
    for name, data in files.items():
        (folder / f"{name}.zz").write_bytes(zlib.compress(data, 6))
    return {name: len(data) for name, data in files.items()}


def read_snapshot(folder: Path) -> tuple[dict, Any, list]:
    import numpy as np

    from fazhi.domains.inspection import draw

    data = {
        n: zlib.decompress((folder / f"{n}.zz").read_bytes())
        for n in ("entities", "inspectors", "conflicts")
    }
    strata = draw.parse_entity_pool_file(data["entities"])
    inspectors = np.array(data["inspectors"].splitlines(), dtype=bytes)
    conflicts = draw.parse_conflicts_file(data["conflicts"])
    return strata, inspectors, conflicts


def child_memory(which: str, folder: Path) -> None:
    import numpy as np

    from fazhi.domains.inspection import draw

    started, cpu = time.perf_counter(), time.process_time()
    strata, inspectors, conflicts = read_snapshot(folder)
    read = time.perf_counter() - started
    out = folder / f"result-{which}.txt"
    phases = {"read": read}
    if which == "ours":
        # draw.run's steps, timed one by one.
        rules = draw.Rules(2, RATIOS)
        lap = time.perf_counter()
        if draw.staffing_refusal(inspectors, strata, conflicts, rules.team):
            raise SystemExit("refused")
        phases["staffing"], lap = time.perf_counter() - lap, time.perf_counter()
        selection = draw.select(SEED, strata, rules.ratios)
        phases["keys+select"], lap = time.perf_counter() - lap, time.perf_counter()
        teams = draw.assign(SEED, selection.codes, inspectors, conflicts, rules.team)
        phases["assign"], lap = time.perf_counter() - lap, time.perf_counter()
        out.write_bytes(draw.DrawResult(SEED, selection, teams, inspectors).result_file())
        phases["write"] = time.perf_counter() - lap
        targets = int(selection.codes.size)
    else:
        # The floor: the same number of targets, picked without hashing (the first k codes of
        # each class), round-robin teams, written by the same function as ours.
        names = sorted(strata)
        takes = [strata[name][: draw.take_count(strata[name].size, RATIOS[name])] for name in names]
        codes = np.concatenate(takes)
        labels = [name for name, taken in zip(names, takes, strict=True) for _ in range(taken.size)]
        slots = np.arange(codes.size * 2).reshape(-1, 2) % inspectors.size
        out.write_bytes(draw.result_lines(codes, labels, inspectors[slots]))
        targets = int(codes.size)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    digest = hashlib.sha256(out.read_bytes()).hexdigest()[:16]
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu": cpu,
                "read": read,
                "targets": targets,
                "phases": phases,
                "result": digest,
            }
        )
    )


def run_child(args: list[str], env: dict[str, str] | None = None) -> dict:
    cmd = [sys.executable, __file__, "--child", *args]
    merged = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    done = subprocess.run(cmd, env={**merged, **(env or {})}, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"{args[0]} failed")
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    for line in done.stdout.splitlines():
        if not line.startswith("{"):
            print(line, flush=True)
    return json.loads(lines[-1])


def memory_part(label: str, n: int, inspectors: int, goal: float | None, repeat: int = 1) -> bool:
    folder = Path(tempfile.mkdtemp(prefix="fazhi-bench-draw-"))
    t = time.perf_counter()
    sizes = make_snapshot(folder, n, inspectors)
    print(
        f"{label}: {n:,} entities (A–D {'/'.join(str(int(s * 100)) for s in SHARES)} %), "
        f"{inspectors:,} inspectors, {inspectors:,} conflicts; snapshot "
        f"{sizes['entities'] / 1048576:.0f} MB of codes, built in {time.perf_counter() - t:.1f} s"
    )
    floor, ours, ratio = pairs(repeat, ["floor", str(folder)], ["ours", str(folder)])
    ok = goal is None or ratio <= goal
    print(
        f"  floor (read snapshot, write {floor['targets']:,} targets): {floor['seconds']:6.2f} s "
        f"(reading {floor['read']:.2f} s)"
    )
    print(f"  ours  (read, draw, assign, write {ours['targets']:,}): {ours['seconds']:6.2f} s")
    phases = ", ".join(f"{k} {v:.2f} s" for k, v in ours["phases"].items())
    print(f"        {phases}; result file sha256 {ours['result']}…")
    goal_text = f", goal ≤ {goal:.1f}×  {'PASS' if ok else 'FAIL'}" if goal else " [info]"
    print(f"  ours / floor = {ratio:.2f}×{goal_text}")
    print(f"  ours / floor in CPU time = {ours['cpu_ratio']:.2f}× [info]")
    shutil.rmtree(folder)  # the snapshot and both result files (≈ 40 MB)
    return ok


def pairs(
    repeat: int, floor_args: list[str], ours_args: list[str], env: dict[str, str] | None = None
) -> tuple[dict, dict, float]:
    """Floor and ours ``repeat`` times, alternately: the median run of each and the median of
    the ratios of adjacent runs (so a burst of load on the shared machine hits both sides).
    The median ratio of their CPU times (both sides are single-process) is added to ours as
    ``cpu_ratio``: it depends less on the other processes of a shared machine."""
    floors, ours, ratios, cpu_ratios = [], [], [], []
    for i in range(repeat):
        floors.append(run_child(floor_args, env))
        ours.append(run_child(ours_args, env))
        ratios.append(ours[-1]["seconds"] / floors[-1]["seconds"])
        if "cpu" in ours[-1]:
            cpu_ratios.append(ours[-1]["cpu"] / floors[-1]["cpu"])
        if repeat > 1:
            load = os.getloadavg()[0]
            cpu = f", cpu ratio {cpu_ratios[-1]:.2f}" if cpu_ratios else ""
            print(
                f"    run {i + 1}: floor {floors[-1]['seconds']:.2f} s, ours "
                f"{ours[-1]['seconds']:.2f} s, ratio {ratios[-1]:.2f}{cpu} (load {load:.1f})",
                flush=True,
            )
    median = _median(ours)
    if cpu_ratios:
        median = {**median, "cpu_ratio": statistics.median(cpu_ratios)}
    return _median(floors), median, statistics.median(ratios)


def _median(runs: list[dict]) -> dict:
    return sorted(runs, key=lambda r: r["seconds"])[(len(runs) - 1) // 2]


# --------------------------------------------------------------------------------------------
# PostgreSQL: build the pool once
# --------------------------------------------------------------------------------------------


def _setup() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    django.setup()


def child_build() -> None:
    _setup()
    from datetime import date

    import numpy as np
    from django.core.management import call_command
    from django.db import connection

    from benchmarks._pg import step
    from fazhi.core.org.models import Department, Government, Officer, Person
    from fazhi.core.org.validators import make_uscc

    started = t = time.perf_counter()
    call_command("migrate", verbosity=0)
    t = step("migrate", t)
    province = Government.objects.create(
        name="湖北省", code="420000000000", division_code="420000000000", level="province"
    )
    department = Department.objects.create(
        name="湖北省市场监督管理局（基准）", code=DEPARTMENT, parent=province, enforces=True
    )
    rng = np.random.default_rng(2019)
    classes = rng.choice(4, size=DB_ENTITIES, p=SHARES)
    with connection.cursor() as cur:
        raw = cur.cursor
        with raw.copy(
            "COPY org_entity (uscc, name, kind, industry, region_id, registered_on, status, "
            "legal_representative, address) FROM STDIN"
        ) as copy:
            for i in range(DB_ENTITIES):
                copy.write_row(
                    (
                        make_uscc(f"91420000MA{i:07d}"),
                        f"基准商贸{i}有限公司",
                        "company",
                        "F",
                        province.pk,
                        date(2015, 1, 1),
                        "active",
                        "",
                        "",
                    )
                )
        t = step(f"{DB_ENTITIES:,} entities (COPY)", t)
        cur.execute("SELECT id FROM org_entity ORDER BY id")
        ids = [r[0] for r in cur.fetchall()]
        with raw.copy(
            "COPY org_riskclassification (entity_id, scheme, risk_class, as_of, source) FROM STDIN"
        ) as copy:
            for entity_id, c in zip(ids, classes.tolist(), strict=True):
                copy.write_row((entity_id, "市场监管", "ABCD"[c], date(2019, 1, 1), "基准"))
        t = step("their risk classes (COPY)", t)
    persons = Person.objects.bulk_create(
        [Person(name=f"检查员{i}", owner_unit=department) for i in range(DB_OFFICERS)]
    )
    officers = Officer.objects.bulk_create(
        [
            Officer(
                person=p,
                department=department,
                credential_no=f"42{i:08d}",
                status="issued",
                valid_until=date(2030, 1, 1),
            )
            for i, p in enumerate(persons)
        ]
    )
    from fazhi.domains.inspection.models import Conflict

    picks = rng.choice(len(ids), size=DB_OFFICERS, replace=False)
    Conflict.objects.bulk_create(
        [
            Conflict(officer=o, entity_id=ids[j], kind="kin", recorded_on=date(2019, 1, 1))
            for o, j in zip(officers, picks.tolist(), strict=True)
        ]
    )
    t = step(f"{DB_OFFICERS:,} officers and as many conflicts", t)
    info = {"entities": DB_ENTITIES, "seconds": time.perf_counter() - started}
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
        cur.execute("CREATE TABLE bench_marker (info jsonb)")
        cur.execute("INSERT INTO bench_marker VALUES (%s)", [json.dumps(info)])
    print(json.dumps(info))


# --------------------------------------------------------------------------------------------
# PostgreSQL: the three draws
# --------------------------------------------------------------------------------------------


def _campaign(code: str) -> Any:
    from django.db import connection

    from fazhi.core.org.models import Department
    from fazhi.domains.inspection.models import Assignment, Campaign, Target

    # The previous side's rows, removed outside the ORM (no per-row audit entries) and untimed.
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {Assignment._meta.db_table}")
        cur.execute(f"DELETE FROM {Target._meta.db_table}")
        # Each side starts from clean tables and indexes, not the previous side's dead rows.
        cur.execute(f"VACUUM {Assignment._meta.db_table}, {Target._meta.db_table}")
    department = Department.objects.get(code=DEPARTMENT)
    return Campaign.objects.create(
        department=department,
        code=code,
        title="基准抽查",
        year=2019,
        risk_scheme="市场监管",
        ratios=RATIOS,
        team_size=2,
    )


def child_db(which: str) -> None:
    _setup()
    import hashlib

    import numpy as np
    from django.db import connection
    from django.utils import timezone

    from fazhi.core.disclosure.masking import mask_text
    from fazhi.core.org.models import Entity, Officer, Staff
    from fazhi.domains.inspection import services
    from fazhi.domains.inspection.models import Assignment, Target

    # A warm process, as a server's: the masker's dictionaries are loaded once per process.
    mask_text("鄂州市市场监督管理局")
    campaign = _campaign(f"BENCH-{which}-{time.time_ns()}")
    official, _ = Staff.objects.get_or_create(username="bench-official")
    started = time.perf_counter()
    if which == "ours":
        services.freeze_pools(campaign, timezone.now())
        secret = services.new_secret()
        services.commit(campaign, official, hashlib.sha256(bytes.fromhex(secret)).hexdigest())
        services.publish_commitments(campaign)
        services.reveal(campaign, official, secret)
        targets = services.run_draw(campaign)
    elif which == "floor":
        # The same I/O as ours, with nothing in between: the pool exported by the same
        # query, the first k of each class taken without hashing, round-robin teams, and the
        # rows written by the same function.
        on = timezone.localdate()
        pool = services.export_pool(
            services.pool_entities(campaign, on), campaign.risk_scheme, on, "基准：下限"
        )
        with connection.cursor() as cur:
            cur.execute(
                "SELECT id FROM org_officer WHERE department_id = %s AND status = 'issued'",
                [campaign.department_id],
            )
            officers = np.array([r[0] for r in cur.fetchall()], dtype=np.int64)
        entity_ids, strata = [], []
        for c, (_, ids) in sorted(pool.classes.items()):
            k = (ids.size * RATIOS[c] + 999) // 1000
            entity_ids += ids[:k].tolist()
            strata += [c] * k
        slots = np.arange(len(entity_ids) * 2).reshape(-1, 2) % officers.size
        services.insert_targets(campaign.pk, entity_ids, strata, officers[slots])
        targets = len(entity_ids)
    else:  # the naive ORM draw
        government = campaign.department.government
        entities = Entity.objects.filter(region__path__startswith=government.path, status="active")
        chosen = []
        for c, ratio in RATIOS.items():
            in_class = entities.filter(risk_classes__scheme="市场监管", risk_classes__risk_class=c)
            n = in_class.count()
            chosen += [(e, c) for e in in_class.order_by("?")[: (n * ratio + 999) // 1000]]
        rows = Target.objects.bulk_create(
            [
                Target(campaign=campaign, entity=e, stratum=c, rank=r)
                for r, (e, c) in enumerate(chosen)
            ],
            batch_size=5000,
        )
        assignments = []
        pool = Officer.objects.filter(department=campaign.department, status="issued")
        for target in rows:
            team = pool.exclude(conflicts__entity=target.entity).order_by("?")[:2]
            assignments += [
                Assignment(target=target, officer=o, position=p) for p, o in enumerate(team)
            ]
        Assignment.objects.bulk_create(assignments, batch_size=5000)
        targets = len(rows)
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "targets": targets}))


def db_part(rebuild: bool, build_only: bool = False, repeat: int = 1) -> bool:
    from benchmarks._pg import built, database_url, recreate

    var = Path(tempfile.mkdtemp(prefix="fazhi-bench-draw-var-"))
    env = {
        "DJANGO_SETTINGS_MODULE": "fazhi.settings",
        "DATABASE_URL": database_url(DB_NAME),
        "FAZHI_VAR_DIR": str(var),
        "FAZHI_LOG_LEVEL": "ERROR",
    }
    info = None if rebuild else built(DB_NAME)
    if info is None or info.get("entities") != DB_ENTITIES:
        print(f"  {DB_NAME}: building ({DB_ENTITIES:,} entities) …", flush=True)
        recreate(DB_NAME)
        info = run_child(["build", "-"], env)
        print(f"  {DB_NAME}: built in {info['seconds']:.0f} s")
    else:
        print(f"  {DB_NAME}: reusing the pool built in {info['seconds']:.0f} s")
    if build_only:
        return True
    print(f"Database (PostgreSQL): {DB_ENTITIES:,} entities, {DB_OFFICERS:,} officers")
    floor, ours, vs_floor = pairs(repeat, ["db-floor", "-"], ["db-ours", "-"], env)
    naive = run_child(["db-naive", "-"], env)
    vs_naive = naive["seconds"] / ours["seconds"]
    print(
        f"  floor (export pool, insert {floor['targets']:,} targets + teams): "
        f"{floor['seconds']:6.2f} s"
    )
    print(
        f"  ours  (freeze, commit, reveal, draw, insert {ours['targets']:,}):   "
        f"{ours['seconds']:6.2f} s"
    )
    print(f"  naive (order_by('?') per class, a query per target): {naive['seconds']:6.2f} s")
    ok_floor, ok_naive = vs_floor <= GOAL_DB_FLOOR, vs_naive >= GOAL_DB_NAIVE
    print(
        f"  ours / floor = {vs_floor:.2f}×, goal ≤ {GOAL_DB_FLOOR}×  "
        f"{'PASS' if ok_floor else 'FAIL'}"
    )
    print(
        f"  naive / ours = {vs_naive:.1f}× faster, goal ≥ {GOAL_DB_NAIVE:.0f}×  "
        f"{'PASS' if ok_naive else 'FAIL'}"
    )
    return ok_floor and ok_naive


def main(
    skip_pg: bool,
    rebuild: bool,
    province: int,
    only_pg: bool = False,
    repeat: int = 1,
    only_province: bool = False,
) -> int:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Fazhi random-draw benchmark; machine: {os.cpu_count()} cores, load {load}\n")
    results = []
    if not only_pg:
        results.append(memory_part("Province", province, PROVINCE[1], GOAL_PROVINCE, repeat))
        print()
    if not skip_pg and not only_province:
        results.append(db_part(rebuild, repeat=repeat))
        print()
    if not only_pg and not only_province:
        memory_part("City (鄂州 2019)", *CITY, None, repeat)
        print()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load at the end {load}")
    print("PASS" if all(results) else f"FAIL ({results.count(False)} part(s) missed a goal)")
    return 0 if all(results) else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-pg", action="store_true")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--only-pg", action="store_true", help="the PostgreSQL part only")
    parser.add_argument("--only-province", action="store_true", help="the province part only")
    parser.add_argument("--build-only", action="store_true", help="build the PostgreSQL pool")
    parser.add_argument("--repeat", type=int, default=1, help="runs of floor and ours (medians)")
    parser.add_argument("--province", type=int, default=PROVINCE[0], help=argparse.SUPPRESS)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        which, arg = args.child
        if which in ("floor", "ours"):
            child_memory(which, Path(arg))
        elif which == "build":
            child_build()
        else:
            child_db(which.removeprefix("db-"))
    elif args.build_only:
        db_part(args.rebuild, build_only=True)
    else:
        raise SystemExit(
            main(
                args.skip_pg,
                args.rebuild,
                args.province,
                args.only_pg,
                args.repeat,
                args.only_province,
            )
        )
