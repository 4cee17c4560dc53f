"""The draw's guarantees (docs/draw-spec.md §5.2) over random pools and conflicts, and the
app's draw against the independent verifier written from the spec alone."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.domains.inspection import draw

from . import independent_draw

CLASSES = ["A", "B", "C", "D"]


def codes(n: int, salt: str = "") -> list[bytes]:
    return [f"9142070{salt}{i:011d}".encode()[:18].ljust(18, b"X") for i in range(n)]


@st.composite
def pools(draw_: st.DrawFn) -> dict:
    n_entities = draw_(st.integers(1, 60))
    n_inspectors = draw_(st.integers(2, 14))
    team = draw_(st.integers(2, min(3, n_inspectors)))
    entities = codes(n_entities)
    inspectors = [f"4207{i:05d}".encode() for i in range(n_inspectors)]
    assigned = draw_(st.lists(st.sampled_from(CLASSES), min_size=n_entities, max_size=n_entities))
    strata = {c: [e for e, a in zip(entities, assigned, strict=True) if a == c] for c in CLASSES}
    ratios = {c: draw_(st.integers(0, 1000)) for c in CLASSES}
    # Conflicts, each entity keeping at least ``team`` inspectors free (else refused: tested
    # separately).
    conflicts = set()
    for e in entities:
        barred = draw_(st.integers(0, n_inspectors - team))
        for o in draw_(st.permutations(inspectors))[:barred]:
            conflicts.add((o, e))
    seed = draw_(st.binary(min_size=32, max_size=32))
    return {
        "seed": seed,
        "strata": {c: draw.as_codes(v) for c, v in strata.items()},
        "inspectors": draw.as_codes(inspectors),
        "conflicts": sorted(conflicts),
        "rules": draw.Rules(team, ratios),
    }


def run(p: dict) -> draw.DrawResult:
    return draw.run(p["seed"], p["strata"], p["inspectors"], p["conflicts"], p["rules"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pools())
def test_every_target_gets_a_team_of_distinct_eligible_inspectors(p: dict) -> None:
    result = run(p)
    numbers = p["inspectors"].tolist()
    barred = set(p["conflicts"])
    for code, team in zip(result.selection.codes.tolist(), result.teams.tolist(), strict=True):
        members = [numbers[i] for i in team]
        assert len(set(members)) == p["rules"].team, "a team has a repeated inspector"
        assert not any((o, code) in barred for o in members), "an inspector with a conflict"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pools())
def test_the_load_bound_holds(p: dict) -> None:
    result = run(p)
    inspectors, team = p["inspectors"].size, p["rules"].team
    loads = np.bincount(result.teams.ravel(), minlength=inspectors)
    slots = result.teams.size
    targets = set(result.selection.codes.tolist())
    per_target: dict[bytes, int] = {}
    for _, code in p["conflicts"]:
        if code in targets:
            per_target[code] = per_target.get(code, 0) + 1
    c = max(per_target.values(), default=0)
    assert loads.max(initial=0) <= slots // (inspectors - c - team + 1) + 1
    if c == 0:
        assert loads.max() - loads.min() <= 1, "unbalanced without conflicts"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pools(), st.randoms(use_true_random=False))
def test_the_draw_is_a_function_of_the_seed_not_of_the_lists_order(
    p: dict, rnd: random.Random
) -> None:
    first = run(p).result_file()
    shuffled = dict(p)
    shuffled["strata"] = {}
    for c, arr in p["strata"].items():
        items = arr.tolist()
        rnd.shuffle(items)
        shuffled["strata"][c] = draw.as_codes(items)  # read in any order, sorted on freezing
    conflicts = list(p["conflicts"])
    rnd.shuffle(conflicts)
    shuffled["conflicts"] = conflicts
    assert run(shuffled).result_file() == first
    other = dict(p, seed=hashlib.sha256(p["seed"]).digest())
    if run(p).selection.codes.size > 1:
        # A different seed gives a different draw (not a guarantee, but with ≥ 2 targets and
        # 64-bit keys a collision here would mean the seed is ignored).
        assert run(other).result_file() != first or len(set(p["strata"])) == 0


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 10**7), st.integers(0, 1000))
def test_the_count_per_stratum_is_rounded_up(n: int, ratio: int) -> None:
    k = draw.take_count(n, ratio)
    assert k * 1000 >= n * ratio > (k - 1) * 1000 or k == 0
    assert k <= n


def test_selection_probability_is_k_over_n() -> None:
    """Every entity of a stratum is equally likely: over many seeds each is drawn about
    k/n of the time."""
    entities = draw.as_codes(codes(20))
    hits = dict.fromkeys(entities.tolist(), 0)
    for s in range(400):
        seed = hashlib.sha256(str(s).encode()).digest()
        for code in draw.select(seed, {"A": entities}, {"A": 250}).codes.tolist():
            hits[code] += 1
    # k = 5 of 20: expected 100 each; a fair draw stays well within ±45.
    assert all(55 <= h <= 145 for h in hits.values()), hits


def test_ties_of_keys_are_broken_by_the_code() -> None:
    keys = np.array([5, 1, 5, 5, 9], dtype=np.uint64)
    arr = np.array([b"E", b"A", b"D", b"B", b"C"], dtype="S18")
    idx = draw._smallest(keys, arr, 3)
    assert sorted(arr[idx].tolist()) == [b"A", b"B", b"D"]


def test_an_entity_with_too_few_free_inspectors_is_refused_before_the_draw() -> None:
    inspectors = draw.as_codes([b"N1", b"N2", b"N3"])
    entities = draw.as_codes(codes(3))
    code = entities.tolist()[1]
    reason = draw.staffing_refusal(
        inspectors, set(entities.tolist()), [(b"N1", code), (b"N2", code)], 2
    )
    assert reason is not None and code.decode() in reason and "回避" in reason
    too_few = draw.staffing_refusal(draw.as_codes([b"N1"]), set(), [], 2)
    assert too_few is not None and "少于每户2人" in too_few
    with pytest.raises(draw.DrawRefused):
        draw.run(
            b"\0" * 32,
            {"A": entities},
            inspectors,
            [(b"N1", code), (b"N3", code)],
            draw.Rules(2, {"A": 1000}),
        )


def publish(
    folder: Path,
    p: dict,
    result: draw.DrawResult,
    manifest: bytes,
    reveals: list[str],
    public_value: str | None,
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manifest.txt").write_bytes(manifest)
    (folder / "reveals.txt").write_text("".join(r + "\n" for r in reveals))
    if public_value is not None:
        (folder / "public-value.txt").write_text(public_value + "\n")
    (folder / "entities.txt").write_bytes(draw.entity_pool_file(p["strata"]))
    (folder / "inspectors.txt").write_bytes(draw.inspector_pool_file(p["inspectors"]))
    (folder / "conflicts.txt").write_bytes(draw.conflicts_file(p["conflicts"]))
    (folder / "result.txt").write_bytes(result.result_file())


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pools(),
    st.lists(st.binary(min_size=16, max_size=32), min_size=1, max_size=4),
    st.booleans(),
    st.booleans(),
)
def test_the_independent_verifier_reproduces_the_apps_draw(
    tmp_path_factory: pytest.TempPathFactory,
    p: dict,
    secrets: list[bytes],
    withhold: bool,
    public: bool,
) -> None:
    commitments = [hashlib.sha256(s).hexdigest() for s in secrets]
    order = sorted(range(len(secrets)), key=lambda i: commitments[i])
    reveals = [secrets[i].hex() for i in order]
    if withhold:
        reveals[0] = ""  # a missing reveal counts as empty
    value = "03 09 14 21 27 30 + 11" if public else None
    manifest = draw.manifest(
        "420700-SCJG-2019-001",
        p["rules"],
        draw.sha256_hex(draw.entity_pool_file(p["strata"])),
        draw.sha256_hex(draw.inspector_pool_file(p["inspectors"])),
        draw.sha256_hex(draw.conflicts_file(p["conflicts"])),
        commitments,
        "福利彩票双色球2019074期" if public else "",
    )
    counted = [draw.counted_reveal(commitments[i], r) for i, r in zip(order, reveals, strict=True)]
    p = dict(p, seed=draw.seed_of(manifest, counted, value))
    result = run(p)
    folder = tmp_path_factory.mktemp("published")
    publish(folder, p, result, manifest, reveals, value)
    assert independent_draw.verify(folder) is None
    # And it notices a tampered result.
    rows = result.result_file().splitlines()
    if rows:
        (folder / "result.txt").write_bytes(b"\n".join(rows[:-1]) + b"\n" if rows[1:] else b"")
        assert independent_draw.verify(folder) is not None


def heap_assign(
    seed: bytes,
    targets: list[bytes],
    numbers: list[bytes],
    conflicts: set[tuple[bytes, bytes]],
    team: int,
) -> list[list[int]]:
    """The spec's rule with a plain heap of (load, rank, number): the app's level-by-level
    bulk assignment must give exactly this."""
    import heapq

    def rank(i: int, load: int) -> int:
        digest = hashlib.sha256(seed + b"I" + b"%d:" % load + numbers[i]).digest()
        return int.from_bytes(digest[:8], "big")

    heap = [(0, rank(i, 0), i) for i in range(len(numbers))]
    heapq.heapify(heap)
    out = []
    for code in targets:
        picked, skipped = [], []
        while len(picked) < team:
            item = heapq.heappop(heap)
            (skipped if (numbers[item[2]], code) in conflicts else picked).append(item)
        for item in skipped:
            heapq.heappush(heap, item)
        for load, _, i in picked:
            heapq.heappush(heap, (load + 1, rank(i, load + 1), i))
        out.append([i for _, _, i in picked])
    return out


@settings(max_examples=60, deadline=None)
@given(
    st.integers(2, 40),
    st.integers(1, 300),
    st.integers(2, 3),
    st.floats(0, 0.2),
    st.binary(min_size=32, max_size=32),
    st.randoms(use_true_random=False),
)
def test_the_bulk_assignment_is_exactly_the_heap_rule(
    inspectors: int, targets: int, team: int, density: float, seed: bytes, rnd: random.Random
) -> None:
    team = min(team, inspectors)
    numbers = [b"N%05d" % i for i in range(inspectors)]
    codes_ = codes(targets)
    conflicts = set()
    for code in codes_:
        if rnd.random() < density and inspectors > team:
            for o in rnd.sample(numbers, rnd.randint(1, inspectors - team)):
                conflicts.add((o, code))
    got = draw.assign(seed, codes_, draw.as_codes(numbers), sorted(conflicts), team)
    assert got.tolist() == heap_assign(seed, codes_, numbers, conflicts, team)


def test_keys_are_the_spec_hash_of_each_code_across_chunks() -> None:
    entities = draw.as_codes([*codes(1001), b"SHORT", b"91420700MA0000001"])
    seed = hashlib.sha256(b"chunks").digest()
    expected = [
        int.from_bytes(hashlib.sha256(seed + b"E" + code).digest()[:8], "big")
        for code in entities.tolist()
    ]
    assert draw.entity_keys(seed, entities, chunk=64).tolist() == expected
    assert draw.entity_keys(seed, entities[:0]).size == 0


def test_the_pool_file_reads_back_fixed_width_and_otherwise() -> None:
    fixed = draw.as_codes(codes(50))
    ragged = draw.as_codes([b"91420700MA0000001", b"914207", b"91420700MA000002X"])
    strata = {"A": fixed, "B": ragged, "C": fixed[:1], "未分类": fixed[10:20]}
    data = draw.entity_pool_file(strata)
    assert data == b"".join(
        f"stratum {name} {arr.size}\n".encode() + b"".join(c + b"\n" for c in arr.tolist())
        for name, arr in sorted(strata.items(), key=lambda kv: kv[0].encode())
    )
    back = draw.parse_entity_pool_file(data)
    assert {name: arr.tolist() for name, arr in back.items()} == {
        name: arr.tolist() for name, arr in strata.items()
    }
    with pytest.raises(draw.DrawRefused):  # out of order
        draw.parse_entity_pool_file(b"stratum A 2\n" + b"\n".join(codes(2)[::-1]) + b"\n")
    with pytest.raises(draw.DrawRefused):  # fewer codes than counted
        draw.parse_entity_pool_file(b"stratum A 3\n" + b"\n".join(codes(2)) + b"\n")


def test_codes_sort_by_their_bytes() -> None:
    rnd = random.Random(7)
    items = [bytes(rnd.choice(b"0123456789ABCDXY") for _ in range(18)) for _ in range(500)]
    items += [b"91420700MA000000", b"91420700MA0000000"]  # shorter: NUL padding sorts first
    arr = np.array(items, dtype="S18")
    assert arr[draw.argsort_codes(arr)].tolist() == sorted(items)


@pytest.mark.parametrize(
    ("inspectors", "targets", "team", "density"),
    [(7, 1500, 3, 0.5), (40, 1200, 2, 0.05), (3, 400, 2, 1.0), (60, 900, 4, 0.2)],
)
def test_the_bulk_assignment_on_larger_pools_is_exactly_the_heap_rule(
    inspectors: int, targets: int, team: int, density: float
) -> None:
    """Many rounds (levels reached mid-target, skipped inspectors moved behind the front,
    conflicted targets whose slice is clear kept in the bulk run), the targets given as the
    selection's ``S`` array as ``run`` does."""
    rnd = random.Random(inspectors * targets)
    numbers = [b"N%05d" % i for i in range(inspectors)]
    codes_ = codes(targets)
    conflicts = set()
    for code in codes_:
        if rnd.random() < density:
            for o in rnd.sample(numbers, rnd.randint(1, inspectors - team)):
                conflicts.add((o, code))
    seed = hashlib.sha256(b"larger").digest()
    got = draw.assign(
        seed, np.array(codes_, dtype="S18"), draw.as_codes(numbers), sorted(conflicts), team
    )
    assert got.tolist() == heap_assign(seed, codes_, numbers, conflicts, team)


def test_ranks_are_the_spec_hash_of_each_number() -> None:
    seed = hashlib.sha256(b"ranks").digest()
    numbers = draw.as_codes([b"42000001", b"4200000123", b"7"])  # ragged: NUL-padded in S10
    for load in (0, 1, 12):
        got = draw.hash_u64(seed + b"I%d:" % load, numbers).tolist()
        assert got == [draw.inspector_rank(seed, n, load) for n in numbers.tolist()]


def test_targets_with_tied_keys_are_ordered_by_the_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """A tie of 64-bit keys never happens with real hashes; forced here, the code decides."""
    monkeypatch.setattr(draw, "entity_keys", lambda seed, codes: np.full(codes.size, 7, "u8"))
    a, b = [b"9142%014d" % i for i in (5, 1, 3)], [b"9142%014d" % i for i in (4, 2, 6)]
    selection = draw.select(
        b"\0" * 32, {"A": draw.as_codes(a), "B": draw.as_codes(b)}, {"A": 1000, "B": 1000}
    )
    assert selection.codes.tolist() == sorted(a + b)
    assert selection.strata == ["A", "B", "A", "B", "A", "B"]
