"""Merkle tree hashes as in RFC 6962 §2.1 (distinct leaf and node prefixes).

The hash function is pluggable (SHA-256 by default; SM3 can be registered for the national
cryptography assessment) and its name is stored with every root.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

HashFn = Callable[[bytes], bytes]
_ALGORITHMS: dict[str, HashFn] = {"sha256": lambda data: hashlib.sha256(data).digest()}

LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"


def register_algorithm(name: str, fn: HashFn) -> None:
    _ALGORITHMS[name] = fn


def hash_fn(name: str) -> HashFn:
    try:
        return _ALGORITHMS[name]
    except KeyError as exc:
        raise ValueError(f"未知的摘要算法：{name}") from exc


def leaf_hash(data: bytes, algorithm: str = "sha256") -> bytes:
    return hash_fn(algorithm)(LEAF_PREFIX + data)


def node_hash(left: bytes, right: bytes, algorithm: str = "sha256") -> bytes:
    return hash_fn(algorithm)(NODE_PREFIX + left + right)


def _split(n: int) -> int:
    """The largest power of two smaller than n (RFC 6962: k < n <= 2k)."""
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def root_from_leaf_hashes(leaves: Sequence[bytes], algorithm: str = "sha256") -> bytes:
    """MTH(D[n]) computed bottom-up; equal to the recursive definition of RFC 6962."""
    h = hash_fn(algorithm)
    if not leaves:
        return h(b"")
    level = list(leaves)
    # Bottom-up pairing with the odd node carried up unchanged gives the same tree as
    # RFC 6962's left-balanced split.
    while len(level) > 1:
        nxt = [h(NODE_PREFIX + level[i] + level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            nxt.append(level[-1])
        level = nxt
    return level[0]


def root_recursive(leaves: Sequence[bytes], algorithm: str = "sha256") -> bytes:
    """The textbook recursive MTH; used by tests and by independent verifiers."""
    if not leaves:
        return hash_fn(algorithm)(b"")
    if len(leaves) == 1:
        return leaves[0]
    k = _split(len(leaves))
    return node_hash(
        root_recursive(leaves[:k], algorithm), root_recursive(leaves[k:], algorithm), algorithm
    )


def inclusion_proof(leaves: Sequence[bytes], index: int, algorithm: str = "sha256") -> list[bytes]:
    """PATH(m, D[n]) of RFC 6962 §2.1.1: the audit path for leaf ``index``."""
    n = len(leaves)
    if not 0 <= index < n:
        raise IndexError(index)
    if n == 1:
        return []
    k = _split(n)
    if index < k:
        return [
            *inclusion_proof(leaves[:k], index, algorithm),
            root_recursive(leaves[k:], algorithm),
        ]
    return [
        *inclusion_proof(leaves[k:], index - k, algorithm),
        root_recursive(leaves[:k], algorithm),
    ]


def verify_inclusion(
    leaf: bytes,
    index: int,
    size: int,
    proof: Sequence[bytes],
    root: bytes,
    algorithm: str = "sha256",
) -> bool:
    """Check an audit path (RFC 9162 §2.1.3.2 algorithm, valid for RFC 6962 trees)."""
    if not 0 <= index < size:
        return False
    fn, sn = index, size - 1
    r = leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r, algorithm)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p, algorithm)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root
