"""Hash values pass the gate unmasked (a digit run inside a SHA-256 would look like a phone
number to the masker), and only hash values may."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from fazhi.core.disclosure.gate import DisclosureRefused, publish
from fazhi.core.disclosure.masking import mask_text

pytestmark = pytest.mark.django_db


def digit_heavy_digest() -> str:
    for i in range(10_000):
        digest = hashlib.sha256(str(i).encode()).hexdigest()
        if mask_text(digest).text != digest:
            return digest
    raise AssertionError("no digest the masker would touch")


def test_digests_are_published_as_they_are(org: Any) -> None:
    digest = digit_heavy_digest()
    pub = publish(
        kind="test",
        title="摘要",
        org_unit=org.scjg,
        fields={"说明": digest},
        digests={"file": digest, "list": [digest, ""]},
    )
    assert pub.payload["digests"] == {"file": digest, "list": [digest, ""]}
    assert pub.payload["说明"] != digest  # the ordinary fields are still masked


def test_anything_but_hex_is_refused_as_a_digest(org: Any) -> None:
    with pytest.raises(DisclosureRefused, match="不是十六进制摘要"):
        publish(
            kind="test",
            title="摘要",
            org_unit=org.scjg,
            fields={},
            digests={"phone": "13812345678"},
        )
