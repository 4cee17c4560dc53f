"""Collection benchmark (归集): 100,000 cases with 500,000 events from a file, against the floor.

    .venv/bin/python benchmarks/collect.py                 # SQLite in a temporary directory
    DATABASE_URL=postgres://… .venv/bin/python benchmarks/collect.py
    .venv/bin/python benchmarks/collect.py --cases 2000    # a quick run

Generates (deterministically) a file in the push format, one case per line (JSON lines): each
case with five events (business dates in 2019, three with the source's event ids, two without),
one party (every other case a market entity by 统一社会信用代码 — the entities are registered
before the run, untimed — else a person by name and ID number, new) and one document digest.
Then measures, each in a fresh process:

1. floor — read the file (``json.loads`` per line) and ``bulk_create`` the same rows (cases,
   owner participants, persons, parties, the events and the one 归集 event per case, documents)
   in one transaction: no validation, no lookups but the entities' ids;
2. ours — ``casework.collection``: read and parse every case (dates, lengths, the ID number's
   check digit, the USCC's check character), ``plan`` (existing cases by source and id, case
   numbers, entities, persons), ``write`` in bulk, one audit event;
3. ours again — the same file re-imported: nothing is new, nothing is written but the audit.

Goals: ours ≤ 2× the floor; the re-import ≤ 0.5× the first import. The casework tables are
emptied between the floor and ours.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

N_CASES = 100_000
EVENTS_PER_CASE = 5
GOAL_VS_FLOOR = 2.0
GOAL_AGAIN = 0.5
SOURCE = "湖北省市场监管综合执法系统"
DEPARTMENT = "420700-BENCH-SCJG"
STAGES = [("立案", "filed"), ("调查", "investigating"), ("告知", "notified"), ("决定", "decided")]


# --------------------------------------------------------------------------------------------
# The file
# --------------------------------------------------------------------------------------------


def entity_usccs(n_cases: int) -> list[str]:
    from fazhi.core.org.validators import make_uscc

    return [make_uscc(f"91420704MA{i:07d}") for i in range((n_cases + 1) // 2)]


def generate(path: Path, n_cases: int) -> Path:
    """The push format as a file: one case per line."""
    from fazhi.core.org.validators import make_id_number

    usccs = entity_usccs(n_cases)
    start = date(2019, 1, 2)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n_cases):
            opened = start + timedelta(days=i % 300)
            if i % 2 == 0:
                name = f"鄂州市第{i}商贸有限公司"
                party = {"kind": "entity", "name": name, "uscc": usccs[i // 2]}
            else:
                birth = date(1960, 1, 1) + timedelta(days=i % 12000)
                number = make_id_number(f"420704{birth:%Y%m%d}{(i // 12000) % 1000:03d}")
                party = {"kind": "person", "name": f"张{i}", "id_number": number}
            events = [
                {
                    "id": f"E{i}-{k}" if k < 3 else "",
                    "occurred_on": (opened + timedelta(days=7 * k)).isoformat(),
                    "kind": STAGES[min(k, 3)][0],
                    "note": f"第{k + 1}步：{STAGES[min(k, 3)][0]}（案件{i}）",
                    "actor": f"执法人员{i % 97}",
                }
                for k in range(EVENTS_PER_CASE)
            ]
            case = {
                "external_id": f"SC-{i:07d}",
                "title": f"鄂州市第{i}号行政处罚案件",
                "number": f"鄂州市监处字〔2019〕{i + 1}号",
                "state": STAGES[i % 4][0],
                "opened_on": opened.isoformat(),
                "parties": [party],
                "events": events,
                "documents": [
                    {
                        "title": "行政处罚决定书",
                        "number": f"鄂州市监处字〔2019〕{i + 1}号",
                        "sha256": hashlib.sha256(str(i).encode()).hexdigest(),
                        "size": 10_000 + i,
                    }
                ],
            }
            fh.write(json.dumps(case, ensure_ascii=False) + "\n")
    return path


# --------------------------------------------------------------------------------------------
# The measurements
# --------------------------------------------------------------------------------------------


def department() -> Any:
    from fazhi.core.org.models import OrgUnit

    return OrgUnit.objects.get(code=DEPARTMENT)


def measure_ours(path: Path, owner: Any) -> dict[str, Any]:
    """Read, parse, check and write the file through ``casework.collection``."""
    from fazhi.core.casework.collection import collect, read_json_lines

    start = time.perf_counter()
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    with path.open("rb") as fh:
        cases, errors = read_json_lines(fh)
    if errors:
        raise SystemExit(f"the file has errors: {errors[:5]}")
    plan, outcome = collect(
        cases,
        source_system=SOURCE,
        owner=owner,
        digest=digest.hexdigest(),
        source=f"benchmark:{path.name}",
    )
    seconds = time.perf_counter() - start
    if outcome is None:
        raise SystemExit(f"collection refused: {plan.problems[:5]}")
    return {"seconds": seconds, "cases": len(cases), **outcome.audit(), "updated_keys": None}


def measure_floor(path: Path, owner: Any) -> dict[str, Any]:
    """Read the file and ``bulk_create`` the same rows: the least any import of it can do."""
    from django.db import transaction
    from django.utils import timezone

    from fazhi.core.casework.collection import BATCH, COLLECTED_KIND, STATE_BY_LABEL
    from fazhi.core.casework.models import Case, CollectedDocument, Event, Participant, Party
    from fazhi.core.org.models import Entity, Person

    start = time.perf_counter()
    with path.open("rb") as fh:
        rows = [json.loads(line) for line in fh]
    entities = dict(Entity.objects.values_list("uscc", "pk"))
    now = timezone.now()
    today = timezone.localdate()
    with transaction.atomic():
        cases = [
            Case(
                kind=COLLECTED_KIND,
                number=r["number"],
                title=r["title"],
                state=STATE_BY_LABEL[r["state"]],
                opened_on=date.fromisoformat(r["opened_on"]),
                source_system=SOURCE,
                external_id=r["external_id"],
            )
            for r in rows
        ]
        Case.objects.bulk_create(cases, batch_size=BATCH)
        Participant.objects.bulk_create(
            [Participant(case_id=c.pk, org_unit_id=owner.pk, role="owner") for c in cases],
            batch_size=BATCH,
        )
        people = [
            Person(name=p["name"], id_number=p["id_number"], owner_unit_id=owner.pk)
            for r in rows
            for p in r["parties"]
            if p["kind"] == "person"
        ]
        Person.objects.bulk_create(people, batch_size=BATCH)
        person_ids = iter(p.pk for p in people)
        parties, events, documents = [], [], []
        for r, c in zip(rows, cases, strict=True):
            for p in r["parties"]:
                if p["kind"] == "entity":
                    parties.append(Party(case_id=c.pk, role="party", entity_id=entities[p["uscc"]]))
                else:
                    parties.append(Party(case_id=c.pk, role="party", person_id=next(person_ids)))
            events.append(Event(case_id=c.pk, at=now, kind="collected", occurred_on=today))
            for e in r["events"]:
                events.append(
                    Event(
                        case_id=c.pk,
                        at=now,
                        kind=e["kind"],
                        occurred_on=date.fromisoformat(e["occurred_on"]),
                        note=e["note"],
                        data={"actor_name": e["actor"]},
                        source_key=e["id"] or e["note"],
                    )
                )
            for d in r["documents"]:
                documents.append(
                    CollectedDocument(
                        case_id=c.pk,
                        title=d["title"],
                        number=d["number"],
                        sha256=d["sha256"],
                        size=d["size"],
                        at=now,
                    )
                )
        Party.objects.bulk_create(parties, batch_size=BATCH)
        Event.objects.bulk_create(events, batch_size=BATCH)
        CollectedDocument.objects.bulk_create(documents, batch_size=BATCH)
    return {"seconds": time.perf_counter() - start, "cases": len(cases), "events": len(events)}


def empty() -> None:
    """Empty the tables the measurements write (append-only ones included: a benchmark
    database only; PostgreSQL's guard is lifted for this session)."""
    from django.db import connection

    tables = [
        "casework_event",
        "casework_collecteddocument",
        "casework_party",
        "casework_participant",
        "casework_case",
        "org_person",
    ]
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SET fazhi.allow_truncate = 'on'")
            # Inside a transaction (the smoke test's), deferred foreign-key checks are still
            # pending and would block TRUNCATE: run them now.
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cur.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        else:
            for table in tables:
                cur.execute(f"DELETE FROM {table}")


def counts() -> dict[str, int]:
    from fazhi.core.casework.models import Case, Event, Party

    return {"in_db_cases": Case.objects.count(), "in_db_events": Event.objects.count(),
            "in_db_parties": Party.objects.count()}  # fmt: skip


def prepare(n_cases: int) -> None:
    """The org tree and the market entities the file's parties name (untimed)."""
    from fazhi.core.org.choices import GovernmentLevel
    from fazhi.core.org.models import Department, Entity, Government

    city = Government.objects.create(
        name="鄂州市", code="420700000000", division_code="420700000000",
        level=GovernmentLevel.CITY,
    )  # fmt: skip
    district = Government.objects.create(
        name="鄂城区", code="420704000000", division_code="420704000000",
        level=GovernmentLevel.DISTRICT, parent=city,
    )  # fmt: skip
    Department.objects.create(
        name="鄂州市市场监督管理局", code=DEPARTMENT, parent=city, enforces=True
    )
    Entity.objects.bulk_create(
        [
            Entity(
                uscc=u,
                name=f"鄂州市第{2 * i}商贸有限公司",
                kind="company",
                industry="F",
                region=district,
                registered_on=date(2015, 1, 1),
            )
            for i, u in enumerate(entity_usccs(n_cases))
        ],
        batch_size=2000,
    )


# --------------------------------------------------------------------------------------------
# The run: each measurement in a fresh process
# --------------------------------------------------------------------------------------------


def _setup() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    django.setup()


def child(name: str, path: Path) -> None:
    _setup()
    from django.db import connection

    owner = department()
    if name == "floor":
        out = measure_floor(path, owner)
    elif name in ("ours", "ours-again"):
        if name == "ours":
            empty()
        out = measure_ours(path, owner)
    else:
        raise SystemExit(f"unknown measurement {name}")
    out.update(counts())
    connection.close()
    print(json.dumps(out))


def run_child(name: str, env: dict[str, str], path: Path) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", name, "--file", str(path)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"measurement {name} failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main(n_cases: int) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="fazhi-bench-collect-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fazhi.settings",
        "FAZHI_VAR_DIR": str(tmp / "var"),
        "FAZHI_LOG_LEVEL": "ERROR",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    os.environ.update(env)
    try:
        _setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        empty()
        prepare(n_cases)
        t = time.perf_counter()
        path = generate(tmp / "cases.jsonl", n_cases)
        print(
            f"生成测试文件 / file: {n_cases:,} cases, {n_cases * EVENTS_PER_CASE:,} events, "
            f"{n_cases:,} parties, {n_cases:,} documents "
            f"({path.stat().st_size / 1048576:.1f} MB, JSON lines) in "
            f"{time.perf_counter() - t:.1f} s; {connection.vendor}, "
            "each measurement in a fresh process.\n"
        )
        connection.close()
        results = {}
        for name in ("floor", "ours", "ours-again"):
            results[name] = r = run_child(name, env, path)
            print(f"  {name:<11} {r['seconds']:8.2f} s  cases in db {r['in_db_cases']:>8,}  "
                  f"events in db {r['in_db_events']:>9,}", flush=True)  # fmt: skip
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    floor, ours, again = results["floor"], results["ours"], results["ours-again"]
    assert ours["created"] == n_cases and ours["events_added"] == n_cases * EVENTS_PER_CASE
    assert again["created"] == 0 and again["events_added"] == 0
    assert again["unchanged"] == n_cases
    vs_floor = ours["seconds"] / floor["seconds"]
    vs_first = again["seconds"] / ours["seconds"]
    print()
    print(f"归集 / collection, {n_cases:,} cases + {n_cases * EVENTS_PER_CASE:,} events:")
    print(f"  ours (casework.collection: parsed, checked, audited) {ours['seconds']:8.2f} s")
    print(f"  floor (json.loads + bulk_create, no checks)          {floor['seconds']:8.2f} s")
    print(f"  ours, re-import (nothing new)                        {again['seconds']:8.2f} s")
    print()
    print(
        f"  ours = {vs_floor:.2f}× the floor (json.loads + bulk_create) "
        f"(goal ≤ {GOAL_VS_FLOOR}×)  {verdict(vs_floor <= GOAL_VS_FLOOR)}"
    )
    print(
        f"  re-import = {vs_first:.2f}× ours, first import "
        f"(goal ≤ {GOAL_AGAIN}×)  {verdict(vs_first <= GOAL_AGAIN)}"
    )
    return 0 if vs_floor <= GOAL_VS_FLOOR and vs_first <= GOAL_AGAIN else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=N_CASES)
    parser.add_argument("--child")
    parser.add_argument("--file")
    args = parser.parse_args()
    if args.child:
        child(args.child, Path(args.file))
    else:
        raise SystemExit(main(args.cases))
