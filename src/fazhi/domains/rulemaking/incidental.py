"""The rulemaking side of incidental review (附带审查, 行政复议法 第十三条、第五十六条至第六十条;
STATUTES.md A23, I1).

A request is recorded on a reconsideration case by its handler (``disputes.incidental``); here it
is linked to the normative document it names — the version in force on the request's date,
found by its 文号 or title, and the provisions it cites — so the document's page lists the
requests about it and the case page lists the documents (both ways). A request transferred to
another body makes that body a participant of the case (审核机构), so it sees what it must
answer. The body handling it answers here, by a legal reviewer, clerk or head of that body,
within the periods the disputes app clocks (``answer_incidental``); an unlawful conclusion
records what follows for the document (停止执行、修改、废止).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q

from fazhi.core.casework.models import Participant
from fazhi.core.casework.workflow import Refusal, StepContext, StepRefused, TransitionError
from fazhi.core.org.choices import Role
from fazhi.domains.disputes.incidental import answer_incidental
from fazhi.domains.disputes.models import IncidentalReview
from fazhi.domains.disputes.party_choices import IncidentalConclusion, IncidentalState

from .choices import TextKind
from .models import IncidentalLink, Provision, TextVersion, in_force_on

BASIS = "行政复议法 第五十九条"
ANSWER_ROLES = frozenset({Role.LEGAL_REVIEWER, Role.CLERK, Role.DEPARTMENT_HEAD})
ARTICLE = re.compile(r"第[零〇一二三四五六七八九十百千\d]+条")


def find_version(review: IncidentalReview) -> TextVersion | None:
    """The normative document the request names, as in force on the request's date."""
    versions = TextVersion.objects.filter(in_force_on(review.requested_on)).filter(
        text__kind=TextKind.NORMATIVE_DOCUMENT
    )
    if review.document_number:
        found = versions.filter(doc_number=review.document_number).first()
        if found is not None:
            return found
    title = review.document_title.strip("《》 ")
    return versions.filter(Q(text__title=title) | Q(text__short_title=title)).first()


def cited_provisions(version: TextVersion, clauses: str) -> list[Provision]:
    paths = ARTICLE.findall(clauses or "")
    return list(version.provisions.filter(path__in=paths)) if paths else []


@transaction.atomic
def link_request(review: IncidentalReview, version: TextVersion | None = None) -> IncidentalLink:
    """Link (or re-link) ``review`` to its document: ``version`` as chosen by staff, else found."""
    version = version or find_version(review)
    link, _ = IncidentalLink.objects.update_or_create(review=review, defaults={"version": version})
    link.provisions.set(cited_provisions(version, review.clauses) if version else [])
    return link


def _recorded(ctx: StepContext, event: Any) -> None:
    for review in IncidentalReview.objects.filter(case=ctx.case, document_link__isnull=True):
        link_request(review)


def _transferred(ctx: StepContext, event: Any) -> None:
    review: IncidentalReview = ctx.data["review"]
    Participant.objects.get_or_create(case=ctx.case, org_unit=review.routed_to, role="reviewer")


def register_hooks() -> None:
    from fazhi.core.casework.workflow import register_after_step

    register_after_step("reconsideration", "incidental_review", _recorded)
    register_after_step("reconsideration", "transfer_incidental", _transferred)


def may_answer(review: IncidentalReview, actor: Any) -> bool:
    return actor is not None and any(
        r.role in ANSWER_ROLES and r.org_unit_id == review.routed_to_id for r in actor.role_rows()
    )


@transaction.atomic
def answer(
    review: IncidentalReview,
    *,
    conclusion: str,
    answer_text: str,
    on: date,
    actor: Any,
    handling: str = "",
) -> IncidentalLink:
    """The handling body's answer, recorded on the reconsideration case (its clock met)."""
    # Locked and read afresh: the request may have been transferred since it was shown.
    review = IncidentalReview.objects.select_for_update().select_related("case").get(pk=review.pk)
    if not may_answer(review, actor):
        raise StepRefused(
            Refusal(
                f"附带审查须由处理机关（{review.routed_to}）的法制审核人员、经办人或负责人答复",
                BASIS,
            )
        )
    if review.state == IncidentalState.TO_TRANSFER:
        raise TransitionError(
            Refusal("申请尚待转送，须先完成“转送附带审查申请”，才能答复", "行政复议法 第五十六条")
        )
    if conclusion == IncidentalConclusion.UNLAWFUL and not handling.strip():
        raise TransitionError(
            Refusal("认定相关条款违法的，须写明对该文件的处理（停止执行、修改或者废止）", BASIS)
        )
    answer_incidental(review, conclusion=conclusion, answer=answer_text, on=on, actor=actor)
    link = IncidentalLink.objects.filter(review=review).first() or link_request(review)
    link.handling = handling
    link.save(update_fields=["handling"])
    return link
