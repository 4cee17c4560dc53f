"""文书 from Word templates: GB/T 9704-2012 layout, 文号 in the storing transaction, signing,
the stored digest."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from docx.oxml.ns import qn
from docx.shared import Pt

from fazhi.core.casework import documents
from fazhi.core.casework.doc_templates import build, layout
from fazhi.core.casework.documents import DocumentError, Draft, SealResult, generate_document
from fazhi.core.casework.files import verify_document
from fazhi.core.casework.models import Document, DocumentNumbering
from fazhi.core.casework.workflow import open_case

from . import kinds  # noqa: F401

pytestmark = pytest.mark.django_db

REPLY = {
    "addressee": "鄂州市甲乙有限公司",
    "paragraphs": ["你单位来信收悉。", "经核查，现答复如下：该证明材料已取消，无需提供。"],
}


@pytest.fixture
def case(org):  # type: ignore[no-untyped-def]
    return open_case("test", number="XK-1", title="证明事项投诉", owner=org.scjg)


@pytest.fixture
def prefixes(org):  # type: ignore[no-untyped-def]
    DocumentNumbering.objects.create(org_unit=org.scjg, number_type="答复", prefix="鄂市监答字")
    DocumentNumbering.objects.create(org_unit=org.sthj, number_type="答复", prefix="鄂环答字")


def reply(case: Any, org: Any, people: Any, **kwargs: Any) -> Document:
    fields: dict[str, Any] = {
        "owner_unit": org.scjg,
        "case": case,
        "data": REPLY,
        "actor": people.alice,
        "issued_on": date(2019, 9, 20),
    }
    return generate_document("reply", **{**fields, **kwargs})


def opened(doc: Document) -> Any:
    with doc.file.open("rb") as fh:
        return docx.Document(io.BytesIO(fh.read()))


def text(word: Any) -> str:
    return "\n".join(p.text for p in word.paragraphs)


# --- Layout -------------------------------------------------------------------------------


def test_a_reply_is_on_a4_with_the_national_margins(case, org, people, prefixes) -> None:
    s = opened(reply(case, org, people)).sections[0]

    def mm(length: Any) -> float:  # Word stores twips: 210 mm is 11906, i.e. 210.01 mm
        return round(length.mm, 1)

    assert (mm(s.page_width), mm(s.page_height)) == (210, 297)
    margins = (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)
    assert tuple(mm(m) for m in margins) == (37, 35, 28, 26)


def test_a_reply_has_22_lines_of_28_characters(case, org, people, prefixes) -> None:
    word = opened(reply(case, org, people))
    grid = word.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"
    assert word.styles["Normal"].paragraph_format.line_spacing == Pt(28.95)
    # 3号 characters condensed by 0.25 pt: 28 fit the 156 mm text width, 29 do not.
    assert layout.grid_of(word) == (22, 28)


def test_the_body_is_3hao_fangsong_with_the_east_asian_font_named(
    case, org, people, prefixes
) -> None:
    word = opened(reply(case, org, people))
    normal = word.styles["Normal"]
    rfonts = normal.element.rPr.find(qn("w:rFonts"))
    assert normal.font.size == Pt(16)
    assert rfonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert rfonts.get(qn("w:eastAsiaTheme")) is None  # a theme font would override the name
    defaults = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert defaults.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_the_font_table_names_the_fallbacks(case, org, people, prefixes) -> None:
    word = opened(reply(case, org, people))
    table = word.part.part_related_by(docx.opc.constants.RELATIONSHIP_TYPE.FONT_TABLE)
    xml = table.blob.decode()
    assert 'w:name="仿宋_GB2312"' in xml and 'w:altName w:val="仿宋"' in xml


def test_the_title_is_2hao_xiaobiaosong(case, org, people, prefixes) -> None:
    word = opened(reply(case, org, people))
    title = next(p for p in word.paragraphs if p.text == "答复书")
    rfonts = title.style.element.rPr.find(qn("w:rFonts"))
    assert title.style.font.size == Pt(22) and rfonts.get(qn("w:eastAsia")) == "方正小标宋简体"


def test_page_numbers_are_outside_aligned_between_dashes(case, org, people, prefixes) -> None:
    word = opened(reply(case, org, people))
    s = word.sections[0]
    odd, even = s.footer.paragraphs[0], s.even_page_footer.paragraphs[0]
    assert word.settings.odd_and_even_pages_header_footer
    assert odd.text == even.text == "— 1 —"
    assert "PAGE" in odd._p.xml  # a field, so every page shows its own number
    assert odd.alignment == 2 and even.alignment == 0  # right on odd pages, left on even
    assert odd.runs[0].font.size == Pt(14)
    assert odd.runs[0]._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体"


def test_every_registered_form_template_complies_with_the_layout() -> None:
    for form in documents.forms():
        assert layout.check(docx.Document(str(form.template))) == [], form.code


def test_the_committed_templates_are_what_the_build_script_writes(tmp_path) -> None:
    for path in build.main(tmp_path):
        committed = docx.Document(str(build.HERE / path.name))
        built = docx.Document(str(path))
        assert text(committed) == text(built), path.name
        assert [c.text for t in committed.tables for c in t._cells] == [
            c.text for t in built.tables for c in t._cells
        ]


def test_libreoffice_opens_the_reply(case, org, people, prefixes, tmp_path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    doc = reply(case, org, people)
    source = tmp_path / "reply.docx"
    source.write_bytes(Path(doc.file.path).read_bytes())
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        timeout=120,
        capture_output=True,
    )
    pdf = (tmp_path / "reply.pdf").read_bytes()
    assert b"/MediaBox[0 0 595.3" in pdf  # A4 in points


# --- Content ------------------------------------------------------------------------------


def test_a_reply_carries_its_number_date_and_text(case, org, people, prefixes) -> None:
    doc = reply(case, org, people)
    body = text(opened(doc))
    assert doc.number == "鄂市监答字〔2019〕1号" and doc.number in body
    assert "鄂州市甲乙有限公司：" in body
    assert "经核查，现答复如下：该证明材料已取消，无需提供。" in body
    assert "2019年9月20日" in body and "鄂州市市场监督管理局" in body
    assert (doc.form, doc.kind, doc.issued_on) == ("reply", "答复书", date(2019, 9, 20))


def test_text_a_clerk_typed_is_kept_as_text(case, org, people, prefixes) -> None:
    data = {"addressee": "A&B<公司>\x07", "paragraphs": ["{{ number }} 不是占位符"]}
    body = text(opened(reply(case, org, people, data=data)))
    assert "A&B<公司>：" in body and "{{ number }} 不是占位符" in body


def test_a_reply_without_an_addressee_is_refused(case, org, people, prefixes) -> None:
    with pytest.raises(DocumentError, match="主送对象"):
        reply(case, org, people, data={"paragraphs": ["正文"]})


def test_a_placeholder_missing_from_the_context_is_an_error(case, org, people) -> None:
    form = documents.register_form(
        "test.incomplete", "缺项文书", documents.TEMPLATES_DIR / "letter.docx", lambda c, d: {}
    )
    try:
        with pytest.raises(DocumentError, match="缺少内容"):
            generate_document("test.incomplete", owner_unit=org.scjg, case=case)
    finally:
        documents._FORMS.pop(form.code)


def test_a_service_receipt_names_the_served_document(case, org, people, prefixes) -> None:
    served = reply(case, org, people)
    data = {"document": served, "recipient": "鄂州市甲乙有限公司", "method": "in_person"}
    receipt = generate_document(
        "service_receipt", owner_unit=org.scjg, case=case, data=data, actor=people.alice
    )
    cells = [c.text for t in opened(receipt).tables for c in t._cells]
    assert "答复书（鄂市监答字〔2019〕1号）" in cells and "直接送达" in cells
    assert receipt.number == ""  # a 送达回证 carries no 文号 of its own


def test_the_issued_document_is_on_the_case_timeline(case, org, people, prefixes) -> None:
    doc = reply(case, org, people)
    event = case.events.get(kind="document_issued")
    assert event.document_ids == [doc.pk] and event.actor == people.alice


# --- 文号 ---------------------------------------------------------------------------------


def test_numbers_run_per_unit_type_and_year(case, org, people, prefixes) -> None:
    assert reply(case, org, people).number == "鄂市监答字〔2019〕1号"
    assert reply(case, org, people).number == "鄂市监答字〔2019〕2号"
    assert reply(case, org, people, issued_on=date(2020, 1, 2)).number == "鄂市监答字〔2020〕1号"
    other = open_case("test", number="XK-2", title="另一件", owner=org.sthj)
    bobs = reply(other, org, people, owner_unit=org.sthj, actor=people.bob)
    assert bobs.number == "鄂环答字〔2019〕1号"


def test_a_rolled_back_document_does_not_consume_its_number(case, org, people, prefixes) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        assert reply(case, org, people).number == "鄂市监答字〔2019〕1号"
        raise RuntimeError("the clerk's request failed after the document was made")
    assert not Document.objects.filter(number__startswith="鄂市监答字").exists()
    assert reply(case, org, people).number == "鄂市监答字〔2019〕1号"


class FailingSeal:
    name = "failing"

    def seal(self, content: bytes, *, draft: Draft) -> SealResult:
        raise RuntimeError("签章服务不可用")


def test_a_failed_signature_releases_the_number(case, org, people, prefixes, settings) -> None:
    settings.FAZHI_SEAL_BACKEND = f"{__name__}.FailingSeal"
    with pytest.raises(RuntimeError, match="签章服务不可用"):
        reply(case, org, people)
    settings.FAZHI_SEAL_BACKEND = documents.DEFAULT_SEAL_BACKEND
    assert reply(case, org, people).number == "鄂市监答字〔2019〕1号"


def test_a_committed_number_is_never_issued_again(case, org, people, prefixes) -> None:
    first = reply(case, org, people)
    Document.objects.filter(pk=first.pk).update(number="")  # even if its record were voided
    assert reply(case, org, people).number == "鄂市监答字〔2019〕2号"


def test_a_unit_without_a_number_rule_is_refused(case, org, people) -> None:
    with pytest.raises(DocumentError, match="文号规则"):
        reply(case, org, people)


def test_a_prefix_with_the_year_in_it_is_refused(org) -> None:
    rule = DocumentNumbering(org_unit=org.scjg, number_type="答复", prefix="鄂市监答字〔2019〕")
    with pytest.raises(ValidationError) as exc:
        rule.full_clean()
    assert "prefix" in exc.value.message_dict


def test_the_number_rule_admin_offers_the_registered_number_types() -> None:
    from fazhi.core.casework.admin import DocumentNumberingForm

    choices = dict(DocumentNumberingForm().fields["number_type"].choices)
    assert {"答复", "告知"} <= set(choices)


# --- Signing and storing ------------------------------------------------------------------


def test_the_default_backend_records_the_document_unsigned(case, org, people, prefixes) -> None:
    doc = reply(case, org, people)
    assert (doc.seal_status, doc.seal_backend, doc.seal_info) == ("unsigned", "unsigned", {})


class StampingSeal:
    """Stands in for an electronic seal service: it changes the file and reports the cert."""

    name = "test-stamp"

    def seal(self, content: bytes, *, draft: Draft) -> SealResult:
        word = docx.Document(io.BytesIO(content))
        word.core_properties.keywords = f"电子印章:{draft.owner_unit.code}:{draft.number}"
        out = io.BytesIO()
        word.save(out)
        return SealResult(out.getvalue(), "sealed", {"certificate": "TEST-0001"})


def test_a_seal_backend_signs_before_the_digest_is_taken(
    case, org, people, prefixes, settings
) -> None:
    settings.FAZHI_SEAL_BACKEND = f"{__name__}.StampingSeal"
    doc = reply(case, org, people)
    assert (doc.seal_status, doc.seal_backend) == ("sealed", "test-stamp")
    assert doc.seal_info == {"certificate": "TEST-0001"}
    stored = Path(doc.file.path).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == doc.sha256 and verify_document(doc)
    assert opened(doc).core_properties.keywords == "电子印章:420700-SCJG:鄂市监答字〔2019〕1号"


def test_the_stored_file_carries_its_digest(case, org, people, prefixes) -> None:
    doc = reply(case, org, people)
    assert doc.sha256 == hashlib.sha256(Path(doc.file.path).read_bytes()).hexdigest()
    assert doc.size == Path(doc.file.path).stat().st_size and verify_document(doc)


# --- Who may issue ------------------------------------------------------------------------


def test_bob_cannot_issue_in_the_market_regulators_name(case, org, people, prefixes) -> None:
    with pytest.raises(PermissionDenied, match="无权以鄂州市市场监督管理局的名义"):
        reply(case, org, people, actor=people.bob)


def test_a_unit_outside_the_case_cannot_issue_its_documents(case, org, people, prefixes) -> None:
    with pytest.raises(PermissionDenied, match="不是本案的参与单位"):
        reply(case, org, people, owner_unit=org.sthj, actor=people.bob)


def test_the_system_administrator_sets_a_number_rule_in_the_admin(client, org, people) -> None:
    client.force_login(people.sam)
    response = client.post(
        "/admin/casework/documentnumbering/add/",
        {"org_unit": org.scjg.pk, "number_type": "告知", "prefix": "鄂市监告字"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    rule = DocumentNumbering.objects.get(org_unit=org.scjg, number_type="告知")
    assert rule.prefix == "鄂市监告字"
    from fazhi.core.integrity.models import AuditEntry

    assert AuditEntry.objects.get_for_object(rule).filter(actor=people.sam).exists()
