"""A hypothesis state machine over the decision's steps: whatever the order in which the
undertaking department, the legal office and the government's office act, no decision reaches
the agenda with a statutory procedure missing, and one with every procedure done is accepted.

The machine keeps its own account of what was done (independently of ``procedures.py``) and
checks the workflow against it after every step."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from fazhi.core.casework.workflow import TransitionError, take
from fazhi.domains.decisions.choices import DecisionCategory
from fazhi.domains.decisions.models import CatalogItem, MajorDecision, Meeting
from fazhi.domains.decisions.procedures import missing_procedures

from .conftest import World

PRE_MEETING = {"drafting", "under_review", "reviewed"}


def test_no_decision_reaches_the_agenda_with_a_procedure_missing(world: World) -> None:
    w = world
    meeting = Meeting.objects.create(
        government=w.org.city,
        kind="executive",
        session="第99次",
        held_on=date(2022, 12, 30),
        chair="市长",
    )
    counter = iter(range(1, 10_000))

    class Decisions(RuleBasedStateMachine):
        @initialize(hearing=st.booleans(), experts=st.booleans(), risk=st.booleans())
        def start(self, hearing: bool, experts: bool, risk: bool) -> None:
            n = next(counter)
            self.item = CatalogItem.objects.create(
                catalog=w.catalog,
                number=100 + n,
                title=f"事项{n}",
                category=DecisionCategory.PUBLIC_POLICY,
                undertaking_unit=w.org.scjg,
                hearing=hearing,
                expert_review=experts,
                risk_assessment=risk,
                added_on=date(2019, 3, 1),
            )
            from fazhi.core.casework.workflow import register_case

            self.today = date(2019, 9, 2)
            self.case = register_case(
                "major_decision",
                w.people.alice,
                {"item": self.item.pk, "title": f"决策{n}", "draft": "草案"},
                on=self.today,
            )
            self.state = "drafting"
            self.done = {"consulted": False, "hearing": False, "experts": False}
            self.risk: str | None = None
            self.review_ok = False

        def _take(self, name: str, actor: object, days: int = 1, **data: object) -> bool:
            self.today += timedelta(days=days)
            try:
                take(self.case, name, actor, data=data, on=self.today)
            except TransitionError:
                return False
            return True

        def complete(self) -> bool:
            return (
                self.done["consulted"]
                and (self.done["hearing"] or not self.item.hearing)
                and (self.done["experts"] or not self.item.expert_review)
                and (self.risk == "controllable" or not self.item.risk_assessment)
                and self.review_ok
            )

        @rule()
        def consult(self) -> None:
            closes = self.today + timedelta(days=32)
            opened = self._take(
                "open_consultation", w.people.alice, closes_on=closes, channels="政府网站"
            )
            assert opened == (self.state == "drafting")
            if opened:
                assert self._take(
                    "close_consultation", w.people.alice, days=32, comments=3, adoption="已研究"
                )
                self.done["consulted"] = True

        @rule()
        def hearing(self) -> None:
            day = self.today + timedelta(days=1)
            ok = self._take(
                "hold_hearing",
                w.people.alice,
                days=10,
                place="会议室",
                draft_published_on=day,
                participants_published_on=day,
                materials_delivered_on=day,
                participants="代表",
                record_signed=True,
            )
            assert ok == (self.state == "drafting")
            self.done["hearing"] |= ok

        @rule()
        def experts(self) -> None:
            ok = self._take(
                "expert_review",
                w.people.alice,
                method="论证会",
                experts="甲|大学|无|",
                opinion="可行",
            )
            assert ok == (self.state == "drafting")
            self.done["experts"] |= ok

        @rule(controllable=st.booleans())
        def risk(self, controllable: bool) -> None:
            conclusion = "controllable" if controllable else "uncontrollable"
            ok = self._take(
                "risk_assessment",
                w.people.alice,
                assessor="评估中心",
                risk_points="点",
                measures="措施",
                conclusion=conclusion,
            )
            assert ok == (self.state == "drafting")
            if ok:
                self.risk = conclusion

        @rule()
        def adjust(self) -> None:
            ok = self._take("adjust_draft", w.people.alice, draft="调整后", reason="采纳意见")
            assert ok == (self.state in ("drafting", "reviewed"))
            if ok:
                self.state, self.review_ok = "drafting", False

        @rule()
        def submit(self) -> None:
            ok = self._take("submit_review", w.people.henry, procedures_note="说明")
            assert ok == (self.state == "drafting")
            if ok:
                self.state, self.review_ok = "under_review", False

        @rule(lawful=st.booleans())
        def opinion(self, lawful: bool) -> None:
            step = "legality_opinion" if lawful else "legality_unlawful"
            ok = self._take(
                step,
                w.reviewer,
                days=15,
                opinion="意见",
                conclusion="lawful" if lawful else "unlawful",
                advisers=[w.adviser.pk],
            )
            assert ok == (self.state == "under_review")
            if ok:
                self.state, self.review_ok = ("reviewed", True) if lawful else ("drafting", False)

        @rule()
        def agenda(self) -> None:
            expected = self.state in PRE_MEETING and self.complete()
            ok = self._take("place_on_agenda", w.gov_clerk, meeting=meeting.pk)
            assert ok == expected, (self.state, self.done, self.risk, self.review_ok)
            if ok:
                self.state = "on_agenda"

        @invariant()
        def on_agenda_only_when_complete(self) -> None:
            if not hasattr(self, "case"):
                return
            self.case.refresh_from_db()
            assert self.case.state == self.state
            if self.case.state == "on_agenda":
                assert self.complete()
                assert missing_procedures(MajorDecision.objects.get(case=self.case)) == []

    run_state_machine_as_test(
        Decisions,
        settings=settings(
            max_examples=15,
            stateful_step_count=14,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )


def test_the_agenda_refusal_names_each_missing_step_and_its_article(world: World) -> None:
    from fazhi.core.casework.workflow import register_case

    w = world
    case = register_case(
        "major_decision",
        w.people.alice,
        {"item": w.item.pk, "title": "决策", "draft": "草案"},
        on=date(2019, 9, 2),
    )
    meeting = Meeting.objects.create(
        government=w.org.city,
        kind="executive",
        session="第1次",
        held_on=date(2019, 12, 30),
        chair="市长",
    )
    try:
        take(
            case, "place_on_agenda", w.gov_clerk, data={"meeting": meeting.pk}, on=date(2019, 9, 3)
        )
    except TransitionError as refused:
        named = {(r.missing_step, r.basis) for r in refused.refusals}
    else:
        raise AssertionError("a draft with no procedure done went on the agenda")
    assert named == {
        ("open_consultation", "重大行政决策程序暂行条例 第十四条、第十五条"),
        ("expert_review", "重大行政决策程序暂行条例 第十九条"),
        ("risk_assessment", "重大行政决策程序暂行条例 第二十二条、第二十四条"),
        ("submit_review", "重大行政决策程序暂行条例 第二十五条"),
    }
