"""Every model of the decisions domain is scoped as docs/visibility.md documents it: for each
persona, ``restrict`` yields exactly the records the documented rule allows (the rule evaluated
independently by the platform's leak test's ``Allowed``), and the back-office lists and their
Excel exports show nothing more."""

from __future__ import annotations

from datetime import date

from django.apps import apps

from fazhi.core.casework.workflow import take
from fazhi.core.org.models import Region
from fazhi.domains.decisions import advisers, catalog
from fazhi.domains.decisions.models import AdviserRound
from fazhi.domains.decisions.opinions import register_opinion
from tests.platform.test_visibility import RULES, Allowed

from .conftest import MEETING, PLACED, meeting, ready_for_agenda


def _records(w):
    catalog.approve(w.catalog, on=date(2019, 2, 27), approval_ref="市委同意")
    catalog.publish_catalog(w.catalog, on=date(2019, 3, 5))
    catalog.adjust(
        w.catalog,
        "amend",
        on=date(2019, 8, 1),
        reason="调整",
        item=w.item,
        changes={"planned": "2019年底"},
    )
    case = ready_for_agenda(w)
    m = meeting(w)
    d = case.major_decision
    d.hearings.create(
        held_on=date(2019, 9, 20),
        place="会议室",
        draft_published_on=date(2019, 9, 2),
        participants_published_on=date(2019, 9, 10),
        materials_delivered_on=date(2019, 9, 12),
        participants="代表",
    )
    take(case, "place_on_agenda", w.gov_clerk, data={"meeting": m.pk}, on=PLACED)
    take(
        case,
        "decide",
        w.gov_head,
        on=MEETING,
        data={
            "outcome": "adopted",
            "opinions": "副市长|同意|\n秘书长|不同意|",
            "head_opinion": "同意",
            "against_majority_reasons": "",
        },
    )
    take(case, "report_to_party", w.gov_clerk, data={"note": "已请示"}, on=date(2019, 11, 6))
    take(case, "publish", w.gov_clerk, on=date(2019, 11, 8))
    take(
        case,
        "report_implementation",
        w.people.alice,
        data={"summary": "执行中"},
        on=date(2019, 12, 1),
    )
    take(
        case,
        "post_evaluate",
        w.gov_clerk,
        data={"evaluator": "省社科院", "trigger": "必要", "findings": "良好"},
        on=date(2019, 12, 30),
    )
    register_opinion(
        kind="legal_opinion",
        subject_kind="agreement",
        subject="生态局协议",
        requester=w.org.sthj,
        author_unit=w.org.sfj,
        received_on=date(2019, 5, 1),
        issued_on=date(2019, 5, 8),
        conclusion="no_objection",
        summary="可",
    )
    village = Region.objects.create(kind="village", name="泽林村", government=w.org.district)
    third = AdviserRound.objects.create(
        owner_unit=w.org.sfj, number=3, name="第三轮", start=date(2019, 4, 1)
    )
    for kw in ({"region": village, "round": third}, {"org_unit": w.org.sthj}):
        contract = advisers.sign_contract(
            w.adviser,
            contract_no=f"C{len(kw)}",
            signed_on=date(2019, 1, 1),
            start=date(2019, 4, 1),
            end=date(2099, 1, 1),
            **kw,
        )
        advisers.log_work(contract.assignment, on=date(2019, 6, 1), kind="review", summary="审查")
        advisers.evaluate(contract.assignment, year=2019, grade="competent", on=date(2019, 12, 1))
    advisers.leave_message(
        village, name="张三", phone="13871234567", message="咨询", on=date(2019, 6, 1)
    )


def test_each_decisions_model_is_scoped_as_documented(world) -> None:
    w = world
    _records(w)
    models = list(apps.get_app_config("decisions").get_models())
    assert {m._meta.label for m in models} <= set(RULES)
    personas = [*w.people.all().values(), w.gov_clerk, w.gov_head, w.reviewer]
    for model in models:
        assert model._default_manager.exists(), model._meta.label
        for user in personas:
            seen = set(model._default_manager.restrict(user, "view").values_list("pk", flat=True))
            assert seen == Allowed(user).ids(model), (model._meta.label, user.username)


def test_the_lists_and_exports_show_nothing_outside_the_rules(client, world) -> None:
    w = world
    _records(w)
    from fazhi.shell.office.resources import REGISTRY

    slugs = [s for s, r in REGISTRY.items() if r.model._meta.app_label == "decisions"]
    assert len(slugs) >= 8
    for user in [w.people.alice, w.people.bob, w.people.june, w.gov_clerk, w.people.carol]:
        client.force_login(user)
        for slug in slugs:
            model = REGISTRY[slug].model
            allowed = Allowed(user).ids(model)
            response = client.get(f"/office/r/{slug}/export/")
            assert response.status_code in (200, 403), (slug, user.username)
            if response.status_code == 200:
                from io import BytesIO

                from openpyxl import load_workbook

                rows = list(load_workbook(BytesIO(response.content)).active.iter_rows())
                assert len(rows) - 1 == len(allowed), (slug, user.username)
