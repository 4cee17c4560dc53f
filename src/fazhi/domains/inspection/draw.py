"""The draw of docs/draw-spec.md (``fazhi-draw/1``) as pure functions: no ORM, no clock.

Codes and credential numbers are ``bytes`` (ASCII codes; UTF-8 numbers), so the sort order of
the spec (by UTF-8 bytes) is the natural one. The entity pools are numpy ``S`` arrays: keys
are computed with hashlib (one SHA-256 per entity, unavoidably) into a ``uint64`` array, and
the selection and the ordering of the targets are vectorised; the assignment walks the targets
in order with a heap of integer priorities, which gives exactly the spec's "least priority
among the eligible" pick at O(log inspectors) per pick.
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from .choices import SPEC_VERSION

Codes = npt.NDArray[np.bytes_]
U64 = npt.NDArray[np.uint64]
EMPTY_DIGEST = hashlib.sha256(b"").hexdigest()


class DrawRefused(ValueError):
    """The campaign cannot be drawn as stated (the message says why, in Chinese)."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------------------------------
# The files of draw-spec §2
# --------------------------------------------------------------------------------------------


def as_codes(values: Iterable[bytes | str] | Codes) -> Codes:
    """A sorted ``S`` array of distinct codes."""
    if isinstance(values, np.ndarray) and values.dtype.kind == "S":
        arr = values
    else:
        items = [v.encode() if isinstance(v, str) else v for v in values]
        arr = np.array(items, dtype=bytes) if items else np.array([], dtype="S1")
    arr = np.sort(arr, kind="stable")
    if arr.size > 1 and bool((arr[1:] == arr[:-1]).any()):
        raise DrawRefused("名录中有重复的代码")
    return arr


def _lines(arr: Codes) -> bytes:
    return b"".join(v + b"\n" for v in arr.tolist()) if arr.size else b""


def entity_pool_file(strata: Mapping[str, Codes]) -> bytes:
    """§2.1: ``stratum <name> <count>`` then the sorted codes, strata in sorted order."""
    parts = []
    for name in sorted(strata, key=str.encode):
        arr = strata[name]
        if arr.size:
            parts.append(f"stratum {name} {arr.size}\n".encode() + _lines(arr))
    return b"".join(parts)


def parse_entity_pool_file(data: bytes) -> dict[str, Codes]:
    """The strata of an entity pool file (checking its counts and order)."""
    strata: dict[str, Codes] = {}
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    i = 0
    while i < len(lines):
        head = lines[i].decode().split(" ")
        if len(head) != 3 or head[0] != "stratum":
            raise DrawRefused(f"检查对象名录第{i + 1}行格式不符")
        count = int(head[2])
        arr = np.array(lines[i + 1 : i + 1 + count], dtype="S18")
        if arr.size != count or (count > 1 and bool((arr[1:] <= arr[:-1]).any())):
            raise DrawRefused(f"检查对象名录中分类“{head[1]}”的代码数目或顺序不符")
        strata[head[1]] = arr
        i += 1 + count
    return strata


def inspector_pool_file(numbers: Codes) -> bytes:
    """§2.2: the sorted credential numbers, one per line."""
    return _lines(numbers)


def conflicts_file(pairs: Iterable[tuple[bytes, bytes]]) -> bytes:
    """§2.3: ``<credential number> <code>`` lines in sorted order, each pair once."""
    return b"".join(sorted({o + b" " + c + b"\n" for o, c in pairs}))


def parse_conflicts_file(data: bytes) -> list[tuple[bytes, bytes]]:
    return [tuple(line.split(b" ", 1)) for line in data.splitlines()]  # type: ignore[misc]


# --------------------------------------------------------------------------------------------
# Manifest and seed (§2.6, §3)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rules:
    team: int
    ratios: Mapping[str, int]


def manifest(
    campaign: str,
    rules: Rules,
    entities_digest: str,
    inspectors_digest: str,
    conflicts_digest: str,
    commitments: Iterable[str],
    public_label: str = "",
) -> bytes:
    lines = [SPEC_VERSION, f"campaign {campaign}", f"team {rules.team}"]
    lines += [f"ratio {s} {rules.ratios[s]}" for s in sorted(rules.ratios, key=str.encode)]
    lines += [
        f"entities {entities_digest}",
        f"inspectors {inspectors_digest}",
        f"conflicts {conflicts_digest}",
    ]
    lines += [f"commit {c}" for c in sorted(commitments)]
    if public_label:
        lines.append(f"public {public_label}")
    return "".join(line + "\n" for line in lines).encode()


def commitment_of(secret_hex: str) -> str:
    return sha256_hex(bytes.fromhex(secret_hex))


def counted_reveal(commitment: str, reveal: str) -> str:
    """The reveal as it counts in the seed: itself when it opens the commitment, else empty."""
    try:
        return reveal if reveal and commitment_of(reveal) == commitment else ""
    except ValueError:  # not hex
        return ""


def seed_of(manifest_bytes: bytes, reveals: Sequence[str], public_value: str | None) -> bytes:
    """§3: ``reveals`` are the counted reveals in the manifest's commitment order."""
    material = manifest_bytes + b"".join(f"reveal {r}\n".encode() for r in reveals)
    if public_value is not None:
        material += f"public-value {public_value}\n".encode()
    return hashlib.sha256(material).digest()


# --------------------------------------------------------------------------------------------
# Selection (§4)
# --------------------------------------------------------------------------------------------


def take_count(n: int, ratio: int) -> int:
    """⌈n·r/1000⌉, in integers."""
    return (n * ratio + 999) // 1000


def entity_keys(seed: bytes, codes: Codes, chunk: int = 1 << 20) -> U64:
    """``u64(H(seed + b"E" + code))`` for every code. One SHA-256 each: the state after the
    common prefix is copied rather than re-hashed, and the digests are read as big-endian
    integers by numpy in chunks (so memory stays bounded at province scale)."""
    copy = hashlib.sha256(seed + b"E").copy
    out = np.empty(codes.size, dtype=np.uint64)
    items = codes.tolist()
    for start in range(0, len(items), chunk):
        part = items[start : start + chunk]

        def digest(code: bytes) -> bytes:
            h = copy()
            h.update(code)
            return h.digest()

        raw = np.frombuffer(b"".join(map(digest, part)), dtype=">u8").reshape(-1, 4)[:, 0]
        out[start : start + len(part)] = raw
    return out


def _smallest(keys: U64, codes: Codes, k: int) -> npt.NDArray[np.intp]:
    """Indices of the ``k`` smallest ``(key, code)``; exact even when keys tie."""
    n = keys.size
    if k <= 0:
        return np.empty(0, dtype=np.intp)
    if k >= n:
        return np.arange(n)
    threshold = np.partition(keys, k - 1)[k - 1]
    below = np.flatnonzero(keys < threshold)
    tied = np.flatnonzero(keys == threshold)
    if below.size + tied.size > k:  # a tie at the boundary: the codes decide
        tied = tied[np.argsort(codes[tied], kind="stable")][: k - below.size]
    return np.concatenate([below, tied])


@dataclass
class Selection:
    """The targets in target order (§4): code, stratum, key; and each stratum's n and k."""

    codes: Codes
    strata: list[str]
    keys: U64
    sizes: dict[str, tuple[int, int]] = field(default_factory=dict)


def select(seed: bytes, strata: Mapping[str, Codes], ratios: Mapping[str, int]) -> Selection:
    missing = [s for s, arr in strata.items() if arr.size and s not in ratios]
    if missing:
        raise DrawRefused(f"名录中的分类 {'、'.join(sorted(missing))} 没有规定抽查比例")
    chosen_codes: list[Codes] = []
    chosen_keys: list[U64] = []
    labels: list[npt.NDArray[np.int32]] = []
    sizes: dict[str, tuple[int, int]] = {}
    for name in sorted(strata, key=str.encode):
        codes = strata[name]
        k = take_count(codes.size, ratios[name]) if codes.size else 0
        sizes[name] = (int(codes.size), k)
        if not k:
            continue
        keys = entity_keys(seed, codes)
        idx = _smallest(keys, codes, k)
        chosen_codes.append(codes[idx].astype("S18"))
        chosen_keys.append(keys[idx])
        labels.append(np.full(idx.size, len(labels), dtype=np.int32))
    if not chosen_codes:
        return Selection(np.array([], dtype="S18"), [], np.array([], dtype=np.uint64), sizes)
    all_codes = np.concatenate(chosen_codes)
    all_keys = np.concatenate(chosen_keys)
    all_labels = np.concatenate(labels)
    order = np.lexsort((all_codes, all_keys))
    names = [n for n in sorted(strata, key=str.encode) if sizes[n][1]]
    return Selection(
        all_codes[order], [names[i] for i in all_labels[order].tolist()], all_keys[order], sizes
    )


# --------------------------------------------------------------------------------------------
# Assignment (§5)
# --------------------------------------------------------------------------------------------


def staffing_refusal(
    inspectors: Codes,
    entity_codes: Iterable[bytes],
    conflicts: Iterable[tuple[bytes, bytes]],
    team: int,
) -> str | None:
    """§5.1: why the campaign cannot be staffed, or None. Checks every entity of the pool, so
    no draw can fail later whichever entities it selects."""
    available = int(inspectors.size)
    if available < team:
        return (
            f"检查人员名录库只有{available}名具备资格的执法人员，少于每户{team}人的要求，"
            "不能抽取（国办发〔2024〕54号：两名以上执法人员）"
        )
    in_pool = set(inspectors.tolist())
    pool = set(entity_codes) if not isinstance(entity_codes, set) else entity_codes
    per_entity: dict[bytes, int] = {}
    for officer, code in set(conflicts):
        if officer in in_pool and code in pool:
            per_entity[code] = per_entity.get(code, 0) + 1
    for code, count in sorted(per_entity.items()):
        if available - count < team:
            return (
                f"市场主体 {code.decode()} 与{count}名检查人员有回避关系，余下"
                f"{available - count}人不足每户{team}人，不能抽取；请补充检查人员或核实回避关系"
            )
    return None


def inspector_rank(seed: bytes, number: bytes, load: int) -> int:
    digest = hashlib.sha256(seed + b"I" + str(load).encode() + b":" + number).digest()
    return int.from_bytes(digest[:8], "big")


def assign(
    seed: bytes,
    targets: Sequence[bytes],
    inspectors: Codes,
    conflicts: Iterable[tuple[bytes, bytes]],
    team: int,
) -> npt.NDArray[np.int64]:
    """§5: for each target in order, the ``team`` inspectors (indices into the sorted pool) in
    pick order. Priority ``(load, rank, number)`` is packed into one integer
    ``((load << 64) | rank) * M + index`` so the heap compares plain ints; the index order is
    the numbers' order, so the last tie-break is the spec's."""
    numbers = inspectors.tolist()
    m = len(numbers)
    index = {n: i for i, n in enumerate(numbers)}
    barred: dict[bytes, set[int]] = {}
    for officer, code in conflicts:
        if officer in index:
            barred.setdefault(code, set()).add(index[officer])
    out = np.empty((len(targets), team), dtype=np.int64)
    if not len(targets):
        return out
    if m < team:
        raise DrawRefused("检查人员不足，不能分派")
    prefix = hashlib.sha256(seed + b"I").copy
    rank_base = [hashlib.sha256(seed + b"I" + b"0:" + n).digest() for n in numbers]
    heap = [(int.from_bytes(d[:8], "big") * m + i) for i, d in enumerate(rank_base)]
    heapq.heapify(heap)
    load = [0] * m
    pop, push = heapq.heappop, heapq.heappush
    empty: set[int] = set()
    for t, code in enumerate(targets):
        bar = barred.get(code, empty)
        picked: list[int] = []
        skipped: list[int] = []
        while len(picked) < team:
            if not heap:
                raise DrawRefused(f"市场主体 {code.decode()} 可分派的检查人员不足{team}人")
            item = pop(heap)
            i = item % m
            if i in bar:
                skipped.append(item)
            else:
                picked.append(i)
        for item in skipped:
            push(heap, item)
        out[t] = picked
        for i in picked:
            level = load[i] + 1
            load[i] = level
            h = prefix()
            h.update(b"%d:" % level + numbers[i])
            rank = int.from_bytes(h.digest()[:8], "big")
            push(heap, ((level << 64) | rank) * m + i)
    return out


# --------------------------------------------------------------------------------------------
# The whole draw and its published result (§6)
# --------------------------------------------------------------------------------------------


@dataclass
class DrawResult:
    seed: bytes
    selection: Selection
    teams: npt.NDArray[np.int64]
    inspectors: Codes

    def result_file(self) -> bytes:
        """§6: ``<code> <stratum> <number> …`` per target, in target order."""
        numbers = self.inspectors.tolist()
        lines = []
        for code, stratum, team in zip(
            self.selection.codes.tolist(), self.selection.strata, self.teams.tolist(), strict=True
        ):
            lines.append(b" ".join([code, stratum.encode(), *(numbers[i] for i in team)]) + b"\n")
        return b"".join(lines)


def run(
    seed: bytes,
    strata: Mapping[str, Codes],
    inspectors: Codes,
    conflicts: Sequence[tuple[bytes, bytes]],
    rules: Rules,
) -> DrawResult:
    """Selection then assignment, refusing first what cannot be staffed."""
    pool: set[bytes] = set()
    conflicted = {code for _, code in conflicts}
    for arr in strata.values():
        pool.update(c for c in arr.tolist() if c in conflicted)
    reason = staffing_refusal(inspectors, pool, conflicts, rules.team)
    if reason:
        raise DrawRefused(reason)
    selection = select(seed, strata, rules.ratios)
    teams = assign(seed, selection.codes.tolist(), inspectors, conflicts, rules.team)
    return DrawResult(seed, selection, teams, inspectors)


def parse_result_file(data: bytes) -> list[tuple[bytes, str, list[bytes]]]:
    rows = []
    for line in data.splitlines():
        code, stratum, *team = line.split(b" ")
        rows.append((code, stratum.decode(), team))
    return rows
