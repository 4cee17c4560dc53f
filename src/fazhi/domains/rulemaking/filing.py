"""Filing (备案, STATUTES.md H3, H4, I5): a promulgated government rule or normative document is
filed with each body the law names, within the filing period from its publication, and each
filing is tracked to its receipt.

``open_filings(version, on=, actor=)`` is what the publication step calls: one case per
recipient, owned by the justice bureau of the issuing government (its filing clerk takes the
steps; the issuing department takes part and sees its filings), each with its deadline counted
by the clock. The steps: 报送 (the package goes through the outbox), 登记, 暂缓登记 (15 days to
send it again), 不予登记, 纠正通知 (30 days to report the handling), 报告处理情况. The yearly
catalogue of the rules made is a case of its own, due 31 January.

Recipients (``recipients_for``): a city government's rule goes to 国务院 and 省人民政府
(法规规章备案条例 第三条第四项, now 法规规章备案审查条例 第四条)
and to the city's and the province's people's congress standing committees
(立法法 第九十八条, now 第一百零九条). A normative document follows local rules (I5): a
government's document goes to the government above and to its own people's congress standing
committee, a department's to its own government.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.db import transaction

from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.deadlines import mark_met, start_deadline
from fazhi.core.casework.models import Case
from fazhi.core.casework.numbering import next_number
from fazhi.core.casework.workflow import (
    Refusal,
    StepContext,
    TransitionError,
    Workflow,
    open_case,
    register,
)
from fazhi.core.disclosure.models import Channel, OutboxMessage
from fazhi.core.org.choices import GovernmentLevel, Role
from fazhi.core.org.models import OrgUnit

from .choices import PROMULGATED_STATES, TextKind
from .filing_choices import CatalogueState, FilingState, Recipient
from .models import Filing, FilingCatalogue, TextVersion
from .periods_filing import (
    ANNUAL_CATALOGUE,
    CORRECTION_REPORT,
    NORMATIVE_BASIS,
    NORMATIVE_FILING,
    RESUBMIT,
    RULE_FILING,
)

KIND = "rulemaking_filing"
CATALOGUE_KIND = "rulemaking_catalogue"
FILING_KINDS = (TextKind.GOVERNMENT_RULE, TextKind.NORMATIVE_DOCUMENT)
# The justice bureau's filing clerk (备案工作人员) takes every step.
FILING_ROLES = (Role.CLERK,)
SUBMIT_BASIS = "规章制定程序条例 第三十四条"
REGISTER_BASIS = "法规规章备案审查条例 第九条"
RESUBMIT_BASIS = "法规规章备案审查条例 第九条第二款"
CORRECTION_BASIS = "法规规章备案审查条例 第二十一条"
CATALOGUE_BASIS = "法规规章备案审查条例 第二十二条"
# The filing regulation of 2024 replaced that of 2001 (STATUTES.md H4); 立法法 was renumbered in
# 2023 (第九十八条 → 第一百零九条).
NEW_REGULATION = date(2024, 11, 1)
NEW_LEGISLATION_LAW = date(2023, 3, 15)


# -- recipients -----------------------------------------------------------------------------------


def _government_basis(on: date) -> str:
    return "法规规章备案条例 第三条" if on < NEW_REGULATION else "法规规章备案审查条例 第四条"


def _congress_basis(on: date) -> str:
    return "立法法 第九十八条" if on < NEW_LEGISLATION_LAW else "立法法 第一百零九条"


def issuing_government(version: TextVersion) -> OrgUnit:
    unit = version.text.issuing_unit
    if unit is None:
        raise TransitionError(Refusal("文本没有制定单位，不能确定备案机关", SUBMIT_BASIS))
    return unit.government


def recipients_for(version: TextVersion) -> list[tuple[str, str]]:
    """(recipient, the article that names it) for every body ``version`` is filed with."""
    on = version.promulgated_on or version.effective_from
    assert on is not None
    unit = version.text.issuing_unit
    government = issuing_government(version)
    if version.text.kind == TextKind.GOVERNMENT_RULE:
        out: list[tuple[str, str]] = [
            (Recipient.STATE_COUNCIL, _government_basis(on)),
            (Recipient.CITY_NPC_SC, _congress_basis(on)),
        ]
        if government.level != GovernmentLevel.PROVINCE:
            out += [
                (Recipient.PROVINCE_GOVERNMENT, _government_basis(on)),
                (Recipient.PROVINCE_NPC_SC, _congress_basis(on)),
            ]
        return out
    if unit is not None and unit.pk != government.pk:
        return [(Recipient.CITY_GOVERNMENT, NORMATIVE_BASIS)]
    return [
        (Recipient.PROVINCE_GOVERNMENT, NORMATIVE_BASIS),
        (Recipient.CITY_NPC_SC, NORMATIVE_BASIS),
    ]


def filing_office(government: OrgUnit) -> OrgUnit:
    """The justice bureau (法制机构) that files for ``government``: ``FAZHI_FILING_OFFICE`` (an
    org unit code) or the government's ``-SFJ`` department."""
    code = getattr(settings, "FAZHI_FILING_OFFICE", "") or f"{government.code[:6]}-SFJ"
    office = OrgUnit.objects.filter(code=code).first()
    if office is None:
        raise TransitionError(Refusal(f"没有找到负责备案的法制机构（{code}）", SUBMIT_BASIS))
    return office


def period_key(version: TextVersion) -> str:
    return RULE_FILING if version.text.kind == TextKind.GOVERNMENT_RULE else NORMATIVE_FILING


# -- opening the filings ---------------------------------------------------------------------------


def _number(owner: OrgUnit, on: date) -> str:
    key = f"{owner.code}:BA:{on.year}"
    return f"{owner.code}-BA-{on.year}-{next_number(key):04d}"


def _refuse_version(version: TextVersion) -> None:
    if version.text.kind not in FILING_KINDS:
        raise TransitionError(
            Refusal(
                f"“{version.text.get_kind_display()}”不由本平台报送备案，"
                "只有政府规章和行政规范性文件须报送备案",
                SUBMIT_BASIS,
            )
        )
    if version.state not in PROMULGATED_STATES or version.promulgated_on is None:
        raise TransitionError(
            Refusal("文本尚未公布，须先完成“签署公布”，才能报送备案", SUBMIT_BASIS)
        )


@transaction.atomic
def open_filings(version: TextVersion, *, on: date, actor: Any = None) -> list[Filing]:
    """One filing per recipient of ``version`` (promulgated), each with its deadline from the
    publication date; a recipient already opened is kept, not opened again."""
    _refuse_version(version)
    # The publication step calls this one function: a normative document gets its validity
    # period here too, when it has none yet.
    from .validity import set_validity

    if not hasattr(version, "validity"):
        set_validity(version)
    published = version.promulgated_on
    assert published is not None
    government = issuing_government(version)
    office = filing_office(government)
    issuer = version.text.issuing_unit
    extra = [(issuer, "handler")] if issuer is not None and issuer.pk != office.pk else []
    key = period_key(version)
    existing = {f.recipient: f for f in Filing.objects.filter(version=version)}
    out: list[Filing] = []
    for recipient, basis in recipients_for(version):
        if recipient in existing:
            out.append(existing[recipient])
            continue
        label = Recipient(recipient).label
        case = open_case(
            KIND,
            number=_number(office, on),
            title=f"《{version.text.title}》报{label}备案"[:200],
            owner=office,
            actor=actor,
            opened_on=on,
            extra_participants=extra,
        )
        deadline = start_deadline(case, key, published, actor=actor)
        assert deadline.due is not None
        out.append(
            Filing.objects.create(
                case=case,
                version=version,
                recipient=recipient,
                basis=basis,
                published_on=published,
                due_on=deadline.due,
            )
        )
    return out


def filing_of(case: Case) -> Filing:
    return Filing.objects.select_related("version__text").get(case=case)


# -- the steps -------------------------------------------------------------------------------------


class SubmitForm(forms.Form):
    method = forms.CharField(
        label="报送方式", max_length=60, initial="备案审查信息平台", required=False
    )


class NoticeForm(forms.Form):
    notice_number = forms.CharField(label="通知文号", max_length=80, required=False)
    reason = forms.CharField(label="通知内容或理由", max_length=500, required=False)


class ReportForm(forms.Form):
    handling = forms.CharField(label="处理情况", widget=forms.Textarea, max_length=2000)


def _not_before_publication(ctx: StepContext) -> Refusal | None:
    filing = filing_of(ctx.case)
    if ctx.on < filing.published_on:
        return Refusal(
            f"报送日期不得早于公布日期（{filing.published_on.isoformat()}）", SUBMIT_BASIS
        )
    return None


def enqueue_package(filing: Filing, on: date) -> OutboxMessage:
    """The filing package as an outbox message: the adapter renders the text (.docx and PDF)
    and copies the explanation and the review opinion (``package.FilingPackageAdapter``)."""
    version = filing.version
    return OutboxMessage.objects.create(
        target=Channel.FILING,
        payload={
            "kind": "备案报送",
            "filing": filing.pk,
            "case": filing.case.number,
            "recipient": filing.get_recipient_display(),
            "basis": filing.basis,
            "version": version.pk,
            "title": version.text.title,
            "doc_number": version.doc_number,
            "issuing_body": version.text.issuing_body,
            "promulgated_on": filing.published_on.isoformat(),
            "submitted_on": on.isoformat(),
            "submission": filing.submissions,
            "attachments": {
                name: getattr(filing, name).name
                for name in ("explanation", "review_opinion")
                if getattr(filing, name)
            },
        },
    )


def _meet(case: Case, key: str, on: date, actor: Any) -> None:
    for d in case.deadlines.filter(key=key, status=DeadlineStatus.RUNNING):
        mark_met(d, on, actor=actor)


def _submitted(ctx: StepContext, event: Any) -> None:
    filing = filing_of(ctx.case)
    filing.submissions += 1
    if filing.submitted_on is None:
        filing.submitted_on = ctx.on
    filing.save(update_fields=["submissions", "submitted_on"])
    _meet(ctx.case, period_key(filing.version), ctx.on, ctx.actor)
    _meet(ctx.case, RESUBMIT, ctx.on, ctx.actor)
    enqueue_package(filing, ctx.on)


def _registered(ctx: StepContext, event: Any) -> None:
    Filing.objects.filter(case=ctx.case).update(registered_on=ctx.on)


def _deferred(ctx: StepContext, event: Any) -> None:
    Filing.objects.filter(case=ctx.case).update(deferred_on=ctx.on)
    start_deadline(ctx.case, RESUBMIT, ctx.on, actor=ctx.actor)


def _correction(ctx: StepContext, event: Any) -> None:
    Filing.objects.filter(case=ctx.case).update(correction_on=ctx.on)
    start_deadline(ctx.case, CORRECTION_REPORT, ctx.on, actor=ctx.actor)


S = FilingState
WORKFLOW = register(
    Workflow(
        KIND,
        "规章和规范性文件备案",
        FilingState,
        FilingState.DUE,
        detail=lambda case: Filing.objects.filter(case=case).first(),
    )
)
WORKFLOW.add(
    "submit_filing",
    "报送备案",
    [S.DUE],
    S.SUBMITTED,
    staff_roles=FILING_ROLES,
    basis=SUBMIT_BASIS,
    gates=[_not_before_publication],
    form=SubmitForm,
    effect=_submitted,
)
WORKFLOW.add(
    "register_filing",
    "登记备案（收到备案登记通知）",
    [S.SUBMITTED],
    S.REGISTERED,
    staff_roles=FILING_ROLES,
    basis=REGISTER_BASIS,
    form=NoticeForm,
    effect=_registered,
)
WORKFLOW.add(
    "defer_filing",
    "暂缓登记（收到通知）",
    [S.SUBMITTED],
    S.DEFERRED,
    staff_roles=FILING_ROLES,
    basis=RESUBMIT_BASIS,
    form=NoticeForm,
    effect=_deferred,
)
WORKFLOW.add(
    "resubmit_filing",
    "补充或者重新报送备案",
    [S.DEFERRED],
    S.SUBMITTED,
    staff_roles=FILING_ROLES,
    basis=RESUBMIT_BASIS,
    form=SubmitForm,
    effect=_submitted,
)
WORKFLOW.add(
    "refuse_filing",
    "不予备案登记（收到通知）",
    [S.SUBMITTED],
    S.NOT_REGISTERED,
    staff_roles=FILING_ROLES,
    basis=REGISTER_BASIS,
    form=NoticeForm,
    closes=True,
)
WORKFLOW.add(
    "correction_notice",
    "收到纠正通知",
    [S.REGISTERED],
    S.CORRECTION,
    staff_roles=FILING_ROLES,
    basis=CORRECTION_BASIS,
    form=NoticeForm,
    effect=_correction,
)
WORKFLOW.add(
    "report_correction",
    "报告处理情况",
    [S.CORRECTION],
    S.CORRECTED,
    staff_roles=FILING_ROLES,
    basis=CORRECTION_BASIS,
    form=ReportForm,
    meets=(CORRECTION_REPORT,),
    closes=True,
)


# -- the yearly catalogue -------------------------------------------------------------------------


def _catalogue_submitted(ctx: StepContext, event: Any) -> None:
    FilingCatalogue.objects.filter(case=ctx.case).update(submitted_on=ctx.on)


CATALOGUE_WORKFLOW = register(
    Workflow(
        CATALOGUE_KIND,
        "规章目录报送",
        CatalogueState,
        CatalogueState.DUE,
        detail=lambda case: FilingCatalogue.objects.filter(case=case).first(),
    )
)
CATALOGUE_WORKFLOW.add(
    "submit_catalogue",
    "报送上一年规章目录",
    [CatalogueState.DUE],
    CatalogueState.SUBMITTED,
    staff_roles=FILING_ROLES,
    basis=CATALOGUE_BASIS,
    form=SubmitForm,
    meets=(ANNUAL_CATALOGUE,),
    effect=_catalogue_submitted,
    closes=True,
)


def rules_made(government: OrgUnit, year: int) -> list[TextVersion]:
    return list(
        TextVersion.objects.filter(
            text__kind=TextKind.GOVERNMENT_RULE,
            text__issuing_unit=government,
            promulgated_on__year=year,
            state__in=PROMULGATED_STATES,
        )
        .select_related("text")
        .order_by("promulgated_on", "id")
    )


@transaction.atomic
def open_catalogue(government: OrgUnit, year: int, *, actor: Any = None) -> FilingCatalogue | None:
    """The catalogue of the rules ``government`` made in ``year``, due by 31 January of the next
    year; None when it made none (nothing to report) or the catalogue is already open."""
    if FilingCatalogue.objects.filter(government=government, year=year).exists():
        return None
    made = rules_made(government, year)
    if not made:
        return None
    office = filing_office(government)
    start = date(year, 12, 31)
    case = open_case(
        CATALOGUE_KIND,
        number=_number(office, start),
        title=f"{government.name}{year}年规章目录报送",
        owner=office,
        actor=actor,
        opened_on=start,
    )
    deadline = start_deadline(case, ANNUAL_CATALOGUE, start, actor=actor)
    assert deadline.due is not None
    return FilingCatalogue.objects.create(
        case=case,
        government=government,
        year=year,
        due_on=deadline.due,
        entries=[
            {
                "title": v.text.title,
                "doc_number": v.doc_number,
                "promulgated_on": str(v.promulgated_on),
            }
            for v in made
        ],
    )


def filings_submitted(kinds: Iterable[str], until: date, year: int) -> int:
    """Texts of ``kinds`` promulgated in ``year`` with a filing submitted on or before ``until``
    (a text filed with several recipients counts once)."""
    return (
        Filing.objects.filter(
            version__text__kind__in=list(kinds),
            published_on__year=year,
            submitted_on__isnull=False,
            submitted_on__lte=until,
        )
        .values("version")
        .distinct()
        .count()
    )
