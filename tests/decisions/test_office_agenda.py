"""The meeting's agenda screen: a draft with its procedures incomplete is refused with each
missing step named; a complete one goes on the agenda."""

from __future__ import annotations

from datetime import date

import time_machine

from fazhi.domains.decisions.models import AgendaItem

from .conftest import meeting, new_decision, ready_for_agenda


def test_the_agenda_screen_refuses_an_incomplete_draft_naming_each_step(client, world) -> None:
    w = world
    incomplete = new_decision(w)
    complete = ready_for_agenda(w)
    m = meeting(w, held_on=date(2019, 11, 5))
    client.force_login(w.gov_clerk)
    with time_machine.travel(date(2019, 10, 28)):
        page = client.get(f"/office/decisions/meetings/{m.pk}/").content.decode()
        assert "已履行全部法定程序" in page and "未履行专家论证程序" in page
        refused = client.post(
            f"/office/decisions/meetings/{m.pk}/",
            {"decision": incomplete.major_decision.pk},
            follow=True,
        ).content.decode()
        for text in (
            "未履行公众参与程序",
            "未履行专家论证程序",
            "未履行风险评估程序",
            "未经合法性审查",
            "第二十五条",
        ):
            assert text in refused
        assert not AgendaItem.objects.filter(decision=incomplete.major_decision).exists()
        client.post(f"/office/decisions/meetings/{m.pk}/", {"decision": complete.major_decision.pk})
    assert AgendaItem.objects.get().decision == complete.major_decision
    complete.refresh_from_db()
    assert complete.state == "on_agenda"
    # The undertaking department cannot put its own draft on the government's agenda.
    client.force_login(w.people.alice)
    assert client.get(f"/office/decisions/meetings/{m.pk}/").status_code == 404
