"""Chinese word segmentation for the provision index: jieba with a legal-terms dictionary.

Indexing cuts in search mode (a long term and its parts: 行政复议机关 → 行政, 复议, 机关,
行政复议, 行政复议机关), so a query's words, cut in precise mode, are found inside longer terms.
The tokenizer is our own instance (not jieba's global one), built once.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from .numerals import to_int

TERMS = Path(__file__).resolve().parent / "data" / "legal_terms.txt"
# Words that say nothing in a statute query: particles and punctuation.
_STOP_WORDS = (
    "的 了 和 与 或 及 或者 以及 等 在 对 由 为 是 之 其 应当 可以 不得 第 条 款 项 "
    "内 后 前 多久 什么 怎么 如何 哪些 吗 是否 多少 几 时候 要"
)
STOP = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"[\w]", re.UNICODE)

_lock = threading.Lock()
_tokenizer: Any = None


def tokenizer() -> Any:
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tok = jieba.Tokenizer()
                tok.initialize()
                tok.load_userdict(str(TERMS))
                _tokenizer = tok
    return _tokenizer


# A count in Chinese numerals before a unit is written as digits (三十日 → 30日, 六个月 → 6个月),
# in the index and in queries alike, since statutes use both spellings (规章制定程序条例 writes
# "30日", 政府信息公开条例 "二十个工作日").
_COUNT = re.compile(
    r"([零〇一二两三四五六七八九十百千]+)(?=个?(?:工作日|日|天|月|年|周|小时|万元|元|倍|人|次|名|件))"
)


# What may stand before such a count (另有 "统一年度": 一 there is no count).
_BEFORE_COUNT = frozenset("于过满至第在内起逾超为计共约近达前后的和或并及、，；：（(")


def normalise(text: str) -> str:
    def digits(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else ""
        if before and "\u4e00" <= before <= "\u9fff" and before not in _BEFORE_COUNT:
            return match.group(1)
        try:
            return str(to_int(match.group(1)))
        except ValueError:
            return match.group(1)

    return _COUNT.sub(digits, text)


def _keep(word: str) -> bool:
    word = word.strip()
    return bool(word) and bool(_WORD.search(word))


@lru_cache(maxsize=50_000)
def index_words(text: str) -> str:
    """The text as the index stores it: search-mode words, lower-cased, space-separated.
    Cached: most articles read the same in the next version of their text."""
    words = tokenizer().cut_for_search(normalise(text))
    return " ".join(w.lower() for w in words if _keep(w))


def query_words(query: str) -> list[str]:
    """The words of a query (precise mode), without stop words, in order, each once."""
    out: list[str] = []
    for word in tokenizer().cut(normalise(query.strip())):
        word = word.strip().lower()
        if _keep(word) and word not in STOP and word not in out:
            out.append(word)
    return out
