"""A major decision walks its statutory procedures (重大行政决策程序暂行条例), each gate refusing
in Chinese with its article."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.casework.workflow import StepRefused, TransitionError, take
from fazhi.core.disclosure.models import Publication
from fazhi.domains.decisions.models import LegalOpinion, MajorDecision

from .conftest import (
    MEETING,
    OPINION,
    PLACED,
    SUBMIT,
    consult,
    experts,
    meeting,
    new_decision,
    ready_for_agenda,
    review,
    risk,
)

OPINIONS = "李副市长|同意|\n赵秘书长|同意|\n钱局长|不同意|资金来源不明"


def _decide(w, case, m, **extra):
    take(case, "place_on_agenda", w.gov_clerk, data={"meeting": m.pk}, on=PLACED)
    data = {"outcome": "adopted", "opinions": OPINIONS, "head_opinion": "同意", **extra}
    return take(case, "decide", w.gov_head, data=data, on=MEETING)


def test_it_walks_every_step_to_archive_and_post_evaluation(world):
    w = world
    case = ready_for_agenda(w)
    m = meeting(w)
    _decide(w, case, m)
    d = MajorDecision.objects.get(case=case)
    assert d.decided_on == MEETING
    assert [o.member for o in d.discussions.get().opinions.all()] == [
        "李副市长",
        "赵秘书长",
        "钱局长",
    ]
    with pytest.raises(TransitionError) as refused:
        take(case, "publish", w.gov_clerk, on=date(2019, 11, 8))
    assert "第三十一条" in str(refused.value)
    take(case, "report_to_party", w.gov_clerk, data={"note": "已向市委请示"}, on=date(2019, 11, 6))
    take(case, "publish", w.gov_clerk, on=date(2019, 11, 8))
    pub = Publication.objects.get(kind="重大行政决策")
    assert pub.payload["公众意见采纳情况"].startswith("采纳7条")
    take(case, "archive", w.gov_clerk, on=date(2019, 11, 20))
    take(
        case,
        "report_implementation",
        w.people.alice,
        data={"summary": "已完成3个市场改造"},
        on=date(2019, 12, 20),
    )
    with pytest.raises(TransitionError) as same_body:
        take(
            case,
            "post_evaluate",
            w.gov_clerk,
            data={
                "evaluator": "市社会稳定风险评估中心",
                "trigger": "决策机关认为有必要",
                "findings": "……",
            },
            on=date(2019, 12, 30),
        )
    assert "第三十六条第二款" in str(same_body.value)
    take(
        case,
        "post_evaluate",
        w.gov_clerk,
        data={
            "evaluator": "湖北省社会科学院",
            "trigger": "决策机关认为有必要",
            "findings": "达到预期",
        },
        on=date(2019, 12, 30),
    )
    case.refresh_from_db()
    assert case.state == "archived"
    assert d.post_evaluations.count() == 1


def test_the_comment_period_is_at_least_30_days_unless_a_reason_is_recorded(world):
    w = world
    case = new_decision(w)
    with pytest.raises(TransitionError) as short:
        take(
            case,
            "open_consultation",
            w.people.alice,
            data={"closes_on": date(2019, 9, 20), "channels": "政府网站"},
            on=date(2019, 9, 2),
        )
    assert "不少于30日" in str(short.value) and "第十五条" in str(short.value)
    take(
        case,
        "open_consultation",
        w.people.alice,
        data={
            "closes_on": date(2019, 9, 20),
            "channels": "政府网站",
            "shortened_reason": "汛期前必须完成",
        },
        on=date(2019, 9, 2),
    )
    assert case.deadlines.get(key="decisions.consultation").kind == "earliest"
    with pytest.raises(TransitionError) as early:
        take(
            case,
            "close_consultation",
            w.people.alice,
            data={"comments": 1, "adoption": "—"},
            on=date(2019, 9, 10),
        )
    assert "期满前不得结束" in str(early.value)


def test_a_hearing_needs_the_list_published_and_materials_seven_days_before(world):
    w = world
    case = new_decision(w)
    data = {
        "place": "市政府第一会议室",
        "draft_published_on": date(2019, 9, 2),
        "participants_published_on": date(2019, 9, 20),
        "materials_delivered_on": date(2019, 9, 20),
        "participants": "商户代表3名、居民代表5名",
        "record_signed": True,
    }
    with pytest.raises(TransitionError) as late:
        take(case, "hold_hearing", w.people.alice, data=data, on=date(2019, 9, 25))
    assert "最早于 2019-09-27" in str(late.value) and "第十六条第三款" in str(late.value)
    take(case, "hold_hearing", w.people.alice, data=data, on=date(2019, 9, 27))
    assert MajorDecision.objects.get(case=case).hearings.count() == 1


def test_an_expert_with_a_direct_interest_is_refused(world):
    w = world
    case = new_decision(w)
    with pytest.raises(TransitionError) as refused:
        take(
            case,
            "expert_review",
            w.people.alice,
            data={
                "method": "论证会",
                "experts": "陈教授|湖北大学|无|\n周总|鄂州市场建设公司|有|拟承建",
                "opinion": "可行",
            },
            on=date(2019, 10, 1),
        )
    assert "周总（鄂州市场建设公司）与决策事项有直接利害关系" in str(refused.value)
    assert "第二十条" in str(refused.value)


def test_the_legality_review_takes_at_least_seven_working_days(world):
    w = world
    case = new_decision(w)
    consult(w, case)
    experts(w, case)
    risk(w, case)
    take(case, "submit_review", w.people.henry, data={"procedures_note": "……"}, on=SUBMIT)
    deadline = case.deadlines.get(key="decisions.legality_review")
    assert deadline.kind == "earliest"
    # 2019-10-14 (Monday) + 7 working days = 2019-10-23; not a deadline, a first possible day.
    assert deadline.due == OPINION
    with pytest.raises(TransitionError) as early:
        take(
            case,
            "legality_opinion",
            w.reviewer,
            data={"conclusion": "lawful", "opinion": "合法", "advisers": [w.adviser.pk]},
            on=date(2019, 10, 22),
        )
    assert "2019-10-23 起方可出具审查意见" in str(early.value)
    with pytest.raises(TransitionError) as alone:
        take(
            case,
            "legality_opinion",
            w.reviewer,
            data={"conclusion": "lawful", "opinion": "合法"},
            on=OPINION,
        )
    assert "第二十八条" in str(alone.value)
    # Only the justice bureau's reviewer reviews, not the undertaking department.
    with pytest.raises(StepRefused):
        take(
            case,
            "legality_opinion",
            w.people.rita,
            data={"conclusion": "lawful", "opinion": "合法", "advisers": [w.adviser.pk]},
            on=OPINION,
        )
    take(
        case,
        "legality_opinion",
        w.reviewer,
        data={"conclusion": "lawful", "opinion": "合法", "advisers": [w.adviser.pk]},
        on=OPINION,
    )
    opinion = LegalOpinion.objects.get(decision__case=case)
    assert opinion.kind == "review_opinion" and opinion.author_unit == w.org.sfj
    assert opinion.document.name.endswith(".docx")


def test_an_uncontrollable_risk_blocks_until_the_draft_is_adjusted_and_reassessed(world):
    w = world
    case = new_decision(w)
    consult(w, case)
    experts(w, case)
    risk(w, case, "uncontrollable")
    review(w, case)
    m = meeting(w)
    with pytest.raises(TransitionError) as refused:
        take(case, "place_on_agenda", w.gov_clerk, data={"meeting": m.pk}, on=PLACED)
    assert "风险不可控" in str(refused.value) and "第二十四条" in str(refused.value)
    # The draft is adjusted: the risk is assessed again, and the changed draft reviewed again.
    take(
        case,
        "adjust_draft",
        w.people.alice,
        data={"draft": "分三批改造", "reason": "降低风险"},
        on=date(2019, 10, 24),
    )
    risk(w, case, on=date(2019, 10, 25))
    with pytest.raises(TransitionError) as stale:
        take(case, "place_on_agenda", w.gov_clerk, data={"meeting": m.pk}, on=PLACED)
    assert "合法性审查后作了调整" in str(stale.value)


def test_against_the_majority_the_head_gives_reasons_and_speaks_last(world):
    w = world
    case = ready_for_agenda(w)
    m = meeting(w)
    take(case, "place_on_agenda", w.gov_clerk, data={"meeting": m.pk}, on=PLACED)
    majority_against = "李副市长|不同意|\n赵秘书长|不同意|\n钱局长|同意|"
    data = {"outcome": "adopted", "opinions": majority_against, "head_opinion": "同意"}
    with pytest.raises(TransitionError) as no_reason:
        take(case, "decide", w.gov_head, data=data, on=MEETING)
    assert "应当说明理由" in str(no_reason.value)
    head_first = {
        **data,
        "opinions": "gov_head|同意|\n" + majority_against,
        "against_majority_reasons": "省里要求年内启动",
    }
    with pytest.raises(TransitionError) as first:
        take(case, "decide", w.gov_head, data=head_first, on=MEETING)
    assert "最后发表意见" in str(first.value)
    take(
        case,
        "decide",
        w.gov_head,
        data={**data, "against_majority_reasons": "省里要求年内启动"},
        on=MEETING,
    )
    discussion = MajorDecision.objects.get(case=case).discussions.get()
    assert discussion.against_majority_reasons == "省里要求年内启动"
    assert discussion.opinions.filter(stance="disagree").count() == 2


def test_a_decision_is_a_matter_of_the_approved_catalog(world):
    w = world
    w.catalog.state, w.catalog.approved_on = "draft", None
    w.catalog.save()
    with pytest.raises(TransitionError) as refused:
        new_decision(w)
    assert "经同级党委同意的决策事项目录" in str(refused.value)
    assert not MajorDecision.objects.exists()
