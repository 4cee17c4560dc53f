"""The filing package (备案材料): the text as a Word document in the official-document layout
(GB/T 9704-2012, ``casework.doc_templates.layout``) and as PDF, the filing report, and — when
present — the drafting explanation and the legality-review opinion.

The package travels through the outbox (target ``filing``); the default adapter writes the
files to ``FAZHI_EXPORT_DIR/filing/<date>/<message>/`` with a manifest, so nothing is lost while
the filing-review platform is out of reach. The PDF is converted by LibreOffice when it is
installed (``soffice --headless --convert-to pdf``); without it the package says so in its
manifest and carries the Word file alone.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone
from docx import Document as Docx

from fazhi.core.casework.doc_templates import layout
from fazhi.core.disclosure.models import OutboxMessage

from .choices import ProvisionLevel
from .models import TextVersion

PDF_TIMEOUT = 120


def _clean(text: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", str(text))


def text_docx(version: TextVersion) -> bytes:
    """The version's wording as a Word document: title, 文号, then its chapters and articles."""
    doc = layout.apply(Docx())
    doc.add_paragraph(_clean(version.text.title), style=layout.STYLE_TITLE)
    if version.doc_number:
        doc.add_paragraph(_clean(version.doc_number), style=layout.STYLE_NUMBER)
    provisions = version.provisions.filter(
        level__in=[
            ProvisionLevel.PART,
            ProvisionLevel.CHAPTER,
            ProvisionLevel.SECTION,
            ProvisionLevel.ARTICLE,
        ]
    ).order_by("position")
    wrote = False
    for p in provisions:
        if p.level == ProvisionLevel.ARTICLE:
            doc.add_paragraph(_clean(f"{p.label}　{p.body}"))
        else:
            doc.add_paragraph(_clean(f"{p.label}　{p.heading}"), style=layout.STYLE_NUMBER)
        wrote = True
    if not wrote:
        doc.add_paragraph("（本版本未录入条文）")
    when = version.promulgated_on
    doc.add_paragraph(_clean(version.text.issuing_body), style=layout.STYLE_SIGNATURE)
    if when is not None:
        doc.add_paragraph(f"{when.year}年{when.month}月{when.day}日", style=layout.STYLE_SIGNATURE)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def report_docx(payload: dict[str, Any]) -> bytes:
    """The filing report (备案报告) addressed to the recipient."""
    doc = layout.apply(Docx())
    doc.add_paragraph(f"关于《{_clean(payload['title'])}》的备案报告", style=layout.STYLE_TITLE)
    doc.add_paragraph(f"{_clean(payload['recipient'])}：", style=layout.STYLE_ADDRESSEE)
    doc.add_paragraph(
        _clean(
            f"《{payload['title']}》（{payload.get('doc_number') or '无文号'}）已于"
            f"{payload['promulgated_on']}公布。根据{payload['basis']}的规定，现将文本"
            "及有关材料报送备案，请予登记。"
        )
    )
    doc.add_paragraph(_clean(payload.get("issuing_body", "")), style=layout.STYLE_SIGNATURE)
    doc.add_paragraph(_clean(payload["submitted_on"]), style=layout.STYLE_SIGNATURE)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx_path: Path) -> Path | None:
    """Convert with LibreOffice headless; None when it is not installed or fails."""
    program = soffice()
    if program is None:
        return None
    with tempfile.TemporaryDirectory() as profile:
        try:
            subprocess.run(
                [
                    program,
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(docx_path.parent),
                    str(docx_path),
                ],
                check=True,
                capture_output=True,
                timeout=PDF_TIMEOUT,
            )
        except (subprocess.SubprocessError, OSError):
            return None
    pdf = docx_path.with_suffix(".pdf")
    return pdf if pdf.is_file() else None


class FilingPackageAdapter:
    """Writes the package's files and a manifest for one outbox message."""

    def deliver(self, message: OutboxMessage) -> str:
        payload = message.payload
        folder = (
            Path(settings.FAZHI_EXPORT_DIR)
            / message.target
            / f"{timezone.localdate():%Y%m%d}"
            / f"{message.pk:08d}"
        )
        folder.mkdir(parents=True, exist_ok=True)
        files: list[str] = []
        notes: list[str] = []
        report = folder / "备案报告.docx"
        report.write_bytes(report_docx(payload))
        files.append(report.name)
        version = TextVersion.objects.select_related("text").get(pk=payload["version"])
        text = folder / "文本.docx"
        text.write_bytes(text_docx(version))
        files.append(text.name)
        pdf = to_pdf(text)
        if pdf is not None:
            files.append(pdf.name)
        else:
            notes.append("未安装 LibreOffice 或转换失败：未生成 PDF 文本")
        names = {"explanation": "起草说明", "review_opinion": "合法性审核意见"}
        for field, stored in payload.get("attachments", {}).items():
            suffix = Path(stored).suffix
            target = folder / f"{names.get(field, field)}{suffix}"
            with default_storage.open(stored, "rb") as fh:
                target.write_bytes(fh.read())
            files.append(target.name)
        manifest = {"format": "fazhi-filing-v1", **payload, "files": files, "notes": notes}
        (folder / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        return str(folder)
