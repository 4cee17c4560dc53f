"""The leak test of docs/visibility.md over the supervision screens, with supervision records
in the world: every persona's list, detail and export of each screen show exactly what the
documented rule allows (evaluated by the platform leak test's own ``Allowed``)."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from openpyxl import load_workbook

from fazhi.core.casework.workflow import register_case
from fazhi.domains.enforcement import campaigns, filereview
from fazhi.shell.office import resources

from ..platform.test_visibility import PERSONAS, Allowed, _cell, persona, signed_in
from .test_file_review import ITEMS, collect_closed

pytestmark = pytest.mark.django_db

SLUGS = [
    "file-reviews",
    "file-review-departments",
    "reviewed-files",
    "file-problems",
    "supervision-opinions",
    "campaigns",
    "campaign-problems",
]


@pytest.fixture
def supervision_world(org: Any, people: Any) -> None:
    from fazhi.domains.enforcement.models import Checklist

    checklist = Checklist.objects.create(name="标准", owner_unit=org.sfj)
    filereview.new_checklist_version(checklist, date(2019, 1, 1), ITEMS)
    collect_closed(org.scjg, 4, "市监")
    collect_closed(org.sthj, 3, "环")
    collect_closed(org.ec_scjg, 3, "区监")
    city = filereview.start_review(
        owner_unit=org.sfj,
        title="市级评查",
        year=2019,
        seed="s",
        checklist=checklist,
        quotas={org.scjg: 2, org.sthj: 2},
        started_on=date(2019, 11, 1),
        actor=people.june,
    )
    filereview.start_review(
        owner_unit=org.ec_sfj,
        title="区级评查",
        year=2019,
        seed="t",
        checklist=checklist,
        quotas={org.ec_scjg: 2},
        started_on=date(2019, 11, 1),
    )
    for dr in city.departments.all():
        rf = dr.files.first()
        assert rf is not None
        filereview.record_problem(rf, "问题", on=date(2019, 11, 5), item_code="1")
    data = {
        "kind": "decision",
        "department": org.sthj.pk,
        "title": "监督决定",
        "findings": "问题",
        "requirements": "要求",
    }
    register_case("supervision", people.june, data, on=date(2019, 10, 8))
    for unit in (org.scjg, org.ec_scjg):
        c = campaigns.start_campaign(
            organiser=unit, topic=f"{unit.name}专项", field="药品", started_on=date(2019, 3, 1)
        )
        campaigns.add_problem(c, matter="事项", description="描述", found_on=date(2019, 4, 1))


def test_supervision_screens_show_exactly_what_the_rules_allow(
    client: Any, people: Any, supervision_world: None
) -> None:
    # One world, every persona in turn (a world per persona would be ten times the setup).
    for name in PERSONAS:
        check(client, persona(people, name), name)


def check(client: Any, user: Any, name: str) -> None:
    allowed = Allowed(user)
    signed_in(client, user)
    for slug in SLUGS:
        res = resources.get(slug)
        ok = allowed.ids(res.model)
        base = f"/office/r/{slug}/"
        listing = client.get(base)
        if not user.is_authenticated:
            assert listing.status_code == 302
            continue
        shown = {pk for pk, _ in listing.context["rows"]}
        assert shown == ok, f"{name} {slug}: shown {shown} allowed {ok}"
        for obj in res.model._default_manager.all():
            status = client.get(f"{base}{obj.pk}/").status_code
            assert status == (200 if obj.pk in ok else 404), f"{name} {slug} {obj.pk}"
        sheet = load_workbook(io.BytesIO(client.get(f"{base}export/").content)).active
        exported = {
            tuple(_cell(c) for c in row) for row in sheet.iter_rows(min_row=2, values_only=True)
        }
        listed = {tuple(_cell(c) for c in cells) for _, cells in listing.context["rows"]}
        assert exported == listed, f"{name} exports {slug}"
