"""Import benchmark: Fazhi's Excel import against django-import-export, and against the floor.

    .venv/bin/pip install -e '.[bench]'      # django-import-export
    .venv/bin/python benchmarks/lists_import.py

Generates (deterministically, into a temporary directory) the scenario's 105,672 market entities
and 4,221 power items as .xlsx files in the import templates' columns, migrates a fresh SQLite
database there, and measures, each in a fresh process on an empty entity table:

1. ours — ``fazhi.core.intake``:
   store the file with its digest, read, validate every row (USCC check
   character, choices, lengths, dates, the region reference, duplicates), look up existing keys,
   bulk-write, audit once;
2. django-import-export, the same file and the same validation: a ``ModelResource`` with
   ``import_id_fields = ['uscc']`` and model validation on (``clean_model_instances = True``),
   its default (non-bulk) import — timed on the first 5,000 rows and scaled linearly, since the
   full file takes many minutes;
3. the same with ``use_bulk = True``, on the full file;
4. the floor — our reader plus ``bulk_create`` of the rows, with no validation at all.

Then the 4,221 power items through the list mechanism (codes, first versions), and a re-import
of both files (everything unchanged). Prints times, ratios and peak memory (the process's peak
resident set, and its growth during the measurement), with PASS/FAIL against the goals:
ours ≥ 15× faster than django-import-export's default, and ≤ 1.5× the floor.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

SAMPLE = 5_000
GOAL_VS_PEER = 15.0
GOAL_VS_FLOOR = 1.5


def rss_mb() -> float:
    """This process's peak resident set so far, in MB (Linux reports KB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1048576


# --------------------------------------------------------------------------------------------
# The measurements, each run in its own process (``--child NAME``)
# --------------------------------------------------------------------------------------------


def _setup() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    django.setup()


def _empty_entities() -> None:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("DELETE FROM org_entity")


def _count_entities() -> int:
    from fazhi.core.org.models import Entity

    return Entity.objects.count()


def _system_department() -> Any:
    from fazhi.core.org.models import OrgUnit

    return OrgUnit.objects.get(code="420700-D22")  # 鄂州市市场监督管理局


def measure_ours(files: dict[str, str], spec: str = "entities", key: str = "entities") -> dict:
    from django.core.files import File

    from fazhi.core.intake import services

    path = Path(files[key])
    start = time.perf_counter()
    with path.open("rb") as fh:
        job = services.create_job(
            spec, department=_system_department(), upload=File(fh), file_name=path.name
        )
    job = services.run(job.pk)
    seconds = time.perf_counter() - start
    if job.status != "done":
        raise SystemExit(f"our import did not finish: {job.status} {job.message} {job.errors[:5]}")
    return {
        "seconds": seconds,
        "rows": job.total_rows,
        "created": job.created,
        "updated": job.updated,
        "unchanged": job.unchanged,
    }


def measure_floor(files: dict[str, str]) -> dict:
    """Our reader, then ``bulk_create``: the least any import of this file can do."""
    from django.db import transaction

    from fazhi.core.intake.excel import read_sheet
    from fazhi.core.intake.specs import BATCH
    from fazhi.core.org.choices import EntityKind, EntityStatus, Industry
    from fazhi.core.org.models import Entity, OrgUnit

    start = time.perf_counter()
    with open(files["entities"], "rb") as fh:
        rows = read_sheet(fh)
    kinds = {label: value for value, label in EntityKind.choices}
    industries = {label: value for value, label in Industry.choices}
    statuses = {label: value for value, label in EntityStatus.choices}
    regions = dict(OrgUnit.objects.values_list("code", "pk"))
    objs = [
        Entity(
            uscc=r[0],
            name=r[1],
            kind=kinds[r[2]],
            industry=industries[r[3]],
            region_id=regions[r[4]],
            registered_on=r[5],
            status=statuses[r[6]],
            legal_representative=r[7],
            address=r[8],
        )
        for r in rows[1:]
    ]
    with transaction.atomic():
        Entity.objects.bulk_create(objs, batch_size=BATCH)
    return {"seconds": time.perf_counter() - start, "rows": len(objs)}


def _resource_class(bulk: bool) -> type:
    from import_export import fields, resources, widgets

    from fazhi.core.org.choices import EntityKind, EntityStatus, Industry
    from fazhi.core.org.models import Entity, OrgUnit

    class ChoiceLabelWidget(widgets.Widget):
        """The file carries the labels (类型: 企业) a clerk types; store the value (company)."""

        def __init__(self, choices: Any) -> None:
            super().__init__()
            self.to_value = {label: value for value, label in choices}

        def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Any:
            return self.to_value.get(value, value)

    def text(attribute: str, header: str) -> Any:
        return fields.Field(attribute=attribute, column_name=header, widget=widgets.CharWidget())

    class EntityResource(resources.ModelResource):
        uscc = text("uscc", "统一社会信用代码")
        name = text("name", "名称")
        kind = fields.Field(
            attribute="kind", column_name="类型", widget=ChoiceLabelWidget(EntityKind.choices)
        )
        industry = fields.Field(
            attribute="industry", column_name="行业门类", widget=ChoiceLabelWidget(Industry.choices)
        )
        region = fields.Field(
            attribute="region",
            column_name="登记辖区",
            widget=widgets.ForeignKeyWidget(OrgUnit, field="code"),
        )
        registered_on = fields.Field(
            attribute="registered_on", column_name="成立日期", widget=widgets.DateWidget()
        )
        status = fields.Field(
            attribute="status",
            column_name="登记状态",
            widget=ChoiceLabelWidget(EntityStatus.choices),
        )
        legal_representative = text("legal_representative", "法定代表人/经营者")
        address = text("address", "住所")

        class Meta:
            model = Entity
            import_id_fields = ["uscc"]
            fields = (
                "uscc",
                "name",
                "kind",
                "industry",
                "region",
                "registered_on",
                "status",
                "legal_representative",
                "address",
            )
            clean_model_instances = True
            use_bulk = bulk

    return EntityResource


def measure_import_export(files: dict[str, str], key: str, bulk: bool) -> dict:
    import tablib

    resource_class = _resource_class(bulk)
    start = time.perf_counter()
    with open(files[key], "rb") as fh:
        dataset = tablib.Dataset().load(fh.read(), format="xlsx")
    result = resource_class().import_data(dataset, dry_run=False, raise_errors=True)
    seconds = time.perf_counter() - start
    if result.has_errors() or result.has_validation_errors():
        raise SystemExit(f"django-import-export reported errors: {result.invalid_rows[:3]}")
    return {"seconds": seconds, "rows": len(dataset)}


def child(name: str, files: dict[str, str]) -> None:
    _setup()
    import gc

    from django.db import connection

    if name in ("ours", "floor", "ie-default", "ie-bulk"):
        _empty_entities()
    gc.collect()
    before = rss_mb()
    if name == "ours" or name == "ours-again":
        out = measure_ours(files)
    elif name == "floor":
        out = measure_floor(files)
    elif name == "ie-default":
        out = measure_import_export(files, "sample", bulk=False)
    elif name == "ie-bulk":
        out = measure_import_export(files, "entities", bulk=True)
    elif name == "power" or name == "power-again":
        out = measure_ours(files, spec="power-items", key="power")
    else:
        raise SystemExit(f"unknown measurement {name}")
    out["in_db"] = _count_entities()
    out["peak_mb"] = rss_mb()
    out["growth_mb"] = out["peak_mb"] - before
    connection.close()
    print(json.dumps(out))


# --------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------


def prepare_database() -> None:
    """Migrate the fresh database and create the org tree the files refer to."""
    _setup()
    from django.core.management import call_command

    from benchmarks._data import CITY, REGIONS, department_codes
    from fazhi.core.org.choices import GovernmentLevel
    from fazhi.core.org.models import Department, Government

    call_command("migrate", verbosity=0)
    province = Government.objects.create(
        name="湖北省",
        code="420000000000",
        division_code="420000000000",
        level=GovernmentLevel.PROVINCE,
    )
    city = Government.objects.create(
        name=CITY[0],
        code=CITY[1],
        division_code=CITY[1],
        level=GovernmentLevel.CITY,
        parent=province,
    )
    for name, code in REGIONS:
        level = (
            GovernmentLevel.DISTRICT
            if name.endswith("区") and "经济" not in name
            else (GovernmentLevel.ZONE)
        )
        Government.objects.create(
            name=name, code=code, division_code=code, level=level, parent=city
        )
    for name, code in department_codes():
        Department.objects.create(name=name, code=code, parent=city, enforces=True)


def run_child(name: str, env: dict[str, str], files: dict[str, Path]) -> dict:
    cmd = [
        sys.executable,
        __file__,
        "--child",
        name,
        "--files",
        json.dumps({k: str(v) for k, v in files.items()}),
    ]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"measurement {name} failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def memory(r: dict) -> str:
    """Peak RSS, and how much the measurement raised it above the process's start-up peak."""
    growth = f"+{r['growth_mb']:.0f} MB" if r["growth_mb"] >= 1 else "under start-up peak"
    return f"{r['peak_mb']:.0f} MB ({growth})"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    from benchmarks._data import N_ENTITIES, N_POWER_ITEMS, generate

    tmp = Path(tempfile.mkdtemp(prefix="fazhi-bench-import-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fazhi.settings",
        "FAZHI_VAR_DIR": str(tmp / "var"),
        "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
        "FAZHI_LOG_LEVEL": "ERROR",
    }
    os.environ.update(env)
    try:
        t = time.perf_counter()
        files = generate(tmp, SAMPLE)
        print(
            f"生成测试文件 / files: {N_ENTITIES:,} entities, {N_POWER_ITEMS:,} power items "
            f"({files['entities'].stat().st_size / 1048576:.1f} MB) in "
            f"{time.perf_counter() - t:.1f} s, into {tmp}"
        )
        prepare_database()
        print(
            "SQLite, fresh database, migrated; each measurement in a fresh process, "
            "entity table emptied first.\n"
        )
        results: dict[str, dict] = {}
        for name in (
            "floor",
            "ours",
            "ours-again",
            "ie-bulk",
            "ie-default",
            "power",
            "power-again",
        ):
            results[name] = run_child(name, env, files)
            r = results[name]
            print(
                f"  {name:<12} {r['seconds']:8.2f} s  rows {r['rows']:>7,}  peak RSS {memory(r)}",
                flush=True,
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    ours, floor = results["ours"], results["floor"]
    ie_bulk, ie_sample = results["ie-bulk"], results["ie-default"]
    scale = N_ENTITIES / ie_sample["rows"]
    ie_default = ie_sample["seconds"] * scale
    for name in ("ours", "floor", "ie-bulk"):
        assert results[name]["in_db"] == N_ENTITIES, (name, results[name]["in_db"])
    assert ie_sample["in_db"] == SAMPLE

    def rate(seconds: float) -> str:
        return f"{N_ENTITIES / seconds:>9,.0f} rows/s"

    print()
    print(f"市场主体导入 / entity import, {N_ENTITIES:,} rows (.xlsx), SQLite:")
    print(f"  {'':<46}{'time':>10}  {'throughput':>15}  {'peak RSS (growth)':>26}")
    lines = [
        ("ours (fazhi.core.intake, validated, audited)", ours["seconds"], ours),
        ("floor (our reader + bulk_create, no checks)", floor["seconds"], floor),
        ("django-import-export, use_bulk=True", ie_bulk["seconds"], ie_bulk),
        (f"django-import-export, default (scaled ×{scale:.2f})", ie_default, ie_sample),
    ]
    for label, seconds, r in lines:
        print(f"  {label:<46}{seconds:>9.2f}s  {rate(seconds)}  {memory(r):>26}")
    print(
        f"  (django-import-export's default import was timed on the first {SAMPLE:,} rows: "
        f"{ie_sample['seconds']:.2f} s, scaled linearly to {N_ENTITIES:,}; its memory is "
        f"the sample's.)"
    )
    print(
        f"  re-import of the same file (all {ours['rows']:,} unchanged, nothing written): "
        f"{results['ours-again']['seconds']:.2f} s"
    )
    vs_default = ie_default / ours["seconds"]
    vs_bulk = ie_bulk["seconds"] / ours["seconds"]
    vs_floor = ours["seconds"] / floor["seconds"]
    print()
    print(
        f"  ours vs django-import-export default: {vs_default:6.1f}× faster   "
        f"goal ≥ {GOAL_VS_PEER:.0f}×   {verdict(vs_default >= GOAL_VS_PEER)}"
    )
    print(f"  ours vs django-import-export bulk:    {vs_bulk:6.1f}× faster   (information)")
    print(
        f"  ours vs the floor:                    {vs_floor:6.2f}× the floor  "
        f"goal ≤ {GOAL_VS_FLOOR}×   {verdict(vs_floor <= GOAL_VS_FLOOR)}"
    )
    power, again = results["power"], results["power-again"]
    print()
    print(
        f"权责清单导入 / power items, {N_POWER_ITEMS:,} rows of 36 departments through the list "
        f"mechanism (codes, first versions): {power['seconds']:.2f} s "
        f"(peak RSS {power['peak_mb']:.0f} MB); re-import, all unchanged, no new version: "
        f"{again['seconds']:.2f} s"
    )
    assert power["created"] == N_POWER_ITEMS and again["unchanged"] == N_POWER_ITEMS
    ok = vs_default >= GOAL_VS_PEER and vs_floor <= GOAL_VS_FLOOR
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--files", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, json.loads(args.files))
    else:
        sys.exit(main())
