"""Full-text search over provisions, as the texts stood on a date.

The articles' wording is cut into words when stored (``Provision.search_text``, see
segment.py); the database indexes those words with its own full-text engine — SQLite's FTS5
(an external-content table kept by triggers) on the embedded default, a stored ``simple``
tsvector with a GIN index on PostgreSQL — and ranks the matches (bm25 / ts_rank). A query's
words must all occur; when no article has them all, articles with any of them are ranked.
Scoping stays with the caller: the portal passes public texts only, the office a restricted
queryset of texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection, models
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .choices import PROMULGATED_STATES
from .models import LegalText, Provision
from .segment import query_words

# Matches considered for one page of results (ranked in the database, then scoped here).
CANDIDATES = 200
# Matches ranked at most on PostgreSQL (see _candidates).
MATCHES = 500
FTS_TABLE = "rulemaking_provision_fts"

_SQLITE_INDEX = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "search_text, content='rulemaking_provision', content_rowid='id', tokenize='unicode61')",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON rulemaking_provision BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON rulemaking_provision BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au AFTER UPDATE OF search_text "
    "ON rulemaking_provision BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    f"INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END",
]
_PG_INDEX = [
    "ALTER TABLE rulemaking_provision ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED",
    "CREATE INDEX IF NOT EXISTS rulemaking_provision_search_gin "
    "ON rulemaking_provision USING gin (search_vector)",
]


def ensure_index(conn: Any = None) -> bool:
    """Create the full-text index if it is missing (True when it was created or repaired).

    Run by the migration and after every migrate: on SQLite a later migration that rebuilds
    the provision table drops its triggers with it, so they are put back and the index rebuilt.
    """
    conn = conn or connection
    if "rulemaking_provision" not in conn.introspection.table_names():
        return False  # migrated only part of the way: the migration creates the index
    with conn.cursor() as cursor:
        if conn.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='trigger' AND name LIKE %s",
                [f"{FTS_TABLE}_%"],
            )
            if cursor.fetchone()[0] == 3:
                return False
            for sql in _SQLITE_INDEX:
                cursor.execute(sql)
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
            return True
        if conn.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_indexes WHERE tablename = 'rulemaking_provision' "
                "AND indexname = 'rulemaking_provision_search_gin'"
            )
            if cursor.fetchone()[0]:
                return False
            for sql in _PG_INDEX:
                cursor.execute(sql)
            return True
    return False


def drop_index(conn: Any = None) -> None:
    conn = conn or connection
    with conn.cursor() as cursor:
        if conn.vendor == "sqlite":
            for suffix in ("ai", "ad", "au"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{suffix}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        elif conn.vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS rulemaking_provision_search_gin")
            cursor.execute("ALTER TABLE rulemaking_provision DROP COLUMN IF EXISTS search_vector")


@dataclass(frozen=True)
class Hit:
    provision: Provision
    rank: int  # higher is better, within one result list
    highlighted: SafeString


@dataclass(frozen=True)
class Results:
    query: str
    words: list[str]
    on: date | None
    hits: list[Hit]
    all_words: bool  # every word matched (False: ranked on any of them)


def _fts_query(words: list[str], op: str) -> str:
    if connection.vendor == "postgresql":
        quoted = ["'" + w.replace("\\", "\\\\").replace("'", "''") + "'" for w in words]
        return f" {'&' if op == 'AND' else '|'} ".join(quoted)
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    return (" " if op == "AND" else " OR ").join(quoted)


def _candidates(
    words: list[str], op: str, on: date | None, public_only: bool, limit: int
) -> list[int]:
    """The ids of the best matches, best first: by the number of the words an article has
    (all of them, with "AND"), then by the engine's rank."""
    where = ["v.state IN (" + ",".join(["%s"] * len(PROMULGATED_STATES)) + ")"]
    params: list[Any] = [str(s) for s in PROMULGATED_STATES]
    if on is not None:
        where.append(
            "v.effective_from <= %s AND (v.effective_until IS NULL OR v.effective_until >= %s)"
        )
        params += [on, on]
    if public_only:
        where.append("t.public")
    filters = " AND ".join(where)
    fts = _fts_query(words, op)
    if connection.vendor == "postgresql":
        # The matches are read from the GIN index and ranked; a word in a large share of the
        # articles would make that a ranking of most of the table, so at most MATCHES of them
        # (the first found) are ranked: exact below that, the best of those above it.
        matched = " + ".join(["(m.search_vector @@ to_tsquery('simple', %s))::int"] * len(words))
        sql = (
            "WITH m AS MATERIALIZED (SELECT p.id, p.version_id, p.search_vector "
            "FROM rulemaking_provision p WHERE p.search_vector @@ to_tsquery('simple', %s) "
            "LIMIT %s) "
            f"SELECT m.id, {matched} AS n, ts_rank(m.search_vector, to_tsquery('simple', %s)) AS r "
            "FROM m JOIN rulemaking_textversion v ON v.id = m.version_id "
            "JOIN rulemaking_legaltext t ON t.id = v.text_id "
            f"WHERE {filters} ORDER BY n DESC, r DESC, m.id LIMIT %s"
        )
        args = [fts, MATCHES, *(_fts_query([w], op) for w in words), fts, *params, limit]
    elif connection.vendor == "sqlite":
        matched = " + ".join(["(instr(' ' || p.search_text || ' ', %s) > 0)"] * len(words))
        sql = (
            f"SELECT p.id, {matched} AS n, -bm25({FTS_TABLE}) AS r FROM {FTS_TABLE} "
            f"JOIN rulemaking_provision p ON p.id = {FTS_TABLE}.rowid "
            "JOIN rulemaking_textversion v ON v.id = p.version_id "
            "JOIN rulemaking_legaltext t ON t.id = v.text_id "
            f"WHERE {FTS_TABLE} MATCH %s AND {filters} ORDER BY n DESC, r DESC, p.id LIMIT %s"
        )
        args = [*(f" {w} " for w in words), fts, *params, limit]
    else:  # pragma: no cover - the two engines Fazhi runs on
        raise NotImplementedError(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        return [int(row[0]) for row in cursor.fetchall()]


def highlight(body: str, words: list[str]) -> SafeString:
    """The wording, escaped, with each query word marked."""
    if not words:
        return mark_safe(escape(body))
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.I)
    out: list[str] = []
    pos = 0
    for match in pattern.finditer(body):
        out.append(escape(body[pos : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        pos = match.end()
    out.append(escape(body[pos:]))
    return mark_safe("".join(out))


def search(
    query: str,
    *,
    on: date | None = None,
    texts: models.QuerySet[LegalText] | None = None,
    public_only: bool = True,
    limit: int = 20,
) -> Results:
    """Articles matching ``query`` in the versions in force on ``on`` (every promulgated
    version when None), best first. ``texts`` narrows to a (restricted) queryset of texts;
    ``public_only`` to published texts (the portal)."""
    words = query_words(query)
    if not words:
        return Results(query, words, on, [], True)
    all_words = True
    found = _candidates(words, "AND", on, public_only, CANDIDATES)
    if not found and len(words) > 1:
        all_words = False
        # Any of the words: the single characters (人, 日) would match most articles.
        some = [w for w in words if len(w) > 1] or words
        found = _candidates(some, "OR", on, public_only, CANDIDATES)
    # The page's rows, scoped, in rank order: one query unless scoping removes some of them.
    ordered: list[Provision] = []
    start = 0
    while len(ordered) < limit and start < len(found):
        chunk = found[start : start + limit]
        start += limit
        rows = Provision.objects.filter(pk__in=chunk).select_related("version__text")
        if texts is not None:
            rows = rows.filter(version__text__in=texts)
        by_pk = {p.pk: p for p in rows}
        ordered += [by_pk[pk] for pk in chunk if pk in by_pk]
    ordered = ordered[:limit]
    hits = [Hit(p, len(ordered) - i, highlight(p.body, words)) for i, p in enumerate(ordered)]
    return Results(query, words, on, hits, all_words)
