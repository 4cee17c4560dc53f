"""The drafting case's steps and gates: the issuing-body list, each gate's refusal with its
article, the 30-day consultation, the effective date, publication and amendment."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.casework.workflow import StepRefused, TransitionError, take, take_system
from fazhi.domains.lists import services as lists
from fazhi.domains.rulemaking import issuers
from fazhi.domains.rulemaking.choices import TextState
from fazhi.domains.rulemaking.compare import compare
from fazhi.domains.rulemaking.drafting import apply_effective_dates
from fazhi.domains.rulemaking.models import IssuingBody, TextVersion

from .drafting_world import (
    CLOSE,
    CONSULT,
    MEETING,
    PUBLISHED,
    REVISED,
    SUBMIT,
    World,
    consulted,
    consulting,
    draft_of,
    drafted,
    dworld_fixture,  # noqa: F401  (the fixture ``dworld``)
    new_draft,
    published,
    reviewed,
)


def refusal_text(excinfo: pytest.ExceptionInfo[TransitionError]) -> str:
    return "；".join(str(r) for r in excinfo.value.refusals)


def test_a_body_not_on_the_list_on_that_date_is_refused(dworld: World) -> None:
    # The market regulator is not on the city's list (its flag was never set).
    with pytest.raises(TransitionError) as excinfo:
        new_draft(dworld, kind="normative_document", issuer=dworld.org.scjg.pk, plan_entry="")
    assert "不在行政规范性文件制定主体清单内" in refusal_text(excinfo)
    assert "国办发〔2018〕37号（严禁越权发文）" in refusal_text(excinfo)
    # Before the city's list took effect (2019-01-02) the city was not on it either.
    with pytest.raises(TransitionError) as excinfo:
        new_draft(dworld, on=date(2018, 12, 28))
    assert "严禁越权发文" in refusal_text(excinfo)


def test_a_body_taken_off_the_list_cannot_publish(dworld: World) -> None:
    case = reviewed(dworld)
    take(case, "deliberate", dworld.gov_head, on=MEETING, data={"meeting": "第20次常务会议"})
    take(case, "sign", dworld.gov_head, on=date(2019, 5, 8))
    item = IssuingBody.objects.get(department=dworld.org.city)
    lists.record(item, "cancel", valid_from=date(2019, 5, 9), reason="机构调整")
    with pytest.raises(TransitionError) as excinfo:
        take(
            case,
            "publish",
            dworld.gov_clerk,
            on=PUBLISHED,
            data={"effective_from": date(2019, 6, 10), "gazette": "公报"},
        )
    assert "严禁越权发文" in refusal_text(excinfo)


def test_a_rule_needs_a_plan_entry_and_a_body_that_makes_rules(dworld: World) -> None:
    with pytest.raises(TransitionError) as excinfo:
        new_draft(dworld, plan_entry="")
    assert "规章制定程序条例 第十二条" in refusal_text(excinfo)
    assert issuers.issuing_refusal(dworld.org.sfj, "normative_document", date(2019, 6, 1))


def test_consultation_shorter_than_30_days_needs_a_recorded_reason(dworld: World) -> None:
    case = drafted(dworld)
    short = {"closes_on": date(2019, 4, 1)}
    with pytest.raises(TransitionError) as excinfo:
        take(case, "open_consultation", dworld.people.alice, on=CONSULT, data=short)
    text = refusal_text(excinfo)
    assert "不少于30日" in text and "2019-04-11" in text and "规章制定程序条例 第十五条" in text
    take(
        case,
        "open_consultation",
        dworld.people.alice,
        on=CONSULT,
        data={**short, "shortened_reason": "上位法修改，须在4月前出台"},
    )
    assert draft_of(case).consultations.get().shortened_reason


def test_consultation_cannot_close_before_its_date(dworld: World) -> None:
    case = consulting(dworld)
    with pytest.raises(TransitionError) as excinfo:
        take(case, "close_consultation", dworld.people.alice, on=date(2019, 4, 1))
    assert "期满前不得结束征求意见" in refusal_text(excinfo)


def test_the_review_is_refused_without_consultation_naming_the_step(dworld: World) -> None:
    case = drafted(dworld, market_related=True, integrity_required=True)
    with pytest.raises(TransitionError) as excinfo:
        take(case, "submit_review", dworld.people.henry, on=SUBMIT)
    steps = {r.missing_step for r in excinfo.value.refusals}
    assert {"open_consultation", "fair_competition_review", "integrity_assessment"} <= steps
    text = refusal_text(excinfo)
    assert "规章制定程序条例 第十五条" in text
    assert "国发〔2016〕34号；优化营商环境条例 第六十三条" in text
    assert "制度廉洁性评估" in text


def test_feedback_must_be_published_before_the_review(dworld: World) -> None:
    case = consulting(dworld)
    take(case, "close_consultation", dworld.people.alice, on=CLOSE)
    with pytest.raises(TransitionError) as excinfo:
        take(case, "submit_review", dworld.people.henry, on=SUBMIT)
    assert [r.missing_step for r in excinfo.value.refusals] == ["publish_feedback"]


def test_the_review_is_sent_by_the_head_not_the_clerk(dworld: World) -> None:
    case = consulted(dworld)
    with pytest.raises(StepRefused):
        take(case, "submit_review", dworld.people.alice, on=SUBMIT)


def test_the_legality_review_has_a_minimum_time_from_the_setting(dworld: World) -> None:
    case = consulted(dworld)
    take(case, "submit_review", dworld.people.henry, on=SUBMIT)
    data = {"conclusion": "passed", "opinion": "合法。"}
    with pytest.raises(TransitionError) as excinfo:
        take(case, "legality_opinion", dworld.reviewer, on=date(2019, 4, 19), data=data)
    assert "不少于5个工作日" in refusal_text(excinfo)
    assert "国办发〔2018〕115号" in refusal_text(excinfo)
    # Only the justice bureau's legal reviewer gives the opinion.
    with pytest.raises(StepRefused):
        take(case, "legality_opinion", dworld.people.henry, on=date(2019, 4, 26), data=data)
    take(case, "legality_opinion", dworld.reviewer, on=date(2019, 4, 24), data=data)
    assert case.state == "reviewed"


def test_the_meeting_is_refused_with_every_missing_step(dworld: World) -> None:
    case = drafted(dworld)
    with pytest.raises(TransitionError) as excinfo:
        take(case, "deliberate", dworld.gov_head, on=MEETING, data={"meeting": "第20次常务会议"})
    steps = {r.missing_step for r in excinfo.value.refusals}
    assert {"open_consultation", "submit_review"} <= steps
    assert "规章制定程序条例 第十九条至第二十五条" in refusal_text(excinfo)


def test_a_revision_after_the_review_needs_a_new_review(dworld: World) -> None:
    case = reviewed(dworld)
    take(
        case,
        "revise_draft",
        dworld.people.alice,
        on=date(2019, 4, 29),
        data={"draft_text": REVISED.replace("专职", "专（兼）职"), "reason": "文字修改"},
    )
    with pytest.raises(TransitionError) as excinfo:
        take(case, "deliberate", dworld.gov_head, on=MEETING, data={"meeting": "第20次常务会议"})
    assert "重新送请合法性审核" in refusal_text(excinfo)


def test_a_rule_takes_effect_30_days_after_publication_or_with_a_reason(dworld: World) -> None:
    with pytest.raises(TransitionError) as excinfo:
        published(dworld, effective=date(2019, 6, 1))
    text = refusal_text(excinfo)
    assert "30日后施行" in text and "2019-06-09" in text and "第三十二条" in text


def test_an_early_effect_with_its_reason_is_accepted(dworld: World) -> None:
    case = published(
        dworld, effective=PUBLISHED, early_effect_reason="公布后不立即施行将有碍规章施行"
    )
    version = draft_of(case).published_version
    assert version.state == TextState.IN_FORCE and version.effective_from == PUBLISHED


def test_publication_creates_the_version_that_takes_effect(dworld: World) -> None:
    case = published(dworld)
    d = draft_of(case)
    version = d.published_version
    assert case.state == "published"
    assert version.state == TextState.NOT_YET_EFFECTIVE and version.promulgated_on == PUBLISHED
    assert version.doc_number == f"{dworld.org.city.name}令第1号"
    assert [p.path for p in version.articles()][-1] == "第六条"
    assert d.text.public and d.publication is not None
    assert d.publication.payload["文号"] == version.doc_number
    assert apply_effective_dates(date(2019, 6, 9)) == 0
    assert apply_effective_dates(date(2019, 6, 10)) == 1
    case.refresh_from_db()
    version.refresh_from_db()
    assert case.state == "in_force" and case.closed_on == date(2019, 6, 10)
    assert version.state == TextState.IN_FORCE
    assert d.text.version_on(date(2019, 6, 10)) == version


def test_an_amendment_is_a_new_version_compared_by_provision(dworld: World) -> None:
    case = published(dworld)
    take_system(case, "take_effect", on=date(2019, 6, 10))
    text = draft_of(case).text
    first = draft_of(case).published_version
    from fazhi.domains.rulemaking.models import PlanEntry

    entry = PlanEntry.objects.create(
        plan=dworld.entry.plan,
        number=2,
        title=text.title,
        kind="government_rule",
        drafting_unit=dworld.org.scjg,
        amends=text,
    )
    amendment = new_draft(dworld, on=date(2019, 7, 1), plan_entry=entry.pk)
    assert draft_of(amendment).amends == first and draft_of(amendment).text == text
    new_text = REVISED.replace("三十日后", "六十日后")
    take(
        amendment,
        "start_drafting",
        dworld.people.alice,
        on=date(2019, 7, 2),
        data={"draft_text": new_text},
    )
    take(
        amendment,
        "open_consultation",
        dworld.people.alice,
        on=date(2019, 7, 3),
        data={"closes_on": date(2019, 8, 5)},
    )
    take(amendment, "close_consultation", dworld.people.alice, on=date(2019, 8, 5))
    take(
        amendment,
        "publish_feedback",
        dworld.people.alice,
        on=date(2019, 8, 6),
        data={"summary": "未收到意见。"},
    )
    take(amendment, "submit_review", dworld.people.henry, on=date(2019, 8, 7))
    take(
        amendment,
        "legality_opinion",
        dworld.reviewer,
        on=date(2019, 8, 16),
        data={"conclusion": "passed", "opinion": "合法。"},
    )
    take(amendment, "deliberate", dworld.gov_head, on=date(2019, 8, 20), data={"meeting": "第25次"})
    take(amendment, "sign", dworld.gov_head, on=date(2019, 8, 21))
    take(
        amendment,
        "publish",
        dworld.gov_clerk,
        on=date(2019, 8, 23),
        data={"effective_from": date(2019, 10, 1), "gazette": "公报"},
    )
    second = draft_of(amendment).published_version
    first.refresh_from_db()
    assert first.effective_until == date(2019, 9, 30)
    assert text.version_on(date(2019, 9, 30)) == first
    assert text.version_on(date(2019, 10, 1)) == second
    changes = compare(first, second)
    assert [(c.kind, c.old.path, c.new.path) for c in changes] == [("changed", "第六条", "第六条")]
    # The drafts of both cases stay on record as drafts of the same text.
    assert TextVersion.objects.filter(text=text, state="draft").count() == 3
