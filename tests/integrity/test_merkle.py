"""RFC 6962 Merkle trees: the fast root equals the textbook recursion; proofs verify."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from fazhi.core.integrity import merkle


def leaves(n: int) -> list[bytes]:
    return [merkle.leaf_hash(f"record-{i}".encode()) for i in range(n)]


def test_leaf_and_node_hashes_use_distinct_prefixes() -> None:
    assert merkle.leaf_hash(b"a") == hashlib.sha256(b"\x00a").digest()
    assert merkle.node_hash(b"l", b"r") == hashlib.sha256(b"\x01lr").digest()


def test_empty_tree_is_hash_of_empty_string() -> None:
    assert merkle.root_from_leaf_hashes([]) == hashlib.sha256(b"").digest()


def test_known_three_leaf_tree_is_left_balanced() -> None:
    a, b, c = leaves(3)
    assert merkle.root_from_leaf_hashes([a, b, c]) == merkle.node_hash(merkle.node_hash(a, b), c)


@given(st.integers(min_value=1, max_value=70))
def test_bottom_up_root_equals_recursive_definition(n: int) -> None:
    ls = leaves(n)
    assert merkle.root_from_leaf_hashes(ls) == merkle.root_recursive(ls)


@given(st.integers(min_value=1, max_value=40), st.data())
def test_every_inclusion_proof_verifies_and_a_wrong_leaf_does_not(
    n: int, data: st.DataObject
) -> None:
    ls = leaves(n)
    root = merkle.root_from_leaf_hashes(ls)
    i = data.draw(st.integers(min_value=0, max_value=n - 1))
    proof = merkle.inclusion_proof(ls, i)
    assert merkle.verify_inclusion(ls[i], i, n, proof, root)
    assert not merkle.verify_inclusion(merkle.leaf_hash(b"forged"), i, n, proof, root)
