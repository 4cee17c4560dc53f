"""Storing documents: every file goes through Django's storage API with its SHA-256."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from django.core.files.base import ContentFile

from .models import Document


def store_document(
    content: bytes,
    filename: str,
    *,
    owner_unit: Any,
    kind: str,
    title: str,
    case: Any = None,
    number: str = "",
    created_by: Any = None,
    **fields: Any,
) -> Document:
    """Save ``content`` to the configured storage (filesystem or S3) and record its digest.

    ``fields`` are further Document columns (form, issued_on, seal_status…), set before the one
    save: the documents stream is sealed, so a row is never completed by a later update."""
    digest = hashlib.sha256(content).hexdigest()
    doc = Document(
        case=case,
        owner_unit=owner_unit,
        kind=kind,
        title=title,
        number=number,
        sha256=digest,
        size=len(content),
        created_by=created_by,
        **fields,
    )
    doc.file.save(filename, ContentFile(content), save=False)
    doc.save()
    return doc


def verify_document(doc: Document) -> bool:
    """Whether the stored file still has the digest recorded when it was saved."""
    h = hashlib.sha256()
    with doc.file.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest() == doc.sha256


def check_document_files() -> Iterator[tuple[int, str]]:
    """For ``fazhi verify``: each stored file still has the SHA-256 its (sealed) row recorded."""
    for doc in Document.objects.order_by("pk").unrestricted("校验文书文件摘要").iterator():
        try:
            ok = verify_document(doc)
        except OSError:
            ok = False
        if not ok:
            yield doc.pk, "文书的文件与登记的摘要不符或缺失"
