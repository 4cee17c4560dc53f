"""Provision search benchmark: full-text search over 1,000,000 provisions on PostgreSQL, against
an ``icontains`` scan of the same rows.

    .venv/bin/python benchmarks/search.py            # builds fazhi_bench_search once, then measures
    .venv/bin/python benchmarks/search.py --rebuild  # drops and rebuilds it

Needs the law library's files (rulemaking/data/laws/manifest.yaml; FAZHI_LAW_LIBRARY) and
PostgreSQL (FAZHI_BENCH_PG, default postgresql://postgres@127.0.0.1:5432). The build loads the
real statutes, then writes 10,000 synthetic texts of two versions of 50 articles each (1,000,000
article rows) whose articles are made of real statute sentences drawn at random (seeded), so
word frequencies are those of statute language; half the texts are public. Each article's
index words are the real segmenter's output for its sentences.

Measured, in a fresh process: ``fazhi.domains.rulemaking.search.search`` — the portal's code
path (the full-text query ranked in PostgreSQL, then the scoped fetch of the rows and the
highlighting) — for queries as of a random date: the recall test's queries and random pairs of
statute words of middling frequency (most pairs never occur together: the search then ranks the
articles with either word); and the same queries as an ``icontains`` filter on the
articles' wording (every word, same date and public filters, first 20 rows), the way a plain
Django search would do it. Prints p50/p95 per side and their ratio; the goal is p95 < 50 ms.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from benchmarks._pg import built, recreate, run_script, step  # noqa: E402

DB = "fazhi_bench_search"
TEXTS = 10_000
VERSIONS = 2
ARTICLES = 50
QUERIES = 200
SCAN_QUERIES = 20
GOAL_P95_MS = 50.0
SEED = 20191231


def _setup() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    django.setup()


def _sentences() -> list[tuple[str, str]]:
    """(sentence, its index words) from every real article."""
    import re

    from fazhi.domains.rulemaking.models import Provision
    from fazhi.domains.rulemaking.segment import index_words

    seen: dict[str, str] = {}
    for body in Provision.objects.filter(level="article").values_list("body", flat=True):
        for piece in re.split(r"(?<=[。；])", body.replace("\n", "")):
            if 6 <= len(piece) <= 200 and piece not in seen:
                seen[piece] = index_words(piece)
    return sorted(seen.items())


def _copy(cursor: Any, table: str, columns: list[str], rows: list[tuple]) -> None:
    buf = io.StringIO()
    for row in rows:
        buf.write("\t".join("\\N" if v is None else str(v).replace("\t", " ") for v in row))
        buf.write("\n")
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        copy.write(buf.getvalue())


def child_build() -> None:
    _setup()
    from django.core.management import call_command
    from django.db import connection

    from fazhi.domains.rulemaking import library

    started = t = time.perf_counter()
    call_command("migrate", verbosity=0)
    t = step("migrate", t)
    real = library.load_library()
    t = step(f"the real library: {real.provisions:,} provisions", t)
    sentences = _sentences()
    t = step(f"{len(sentences):,} distinct statute sentences, segmented", t)
    rng = random.Random(SEED)
    with connection.cursor() as cur:
        cur.execute("SELECT coalesce(max(id), 0) FROM rulemaking_legaltext")
        text_id = cur.fetchone()[0]
        cur.execute("SELECT coalesce(max(id), 0) FROM rulemaking_textversion")
        version_id = cur.fetchone()[0]
        cur.execute("SELECT coalesce(max(id), 0) FROM rulemaking_provision")
        provision_id = cur.fetchone()[0]
        cur.execute("DROP INDEX IF EXISTS rulemaking_provision_search_gin")
        texts, versions = [], []
        now = "2020-01-01 00:00:00+08"
        for n in range(TEXTS):
            text_id += 1
            public = "t" if n % 2 == 0 else "f"
            texts.append(
                (
                    text_id,
                    "normative_document",
                    f"示例规范性文件{n}",
                    f"示例规范性文件{n}",
                    "鄂州市人民政府",
                    "in_force",
                    public,
                    "",
                    "",
                    now,
                )
            )
            for v in range(VERSIONS):
                version_id += 1
                begins, until = ("2015-01-01", "2019-12-31") if v == 0 else ("2020-01-01", None)
                versions.append(
                    (
                        version_id,
                        text_id,
                        f"第{v + 1}版",
                        "",
                        "amended" if until else "in_force",
                        begins,
                        begins,
                        until,
                        "benchmark",
                        "",
                        now,
                    )
                )
        _copy(
            cur,
            "rulemaking_legaltext",
            [
                "id",
                "kind",
                "title",
                "short_title",
                "issuing_body",
                "state",
                "public",
                "library_key",
                "note",
                "created_at",
            ],
            texts,
        )
        _copy(
            cur,
            "rulemaking_textversion",
            [
                "id",
                "text_id",
                "label",
                "doc_number",
                "state",
                "promulgated_on",
                "effective_from",
                "effective_until",
                "source",
                "source_digest",
                "recorded_at",
            ],
            versions,
        )
        t = step(f"{len(texts):,} texts, {len(versions):,} versions", t)
        columns = [
            "id",
            "version_id",
            "level",
            "number",
            "label",
            "path",
            "heading",
            "body",
            "position",
            "search_text",
        ]
        batch: list[tuple] = []
        total = 0
        for version in versions:
            for a in range(1, ARTICLES + 1):
                provision_id += 1
                picked = rng.sample(sentences, rng.randint(1, 3))
                label = f"第{a}条"
                batch.append(
                    (
                        provision_id,
                        version[0],
                        "article",
                        a,
                        label,
                        label,
                        "",
                        "".join(s for s, _ in picked),
                        a,
                        " ".join(w for _, w in picked),
                    )
                )
            if len(batch) >= 50_000:
                _copy(cur, "rulemaking_provision", columns, batch)
                total += len(batch)
                batch = []
        _copy(cur, "rulemaking_provision", columns, batch)
        total += len(batch)
        t = step(f"{total:,} articles written (COPY, the tsvector computed)", t)
        cur.execute(
            "CREATE INDEX rulemaking_provision_search_gin ON rulemaking_provision "
            "USING gin (search_vector)"
        )
        t = step("GIN index", t)
        cur.execute("ANALYZE")
        cur.execute("CREATE TABLE bench_marker (info jsonb)")
        cur.execute("SELECT count(*) FROM rulemaking_provision WHERE level = 'article'")
        articles = cur.fetchone()[0]
        info = {
            "articles": articles,
            "texts": TEXTS,
            "seconds": round(time.perf_counter() - started),
        }
        cur.execute("INSERT INTO bench_marker VALUES (%s)", [json.dumps(info)])
    step("built", started)
    print(json.dumps(info))


def _queries(rng: random.Random) -> list[tuple[str, date]]:
    from django.db import connection

    from fazhi.domains.rulemaking.segment import query_words
    from tests.rulemaking.test_library import RECALL

    recall = [(q, on) for q, on, _, _ in RECALL]
    with connection.cursor() as cur:
        # Words of middling frequency (in 0.1 %–5 % of the articles): what a user types.
        cur.execute(
            "SELECT word FROM ts_stat($$SELECT search_vector FROM rulemaking_provision "
            "WHERE id % 50 = 0$$) WHERE ndoc BETWEEN 20 AND 1000 AND length(word) >= 2 "
            "ORDER BY word"
        )
        # … and that a query keeps whole (the index also holds the parts of longer words).
        words = [w for (w,) in cur.fetchall() if query_words(w) == [w]]
    out = list(recall)
    while len(out) < QUERIES:
        on = date(rng.choice([2016, 2018, 2021, 2024]), rng.randint(1, 12), rng.randint(1, 28))
        out.append((" ".join(rng.sample(words, 2)), on))
    return out


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def child_measure() -> None:
    _setup()
    from django.db.models import Q

    from fazhi.domains.rulemaking.models import LegalText, Provision, in_force_on
    from fazhi.domains.rulemaking.search import search
    from fazhi.domains.rulemaking.segment import query_words

    rng = random.Random(SEED + 1)
    queries = _queries(rng)
    public = LegalText.objects.restrict(None)  # the portal's scope: public texts
    search("行政复议", on=date(2024, 1, 1), texts=public)  # warm the segmenter and the cache
    fts: list[float] = []
    db: list[float] = []
    hits: list[int] = []
    spent = [0.0]

    def timed(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent[0] += time.perf_counter() - began

    from django.db import connection

    with connection.execute_wrapper(timed):
        for query, on in queries:
            spent[0] = 0.0
            began = time.perf_counter()
            found = search(query, on=on, texts=public)
            fts.append((time.perf_counter() - began) * 1000)
            db.append(spent[0] * 1000)
            hits.append(len(found.hits))
    scan: list[float] = []
    scan_fts: list[float] = []
    for i, (query, on) in enumerate(queries[:SCAN_QUERIES]):
        words = query_words(query)
        began = time.perf_counter()
        q = Q()
        for word in words:
            q &= Q(body__icontains=word)
        rows = list(
            Provision.objects.filter(q, level="article")
            .filter(in_force_on(on, "version__"), version__text__public=True)
            .select_related("version__text")[:20]
        )
        scan.append((time.perf_counter() - began) * 1000)
        scan_fts.append(fts[i])
        del rows
    result = {
        "queries": len(queries),
        "with_hits": sum(1 for h in hits if h),
        "p50": _pct(fts, 50),
        "p95": _pct(fts, 95),
        "max": max(fts),
        "db_p50": _pct(db, 50),
        "db_p95": _pct(db, 95),
        "scan_queries": len(scan),
        "scan_p50": _pct(scan, 50),
        "scan_p95": _pct(scan, 95),
        "scan_mean": statistics.mean(scan),
        "fts_same_mean": statistics.mean(scan_fts),
        "articles": Provision.objects.filter(level="article").count(),
    }
    print(json.dumps(result))


def main(rebuild: bool) -> int:
    var = Path(tempfile.mkdtemp(prefix="fazhi-bench-search-"))
    print("Fazhi provision search benchmark (PostgreSQL)")
    info = None if rebuild else built(DB)
    if info is None:
        print(f"  building {DB} …")
        recreate(DB)
        info = run_script(__file__, ["build"], DB, var, stream=True)
    print(
        f"  {DB}: {info['articles']:,} articles in {info['texts']:,} synthetic texts + the library"
    )
    r = run_script(__file__, ["measure"], DB, var)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"  machine: {os.cpu_count()} cores, load average {load} (wall-clock times)")
    print(f"  {r['queries']} queries ({r['with_hits']} with hits), as of a date, public texts:")
    print(
        f"    full-text search   p50 {r['p50']:7.1f} ms   p95 {r['p95']:7.1f} ms"
        f"   max {r['max']:.1f} ms"
    )
    print(
        f"      of which SQL     p50 {r['db_p50']:7.1f} ms   p95 {r['db_p95']:7.1f} ms"
        "   (the queries' round trips; the rest is segmentation, rows and highlighting)"
    )
    print(
        f"    icontains scan     p50 {r['scan_p50']:7.1f} ms   p95 {r['scan_p95']:7.1f} ms"
        f"   ({r['scan_queries']} of the queries)"
    )
    ratio = r["scan_mean"] / r["fts_same_mean"]
    print(f"    icontains / full-text on the same {r['scan_queries']} queries: {ratio:.1f}x (mean)")
    ok = r["p95"] < GOAL_P95_MS
    print(f"  p95 {r['p95']:.1f} ms, goal < {GOAL_P95_MS:.0f} ms: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the database")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "build":
        child_build()
    elif args.child == "measure":
        child_measure()
    else:
        sys.exit(main(args.rebuild))
