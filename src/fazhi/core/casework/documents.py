"""文书: documents generated from Word templates, numbered, signed and stored with their digest.

A **form** (文书格式) is a .docx template with docxtpl (Jinja) placeholders plus a function that
turns a case and the clerk's input into the template's context. Casework ships the forms any
kind of case can use — 答复书 and 告知书 (``letter.docx``) and 送达回证 — and a domain declares
its own in its app's ``ready()``::

    from fazhi.core.casework.documents import register_form

    def decision_context(case, data):
        detail = case.penalty  # the domain's one-to-one detail model
        return {"facts": data["facts"], "paragraphs": data["paragraphs"], "fine": detail.fine}

    register_form(
        "penalty.decision",              # code: "<domain>.<form>"
        "行政处罚决定书",
        Path(__file__).parent / "doc_templates" / "decision.docx",
        decision_context,
        number_type="处罚决定",           # 文号 sequence; each unit sets its prefix (文号规则)
    )

Start a domain template from ``doc_templates.layout.apply(docx.Document())`` (or copy
``letter.docx``) so it has the GB/T 9704-2012 page, and assert ``layout.check(...) == []`` on
it in the domain's tests. The context always carries ``org_name``, ``number``, ``date_cn``,
``issued_on``, ``case_number``, ``case_title`` and ``parties``; a form's function adds the rest.
Placeholders are strict: a name missing from the context is an error, never an empty gap.

``generate_document`` takes the 文号, renders, signs and stores in ONE transaction: the
sequence row is updated inside it (``numbering.next_number`` nests as a savepoint and keeps the
row locked until commit), so a rolled-back document leaves its number to the next one, and a
committed one is never issued again.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, UndefinedError

from .choices import SealStatus, ServiceMethod
from .files import store_document
from .models import Case, Document, DocumentNumbering, Event, Participant
from .numbering import next_number

TEMPLATES_DIR = Path(__file__).resolve().parent / "doc_templates"

ContextFn = Callable[[Case | None, Mapping[str, Any]], Mapping[str, Any]]


class DocumentError(ValidationError):
    """A document cannot be made as asked; the message says what is missing."""


@dataclass(frozen=True)
class Form:
    code: str
    title: str
    template: Path
    context: ContextFn
    # The 文号 sequence this form draws from ("" = the form carries no 文号).
    number_type: str = ""


_FORMS: dict[str, Form] = {}


def register_form(
    code: str,
    title: str,
    template_path: str | Path,
    context_fn: ContextFn,
    *,
    number_type: str = "",
) -> Form:
    """Declare a standard form; registering the same code twice with another form is an error
    (two domains would otherwise silently replace each other's template)."""
    form = Form(code, title, Path(template_path), context_fn, number_type)
    if not form.template.is_file():
        raise ImproperlyConfigured(f"文书格式“{title}”的模板文件不存在：{form.template}")
    existing = _FORMS.get(code)
    if existing is not None and existing != form:
        raise ImproperlyConfigured(f"文书格式代码 {code} 已被“{existing.title}”使用")
    _FORMS[code] = form
    return form


def get_form(code: str) -> Form:
    try:
        return _FORMS[code]
    except KeyError:
        raise DocumentError(f"未登记的文书格式：{code}") from None


def forms() -> tuple[Form, ...]:
    return tuple(_FORMS.values())


def number_types() -> list[str]:
    """The 文号 sequences the registered forms use (the choices of 文号规则)."""
    return sorted({f.number_type for f in _FORMS.values() if f.number_type})


# --- 文号 -----------------------------------------------------------------------------------


def format_number(prefix: str, year: int, n: int) -> str:
    """GB/T 9704-2012 第7.2.5条: 年份标全称、用六角括号〔〕括入; 序号不加“第”字、不编虚位,
    后加“号”字 — e.g. 鄂市监罚字〔2019〕12号."""
    return f"{prefix}〔{year}〕{n}号"


def assign_number(owner_unit: Any, number_type: str, year: int) -> str:
    """Take the next 文号 of ``owner_unit`` for ``number_type`` in ``year``.

    Call inside the transaction that stores the document: the number is consumed only if it
    commits."""
    rule = DocumentNumbering.objects.filter(org_unit=owner_unit, number_type=number_type).first()
    if rule is None:
        raise DocumentError(
            f"{owner_unit}尚未设置“{number_type}”类文书的文号规则（机关代字），"
            "请系统管理员在“文号规则”中设置"
        )
    n = next_number(f"文号:{owner_unit.code}:{number_type}:{year}")
    return format_number(rule.prefix, year, n)


# --- Electronic seal and signatures -----------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    """What a seal backend is told about the document it signs."""

    owner_unit: Any
    form: str
    title: str
    number: str
    issued_on: date
    case: Any = None


@dataclass(frozen=True)
class SealResult:
    content: bytes
    status: str  # a SealStatus value
    info: dict[str, Any] = field(default_factory=dict)  # e.g. certificate serial, timestamp


class SealBackend(Protocol):
    """An electronic seal (电子印章) or signature service; ``FAZHI_SEAL_BACKEND`` names it.

    ``seal`` returns the bytes to store — signed, or unchanged — and what was done. It runs
    inside the storing transaction, before the digest is taken, so the stored file and its
    SHA-256 are the signed ones. Raising aborts the document and releases its 文号.
    """

    name: str

    def seal(self, content: bytes, *, draft: Draft) -> SealResult: ...


class UnsignedSeal:
    """The default: no seal service is connected, so the document is recorded as unsigned and
    is printed and sealed by hand."""

    name = "unsigned"

    def seal(self, content: bytes, *, draft: Draft) -> SealResult:
        return SealResult(content, SealStatus.UNSIGNED, {})


DEFAULT_SEAL_BACKEND = "fazhi.core.casework.documents.UnsignedSeal"


def seal_backend() -> SealBackend:
    path = getattr(settings, "FAZHI_SEAL_BACKEND", "") or DEFAULT_SEAL_BACKEND
    try:
        backend = import_string(path)()
    except ImportError as exc:
        raise ImproperlyConfigured(f"FAZHI_SEAL_BACKEND 无法加载：{path}") from exc
    if not getattr(backend, "name", ""):
        raise ImproperlyConfigured(f"签章适配器 {path} 没有 name")
    return backend


# --- Rendering --------------------------------------------------------------------------------

# XML 1.0 forbids these; a pasted control character would make Word refuse the file.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return _CONTROL.sub("", value)
    if isinstance(value, Mapping):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def date_cn(d: date) -> str:
    """成文日期 (GB/T 9704-2012 第7.3.5.4条): Arabic numerals, year in full, no leading zeros."""
    return f"{d.year}年{d.month}月{d.day}日"


def base_context(
    case: Case | None, owner_unit: Any, issued_on: date, number: str
) -> dict[str, Any]:
    parties = [str(p) for p in case.parties.select_related("person", "entity")] if case else []
    return {
        "org_name": owner_unit.name,
        "number": number,
        "issued_on": issued_on,
        "date_cn": date_cn(issued_on),
        "case_number": case.number if case else "",
        "case_title": case.title if case else "",
        "parties": parties,
    }


def render(form: Form, context: Mapping[str, Any], *, title: str = "") -> bytes:
    """Fill the form's template; values are XML-escaped (a company named “A&B<C>” stays text)."""
    tpl = DocxTemplate(str(form.template))
    env = Environment(autoescape=True, undefined=StrictUndefined)
    try:
        tpl.render(_clean(dict(context)), jinja_env=env)
    except UndefinedError as exc:
        raise DocumentError(f"文书格式“{form.title}”缺少内容：{exc.message}") from exc
    props = tpl.docx.core_properties
    props.title = title or form.title
    props.author = props.last_modified_by = str(context.get("org_name", ""))
    props.created = props.modified = timezone.now().replace(tzinfo=None)
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def _check_may_issue(actor: Any, owner_unit: Any, case: Case | None) -> None:
    if actor is None:  # system jobs act through the scheduler
        return
    from fazhi.core.org.scoping import visible_unit_ids

    if owner_unit.pk not in visible_unit_ids(actor, "change"):
        raise PermissionDenied(f"您无权以{owner_unit}的名义制作文书")
    if case is not None and not Participant.objects.filter(case=case, org_unit=owner_unit).exists():
        raise PermissionDenied(f"{owner_unit}不是本案的参与单位，不能制作本案文书")


def generate_document(
    form_code: str,
    *,
    owner_unit: Any,
    case: Case | None = None,
    data: Mapping[str, Any] | None = None,
    actor: Any = None,
    issued_on: date | None = None,
    title: str = "",
) -> Document:
    """Render form ``form_code`` for ``case``, give it its 文号, sign it and store it — all or
    nothing; the case's timeline records the document."""
    form = get_form(form_code)
    issued_on = issued_on or timezone.localdate()
    _check_may_issue(actor, owner_unit, case)
    backend = seal_backend()
    with transaction.atomic():
        number = (
            assign_number(owner_unit, form.number_type, issued_on.year) if form.number_type else ""
        )
        extra = dict(form.context(case, data or {}))
        # The number, date and issuing unit come from the system, never from the form's input.
        context = {**extra, **base_context(case, owner_unit, issued_on, number)}
        doc_title = title or form.title
        content = render(form, context, title=doc_title)
        draft = Draft(owner_unit, form.code, doc_title, number, issued_on, case)
        sealed = backend.seal(content, draft=draft)
        if sealed.status not in SealStatus.values:
            raise ImproperlyConfigured(f"签章适配器 {backend.name} 返回了未知状态：{sealed.status}")
        doc = store_document(
            sealed.content,
            f"{form.code}.docx",
            owner_unit=owner_unit,
            kind=form.title,
            title=doc_title,
            case=case,
            number=number,
            created_by=actor,
            form=form.code,
            issued_on=issued_on,
            seal_status=sealed.status,
            seal_backend=backend.name,
            seal_info=sealed.info,
        )
        try:
            if case is not None:
                Event.objects.create(
                    case=case,
                    actor=actor,
                    kind="document_issued",
                    occurred_on=issued_on,
                    note=f"{doc_title} {number}".strip(),
                    data={"form": form.code, "number": number, "sha256": doc.sha256},
                    document_ids=[doc.pk],
                )
        except Exception:
            # The row rolls back with the transaction; the file is already in storage.
            doc.file.delete(save=False)
            raise
    return doc


# --- The forms casework ships -----------------------------------------------------------------


def _paragraphs(data: Mapping[str, Any]) -> list[str]:
    body = data.get("paragraphs") or data.get("body") or ""
    if isinstance(body, str):
        body = [p.strip() for p in re.split(r"\n\s*\n|\n", body)]
    return [p for p in (str(x).strip() for x in body) if p]


def letter_context(doc_title: str) -> ContextFn:
    """答复书 / 告知书: an addressee and the body's paragraphs."""

    def context(case: Case | None, data: Mapping[str, Any]) -> Mapping[str, Any]:
        addressee = str(data.get("addressee", "")).strip()
        if not addressee:
            raise DocumentError(f"{doc_title}须写明主送对象（受文的当事人或机关）")
        paragraphs = _paragraphs(data)
        if not paragraphs:
            raise DocumentError(f"{doc_title}须有正文")
        return {"doc_title": doc_title, "addressee": addressee, "paragraphs": paragraphs}

    return context


def receipt_context(case: Case | None, data: Mapping[str, Any]) -> Mapping[str, Any]:
    """送达回证 for a document about to be served: which document, to whom, where and how."""
    served = data.get("document")
    if not isinstance(served, Document):
        raise DocumentError("送达回证须指明所送达的文书")
    recipient = str(data.get("recipient", "")).strip()
    if not recipient:
        raise DocumentError("送达回证须写明受送达人")
    method = data.get("method", "")
    return {
        "served_title": served.title,
        "served_number": f"（{served.number}）" if served.number else "",
        "recipient": recipient,
        "address": str(data.get("address", "")),
        "method": ServiceMethod(method).label if method else "",
        "server": str(data.get("server", "")),
        "remark": str(data.get("remark", "")),
    }


REPLY = register_form(
    "reply", "答复书", TEMPLATES_DIR / "letter.docx", letter_context("答复书"), number_type="答复"
)
NOTICE = register_form(
    "notice", "告知书", TEMPLATES_DIR / "letter.docx", letter_context("告知书"), number_type="告知"
)
SERVICE_RECEIPT = register_form(
    "service_receipt", "送达回证", TEMPLATES_DIR / "service_receipt.docx", receipt_context
)
