"""The portal's decisions page shows the catalog, the drafts for comment and the decisions as
the disclosure gate published them — nothing of a draft that was never published."""

from __future__ import annotations

from datetime import date

import time_machine

from fazhi.domains.decisions import catalog

from .conftest import consult, new_decision


def test_the_portal_lists_what_the_gate_published(client, world) -> None:
    w = world
    catalog.approve(w.catalog, on=date(2019, 2, 27), approval_ref="市委同意")
    catalog.publish_catalog(w.catalog, on=date(2019, 3, 5))
    unpublished = new_decision(w, title="未公开的决策草案")
    consulted = new_decision(w)
    consult(w, consulted)
    # During the comment period the draft is on the portal; it is published until it closes.
    with time_machine.travel(date(2019, 9, 20)):
        page = client.get("/decisions/").content.decode()
    assert (
        f"关于《{consulted.title}》公开征求意见" not in client.get("/decisions/").content.decode()
    )
    assert "鄂州市2019年度重大行政决策事项目录" in page
    assert f"关于《{consulted.title}》公开征求意见" in page
    assert unpublished.title not in page
