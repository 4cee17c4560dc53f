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


def _keep(word: str) -> bool:
    word = word.strip()
    return bool(word) and bool(_WORD.search(word))


@lru_cache(maxsize=50_000)
def index_words(text: str) -> str:
    """The text as the index stores it: search-mode words, lower-cased, space-separated.
    Cached: most articles read the same in the next version of their text."""
    return " ".join(w.lower() for w in tokenizer().cut_for_search(text) if _keep(w))


def query_words(query: str) -> list[str]:
    """The words of a query (precise mode), without stop words, in order, each once."""
    out: list[str] = []
    for word in tokenizer().cut(query.strip()):
        word = word.strip().lower()
        if _keep(word) and word not in STOP and word not in out:
            out.append(word)
    return out
