"""Public consultation: comments on provisions kept attached across a revision, identity by a
public account or anonymous where allowed, moderation with reasons, and the feedback published
and exported as a Word document."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from fazhi.core.casework.workflow import TransitionError, take
from fazhi.core.disclosure.models import Publication
from fazhi.domains.rulemaking import consultation as consult
from fazhi.domains.rulemaking.anchors import provision_of
from fazhi.domains.rulemaking.models import Comment

from .drafting_world import (
    CLOSE,
    REVISED,
    REVISED_ON,
    World,
    comment,
    consulted,
    consulting,
    draft_of,
    dworld_fixture,  # noqa: F401  (the fixture ``dworld``)
    moderate,
)


def test_comments_stay_attached_when_the_draft_is_revised(dworld: World) -> None:
    case = consulting(dworld)
    on_third = comment(dworld, case, 3, "进货查验制度应当包括索证索票。")
    on_fourth = comment(dworld, case, 4, "建议同时公示举报电话。")
    on_fifth = comment(dworld, case, 5, "施行日期合适。")
    for cm in (on_third, on_fourth, on_fifth):
        moderate(dworld, case, cm)
    take(case, "close_consultation", dworld.people.alice, on=CLOSE)
    take(
        case,
        "revise_draft",
        dworld.people.alice,
        on=REVISED_ON,
        data={"draft_text": REVISED, "reason": "根据征求意见修改"},
    )
    current = draft_of(case).current
    # 第三条 (unchanged wording) became 第四条; 第四条 (reworded) became 第五条; 第五条 第六条.
    assert provision_of(on_third.anchor, current).path == "第四条"
    assert provision_of(on_fourth.anchor, current).path == "第五条"
    assert provision_of(on_fifth.anchor, current).path == "第六条"
    new_article = current.articles().get(path="第三条")
    assert new_article.anchor_placement.match == "added"
    assert on_fourth.anchor.placements.get(version=current).match == "renumbered_changed"


def test_a_removed_article_keeps_its_comments(dworld: World) -> None:
    case = consulting(dworld)
    cm = comment(dworld, case, 4, "本条可以删除。")
    moderate(dworld, case, cm)
    take(case, "close_consultation", dworld.people.alice, on=CLOSE)
    without_fourth = REVISED.replace(
        "第五条 市场开办者应当公示投诉电话和举报电话。\n\n", ""
    ).replace("第六条", "第五条")
    take(
        case,
        "revise_draft",
        dworld.people.alice,
        on=REVISED_ON,
        data={"draft_text": without_fourth, "reason": "删除第四条"},
    )
    cm.refresh_from_db()
    assert provision_of(cm.anchor, draft_of(case).current) is None
    take(
        case,
        "answer_comment",
        dworld.people.alice,
        on=REVISED_ON,
        data={"comment": cm.pk, "adoption": "adopted", "response": "已删除。"},
    )
    take(case, "publish_feedback", dworld.people.alice, on=REVISED_ON, data={"summary": "说明"})
    feedback = draft_of(case).consultations.get().feedback_publication
    assert feedback.payload["意见及采纳情况"][0]["现条文"] == "已删除"


def test_anonymous_comments_only_where_the_body_allows_them(dworld: World) -> None:
    closed = consulting(dworld)
    with pytest.raises(TransitionError) as excinfo:
        comment(dworld, closed, 2, "匿名意见", account=None)
    assert "不接受匿名意见" in str(excinfo.value.refusals[0])


def test_an_anonymous_comment_is_taken_where_allowed(dworld: World) -> None:
    case = consulting(dworld, anonymous=True)
    cm = comment(dworld, case, 2, "匿名意见", account=None)
    assert cm.account is None and cm.display_name == "匿名"


def test_comments_are_refused_after_the_closing_date(dworld: World) -> None:
    case = consulting(dworld)
    c = draft_of(case).consultations.get()
    with pytest.raises(TransitionError):
        consult.submit_comment(
            c.publication, body="迟到的意见", on=date(2019, 4, 13), account=dworld.citizen
        )


def test_moderation_publishes_through_the_gate_or_refuses_with_a_reason(dworld: World) -> None:
    case = consulting(dworld)
    good = comment(dworld, case, 3, "王小明建议：进货查验应当留存凭证。")
    spam = comment(dworld, case, 3, "广告")
    with pytest.raises(TransitionError) as excinfo:
        moderate(dworld, case, spam, "rejected", "")
    assert "须说明理由" in str(excinfo.value)
    moderate(dworld, case, spam, "rejected", "广告信息")
    moderate(dworld, case, good)
    good.refresh_from_db()
    spam.refresh_from_db()
    assert spam.status == "rejected" and spam.publication is None
    assert spam.moderation_reason == "广告信息" and spam.moderated_by == dworld.people.alice
    pub = good.publication
    assert pub is not None and pub.kind == consult.COMMENT_KIND
    # The commenter's name is masked by the gate, the comment kept.
    assert "王小明" not in str(pub.payload) and "进货查验" in pub.payload["意见"]
    # A comment still pending keeps the consultation open.
    pending = comment(dworld, case, 2, "待审核")
    with pytest.raises(TransitionError) as excinfo:
        take(case, "close_consultation", dworld.people.alice, on=CLOSE)
    assert excinfo.value.refusals[0].missing_step == "moderate_comment"
    assert Comment.objects.filter(pk=pending.pk, status="pending").exists()


def test_the_feedback_is_published_and_opens_as_a_word_document(dworld: World) -> None:
    case = consulted(dworld)
    feedback = draft_of(case).consultations.get().feedback_publication
    assert feedback is not None and feedback.kind == consult.FEEDBACK_KIND
    row = feedback.payload["意见及采纳情况"][0]
    assert (row["条文"], row["现条文"], row["采纳情况"]) == ("第四条", "第五条", "采纳")
    assert {"变化": "新增", "原条文": "", "现条文": "第三条"} in feedback.payload["修改情况"]
    doc = Document(io.BytesIO(consult.feedback_docx(feedback)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "公开征求意见采纳情况的说明" in text and "修改情况" in text
    cells = [c.text for r in doc.tables[0].rows for c in r.cells]
    assert "已采纳。" in cells and "第四条（现第五条）" in cells
    assert doc.sections[0].top_margin.mm == pytest.approx(37, abs=0.1)


def test_the_draft_is_published_for_comment_through_the_gate(dworld: World) -> None:
    case = consulting(dworld)
    c = draft_of(case).consultations.get()
    pub = Publication.objects.get(pk=c.publication_id)
    assert pub.kind == consult.CONSULTATION_KIND and pub.publish_until == CLOSE
    articles = [p for p in pub.payload["条文"] if p["level"] == "article"]
    assert [p["anchor"] for p in articles] == ["T1", "T2", "T3", "T4", "T5"]
