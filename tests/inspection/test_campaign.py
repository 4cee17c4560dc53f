"""A campaign walks its steps: pools frozen, commitments published, reveals, the draw, the
verification and the results' publication; refusals name what is missing."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from fazhi.core.casework.workflow import TransitionError
from fazhi.core.disclosure.models import Publication
from fazhi.core.org.models import Entity
from fazhi.core.org.scoping import scoped
from fazhi.core.org.validators import make_uscc
from fazhi.domains.inspection import services
from fazhi.domains.inspection.choices import CampaignState
from fazhi.domains.inspection.models import (
    Assignment,
    Campaign,
    Conflict,
    PoolSnapshot,
    SeedCommitment,
    Target,
)

from . import independent_draw
from .conftest import FROZEN_AT, World

pytestmark = pytest.mark.django_db


def committed(world: World, people: Any) -> dict[str, str]:
    """Frozen, two officials committed (alice and the supervisor carol as witness),
    published; returns their secrets."""
    campaign = world.campaign
    services.freeze_pools(campaign, FROZEN_AT, actor=people.alice)
    secrets = {}
    for who in (people.alice, people.carol):
        secrets[who.username] = services.new_secret()
        services.commit(
            campaign, who, hashlib.sha256(bytes.fromhex(secrets[who.username])).hexdigest()
        )
    services.publish_commitments(campaign, actor=people.alice, on=date(2019, 4, 2))
    return secrets


def drawn(world: World, people: Any, *, withhold: bool = False) -> Campaign:
    secrets = committed(world, people)
    campaign = world.campaign
    services.reveal(campaign, people.alice, secrets["alice"])
    if not withhold:
        services.reveal(campaign, people.carol, secrets["carol"])
    services.run_draw(campaign, actor=people.alice, on=date(2019, 4, 3))
    campaign.refresh_from_db()
    return campaign


def test_the_pools_are_frozen_with_their_digests_and_strata(world: World, people: Any) -> None:
    pools = services.freeze_pools(world.campaign, FROZEN_AT, actor=people.alice)
    assert pools.strata == {"A": 10, "B": 10, "C": 10, "D": 10, "未分类": 3}
    assert pools.inspector_count == 6  # the expired and the other department's are out
    assert hashlib.sha256(pools.file("entities")).hexdigest() == pools.entities_digest
    text = pools.file("entities").decode()
    # The entity reclassified to D after the freeze is still in A.
    assert world.entities[0].uscc in text.split("stratum B")[0]
    assert pools.file("conflicts").decode() == (
        f"{world.officers[2].credential_no} {world.entities[5].uscc}\n"
    )


def test_an_entity_registered_after_the_freeze_is_not_in_the_pool(
    world: World, org: Any, people: Any
) -> None:
    late, on_the_day = (
        Entity.objects.create(
            uscc=make_uscc(f"91420704MA4G{i:05d}"),
            name=f"鄂州市新设第{i}商贸有限公司",
            kind="company",
            industry="F",
            region=org.district,
            registered_on=day,
        )
        for i, day in enumerate((FROZEN_AT.date() + timedelta(days=1), FROZEN_AT.date()))
    )
    pools = services.freeze_pools(world.campaign, FROZEN_AT, actor=people.alice)
    # Both unclassified: the one registered on the freeze day joins the three of the world.
    assert pools.strata["未分类"] == 4
    text = pools.file("entities").decode()
    assert on_the_day.uscc in text
    assert late.uscc not in text


def test_a_campaign_that_cannot_be_staffed_is_refused_before_the_draw(
    world: World, people: Any
) -> None:
    from fazhi.domains.inspection.choices import ConflictKind

    for officer in [world.officers[1], *world.officers[3:]]:
        Conflict.objects.create(
            officer=officer,
            entity=world.entities[5],
            kind=ConflictKind.INTEREST,
            recorded_on=date(2019, 1, 5),
        )
    with pytest.raises(TransitionError) as err:
        services.freeze_pools(world.campaign, FROZEN_AT, actor=people.alice)
    message = str(err.value)
    assert (
        world.entities[5].uscc in message and "回避" in message and "国办发〔2024〕54号" in message
    )
    assert not PoolSnapshot.objects.exists()


def test_steps_out_of_order_are_refused_with_the_missing_step(world: World, people: Any) -> None:
    with pytest.raises(TransitionError, match="尚未冻结名录库"):
        services.publish_commitments(world.campaign, actor=people.alice)
    with pytest.raises(TransitionError, match="须先公布规则"):
        services.run_draw(world.campaign, actor=people.alice)
    with pytest.raises(TransitionError, match="经办人或负责人"):
        services.freeze_pools(world.campaign, FROZEN_AT, actor=people.bob)


def test_the_commitments_are_published_before_the_draw(world: World, people: Any) -> None:
    committed(world, people)
    campaign = Campaign.objects.get(pk=world.campaign.pk)
    assert campaign.state == CampaignState.COMMITTED
    pub = Publication.objects.get(kind=services.PUBLICATION_KIND_PLAN)
    pools = PoolSnapshot.objects.get(campaign=campaign)
    assert pub.payload["digests"]["entities"] == pools.entities_digest
    assert len(pub.payload["digests"]["commitments"]) == 2
    assert pub.payload["抽查比例（‰）"]["C"] == 500
    assert "抽查对象" not in pub.payload  # nothing of the targets before the draw
    with pytest.raises(TransitionError, match="不能再增加承诺值"):
        services.commit(campaign, people.henry, "0" * 64)


def test_the_draw_takes_the_stated_count_per_stratum_and_verifies(
    world: World, people: Any
) -> None:
    campaign = drawn(world, people)
    assert campaign.state == CampaignState.DRAWN
    strata = dict((s, Target.objects.filter(campaign=campaign, stratum=s).count()) for s in "ABCD")
    assert strata == {"A": 1, "B": 2, "C": 5, "D": 10}  # ⌈10·r/1000⌉
    assert not Target.objects.filter(stratum="未分类").exists()
    for target in Target.objects.filter(campaign=campaign):
        team = list(target.assignments.values_list("officer_id", flat=True))
        assert len(set(team)) == 2
        assert not Conflict.objects.filter(entity=target.entity, officer_id__in=team).exists()
    check = services.verify(campaign)
    assert check.ok, check.problems
    assert check.targets == 18


def test_a_withheld_reveal_counts_as_empty_and_still_verifies(world: World, people: Any) -> None:
    campaign = drawn(world, people, withhold=True)
    assert services.counted_reveals(campaign).count("") == 1
    assert services.verify(campaign).ok


def test_verify_notices_a_changed_team(world: World, people: Any) -> None:
    campaign = drawn(world, people)
    row = Assignment.objects.filter(target__campaign=campaign).order_by("id").first()
    assert row is not None
    # Swap in an officer not already on that target's team (the team's pairs are unique).
    team = set(Assignment.objects.filter(target=row.target_id).values_list("officer_id", flat=True))
    others = [o for o in world.officers if o.pk not in team]
    Assignment.objects.filter(pk=row.pk).update(officer=others[-1])
    check = services.verify(campaign)
    assert not check.ok and "第1户不符" in str(check)
    with pytest.raises(TransitionError, match="核验不一致"):
        services.publish_results(campaign, actor=people.alice)


def test_the_independent_verifier_reproduces_the_apps_draw(
    world: World, people: Any, tmp_path: Path
) -> None:
    campaign = drawn(world, people, withhold=True)
    for name, data in services.published_files(campaign).items():
        (tmp_path / name).write_bytes(data)
    assert independent_draw.verify(tmp_path) is None
    (tmp_path / "reveals.txt").write_text("00" * 32 + "\n\n")
    assert independent_draw.verify(tmp_path) is not None


def test_the_results_are_published_with_the_seed_and_targets(world: World, people: Any) -> None:
    campaign = drawn(world, people)
    services.publish_results(campaign, actor=people.alice, on=date(2019, 5, 20))
    pub = Publication.objects.get(kind=services.PUBLICATION_KIND_RESULT)
    assert pub.payload["digests"]["seed"] == services.seed_of(campaign).hex()
    codes = [row[0] for row in pub.payload["抽查对象"]]
    assert codes == list(
        Target.objects.filter(campaign=campaign)
        .order_by("rank")
        .values_list("entity__uscc", flat=True)
    )
    assert Campaign.objects.get(pk=campaign.pk).state == CampaignState.RESULTS_PUBLISHED


def test_targets_stay_secret_until_the_results_are_published(world: World, people: Any) -> None:
    campaign = drawn(world, people)
    total = Target.objects.filter(campaign=campaign).count()
    mine = Target.objects.filter(assignments__officer__staff=world.ivan).count()
    assert scoped(people.alice, Target).count() == total  # the department's clerk
    assert scoped(people.carol, Target).count() == 0  # the supervisor: not before publication
    assert scoped(people.bob, Target).count() == 0  # another department
    assert scoped(world.ivan, Target).count() == mine  # an inspector: his own targets
    assert scoped(world.ivan, Assignment).count() == mine * 2
    assert scoped(people.carol, SeedCommitment).count() == 1  # only her own commitment
    assert scoped(people.alice, Target, "change").count() == total
    assert scoped(world.ivan, Target, "change").count() == 0
    services.publish_results(campaign, actor=people.alice)
    assert scoped(people.carol, Target).count() == total
    assert scoped(people.bob, Target).count() == 0


def test_the_portal_page_shows_the_commitments_then_the_verified_results(
    client: Any, world: World, people: Any, tmp_path: Path
) -> None:
    secrets = committed(world, people)
    campaign = world.campaign
    url = f"/inspection/draws/{campaign.code}/"
    page = client.get(url).content.decode()
    pools = PoolSnapshot.objects.get(campaign=campaign)
    assert pools.entities_digest in page and "检查不预先通知" in page
    assert world.entities[0].uscc not in page  # no target, no pool before the results
    assert client.get(url + "files/entities.txt").status_code == 404
    for who in (people.alice, people.carol):
        services.reveal(campaign, who, secrets[who.username])
    services.run_draw(campaign, actor=people.alice)
    assert "抽查对象与检查人员" not in client.get(url).content.decode()  # drawn: still secret
    services.publish_results(campaign, actor=people.alice)
    page = client.get(url).content.decode()
    assert "重算：一致（18 户）" in page and "50.0000%" in page  # stratum C: 5 of 10
    first = Target.objects.filter(campaign=campaign).order_by("rank").first()
    assert first is not None and first.entity.uscc in page
    for name in (
        "manifest.txt",
        "reveals.txt",
        "entities.txt",
        "inspectors.txt",
        "conflicts.txt",
        "result.txt",
    ):
        response = client.get(url + f"files/{name}")
        assert response.status_code == 200, name
        (tmp_path / name).write_bytes(response.content)
    assert independent_draw.verify(tmp_path) is None  # anyone can re-derive from the download
    found = client.get(url, {"uscc": first.entity.uscc}).content.decode()
    assert "在本次检查对象名录库中" in found and "本次被抽中" in found
    outside = client.get(url, {"uscc": world.entities[0].uscc.replace("MA4F00000", "MA4F99999")})
    assert "格式或校验位不正确" in outside.content.decode()


def test_fazhi_draw_verify_passes_and_exports(world: World, people: Any, tmp_path: Path) -> None:
    from io import StringIO

    from django.core.management import CommandError, call_command

    from fazhi import registry

    assert registry.REGISTRY.commands["draw"].manage == "fazhi_draw"
    campaign = drawn(world, people)
    out = StringIO()
    call_command("fazhi_draw", "verify", campaign.code, export=str(tmp_path), stdout=out)
    assert "核验一致：18 户" in out.getvalue()
    assert independent_draw.verify(tmp_path) is None
    Target.objects.filter(campaign=campaign, rank=0).update(stratum="X")
    with pytest.raises(CommandError, match="核验不一致"):
        call_command("fazhi_draw", "verify", campaign.code)
    with pytest.raises(CommandError, match="没有编号"):
        call_command("fazhi_draw", "verify", "no-such")
