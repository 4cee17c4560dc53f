"""Documents are kept in file storage with their SHA-256."""

from __future__ import annotations

import hashlib

import pytest

from fazhi.core.casework.files import store_document, verify_document

pytestmark = pytest.mark.django_db


def test_a_stored_document_carries_its_digest_and_detects_a_changed_file(org) -> None:
    content = "行政处罚决定书".encode()
    doc = store_document(
        content, "decision.txt", owner_unit=org.scjg, kind="决定书", title="决定书"
    )
    assert doc.sha256 == hashlib.sha256(content).hexdigest() and doc.size == len(content)
    assert verify_document(doc)
    with open(doc.file.path, "wb") as fh:
        fh.write(b"tampered")
    assert not verify_document(doc)
