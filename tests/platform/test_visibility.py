"""The leak test: as each persona, every list, detail, export, search, filter-choice and picker
endpoint (back office, admin, API, portal) shows no record outside what docs/visibility.md
allows that persona. The allowed sets are computed here from the documented rules, not by the
scoping code under test."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from openpyxl import load_workbook
from rest_framework.test import APIClient

from fazhi.core.casework import deadlines
from fazhi.core.casework.models import Case, Document, Notification, Participant, Party
from fazhi.core.casework.services import link_cases, void_number
from fazhi.core.casework.workflow import open_case, take
from fazhi.core.disclosure.gate import publish, withdraw
from fazhi.core.integrity.audit import record
from fazhi.core.org.choices import ADMIN_ROLES, PERSONAL_ROLES, SUPERVISORY_ROLES, Role
from fazhi.core.org.models import (
    AdviserAssignment,
    ApiToken,
    CredentialEvent,
    LegalAdviser,
    Officer,
    OrgUnit,
    Person,
    Region,
    RiskClassification,
)
from fazhi.core.org.tokens import create_token
from fazhi.domains.lists import complaints, services
from fazhi.domains.lists import models as lists
from fazhi.domains.lists.queries import LISTS
from fazhi.shell.office import resources

from ..casework import kinds  # noqa: F401
from ..conftest import make_entity

pytestmark = pytest.mark.django_db

DOC = Path(__file__).resolve().parents[2] / "docs" / "visibility.md"


def documented_rules() -> dict[str, str]:
    text = DOC.read_text(encoding="utf-8")
    table = text.split("<!-- visibility-table", 1)[1]
    rules = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and re.fullmatch(r"\w+\.\w+", cells[0]):
            rules[cells[0]] = cells[2]
    return rules


RULES = documented_rules()


class Allowed:
    """What a persona may see under the documented rules, evaluated in plain Python."""

    def __init__(self, user: Any) -> None:
        self.user = user
        rows = list(user.role_rows()) if user.is_authenticated else []
        self.direct = {
            r.org_unit_id
            for r in rows
            if r.role not in ADMIN_ROLES | PERSONAL_ROLES | SUPERVISORY_ROLES
        }
        self.prefixes = [r.org_unit.government.path for r in rows if r.role in SUPERVISORY_ROLES]
        self.business = any(r.role not in ADMIN_ROLES for r in rows)
        # Clerks of a justice bureau reach the credentials of their government's subtree.
        self.justice = [
            r.org_unit.government.path
            for r in rows
            if r.role == Role.CLERK and r.org_unit.code.endswith("-SFJ")
        ]
        self.audit_admin = any(r.role == Role.AUDIT_ADMIN for r in rows)
        self.security_or_audit = any(
            r.role in (Role.SECURITY_ADMIN, Role.AUDIT_ADMIN) for r in rows
        )

    def unit(self, unit: OrgUnit | None) -> bool:
        if unit is None:
            return False
        return unit.pk in self.direct or any(unit.path.startswith(p) for p in self.prefixes)

    def case(self, case: Any) -> bool:
        if case is None:
            return False
        for p in Participant.objects.filter(case=case).select_related("org_unit"):
            if self.unit(p.org_unit) or (p.staff_id and p.staff_id == self.user.pk):
                return True
        return False

    def record(self, obj: Any) -> bool:
        rule = RULES[obj._meta.label]
        kind, _, arg = rule.partition(":")
        if kind == "public":
            return True
        if kind == "reference":
            return self.business
        if kind == "audit-admin":
            return self.audit_admin
        if kind == "none":
            return False
        if kind == "self-or-security":
            owner = resolve(obj, arg)
            return self.security_or_audit or (owner is not None and owner.pk == self.user.pk)
        if kind == "owner":
            return self.unit(resolve(obj, arg))
        if kind == "owners":
            return any(self.unit(resolve(obj, path)) for path in arg.split(","))
        if kind == "owner-or-justice-bureau":
            unit = resolve(obj, arg)
            return self.unit(unit) or any(unit.path.startswith(p) for p in self.justice)
        if kind == "participants":
            return self.case(obj if arg == "self" else resolve(obj, arg))
        if kind == "published-or-owner":
            unit, state = arg.split(":")
            return resolve(obj, state) in ("in_force", "cancelled") or self.unit(resolve(obj, unit))
        if kind == "result-or-owner":
            unit, publication = arg.split(":")
            pub = resolve(obj, publication)
            published = pub is not None and not hasattr(pub, "withdrawal")
            return published or self.unit(resolve(obj, unit))
        if kind == "owner-or-party":
            if self.unit(resolve(obj, arg)):
                return True
            return any(self.case(p.case) for p in Party.objects.filter(person=obj))
        if kind == "recipient":
            return self.user.is_authenticated and resolve(obj, arg) == self.user
        if kind == "owner-or-participants":
            owner, case = arg.split(":")
            return self.unit(resolve(obj, owner)) or self.case(resolve(obj, case))
        if kind == "secret-until-published":
            campaign_path, persons = arg.split(":")
            campaign = resolve(obj, campaign_path)
            managing = {
                r.org_unit_id
                for r in (self.user.role_rows() if self.user.is_authenticated else [])
                if r.role not in ADMIN_ROLES | PERSONAL_ROLES | SUPERVISORY_ROLES
                and r.role != Role.OFFICER
            }
            if campaign.department_id in managing:
                return True
            if self.user.is_authenticated and self.user in resolve_many(obj, persons):
                return True
            return campaign.state == "results_published" and self.unit(campaign.department)
        raise AssertionError(f"unknown rule {rule!r}")

    def ids(self, model: Any) -> set[int]:
        return {o.pk for o in model._default_manager.all() if self.record(o)}


def _cell(value: Any) -> str:
    """A cell as text, so a value read back from Excel compares with the screen's."""
    return "" if value is None else str(value)


def resolve(obj: Any, path: str) -> Any:
    for part in path.split("."):
        obj = getattr(obj, part)
        if obj is None:
            return None
    return obj


def resolve_many(obj: Any, path: str) -> list[Any]:
    """``resolve`` where a step marked ``*`` is a many-valued relation."""
    found = [obj]
    for part in path.split("."):
        many = part.endswith("*")
        step = []
        for o in found:
            value = getattr(o, part.rstrip("*"))
            step += list(value.all()) if many else ([] if value is None else [value])
        found = step
    return found


@pytest.fixture
def world(org, people):  # type: ignore[no-untyped-def]
    """Records of every kind, spread over the city, a district and a personal assignment."""
    city_case = open_case("test", number="SCJG-1", title="市局案件", owner=org.scjg)
    open_case("test", number="STHJ-1", title="生态案件", owner=org.sthj)
    district_case = open_case("test", number="EC-1", title="区局案件", owner=org.ec_scjg)
    open_case(
        "test",
        number="JOINT-1",
        title="联合检查",
        owner=org.scjg,
        extra_participants=[(org.sthj, "co_inspector")],
    )
    fy = open_case("test", number="FY-1", title="复议案件", owner=org.sfj)
    Participant.objects.create(case=fy, staff=people.erin, role="committee_member")
    deadlines.start_deadline(city_case, "penalty.decision", date(2019, 9, 20))
    deadlines.start_deadline(district_case, "penalty.decision", date(2019, 9, 20))
    for unit, name in [(org.scjg, "王五"), (org.sthj, "赵六"), (org.ec_scjg, "孙七")]:
        person = Person.objects.create(
            name=name, id_number="420704199001011231", phone="13871234567", owner_unit=unit
        )
        officer = Officer.objects.create(
            person=person,
            department=unit,
            credential_no=f"C-{unit.pk}",
            status="issued",
            valid_until=date(2030, 1, 1),
        )
        CredentialEvent.objects.create(
            officer=officer,
            action="issue",
            on=date(2019, 6, 1),
            from_status="qualified",
            to_status="issued",
        )
    Party.objects.create(case=city_case, role="party", person=Person.objects.first())
    # A link gives the reviewing body sight of the decision; a number voided; notifications.
    link_cases(fy, district_case, "reviews")
    take(city_case, "submit", people.alice, on=date(2019, 9, 21))
    void_number(city_case, "立案错误", actor=people.alice)
    for staff in (people.alice, people.bob):
        Notification.objects.create(
            recipient=staff, kind="awaiting", case=city_case, title=f"给{staff.username}的提醒"
        )
    Document.objects.create(
        case=district_case,
        owner_unit=org.ec_scjg,
        kind="决定书",
        title="处罚决定书",
        file="x.docx",
        sha256="0" * 64,
        size=1,
    )
    Document.objects.create(
        owner_unit=org.sthj, kind="通知", title="内部通知", file="y.docx", sha256="1" * 64, size=1
    )
    entity = make_entity(org)
    RiskClassification.objects.create(
        entity=entity, scheme="市场监管", risk_class="B", as_of=date(2019, 12, 31), source="测试"
    )
    region = Region.objects.create(kind="village", name="测试村", government=org.district)
    adviser = LegalAdviser.objects.create(name="律师甲", kind="lawyer", owner_unit=org.sfj)
    AdviserAssignment.objects.create(adviser=adviser, region=region, start=date(2019, 4, 1))
    pub = publish(kind="行政处罚决定", title="公开一", org_unit=org.scjg, fields={"a": "b"})
    publish(kind="行政处罚决定", title="公开二", org_unit=org.ec_scjg, fields={"a": "c"})
    withdraw(pub, reason="撤销")
    record("login", staff=people.alice)
    for staff in (people.alice, people.bob, people.sam):
        create_token(staff, f"{staff.username} 的令牌")
    list_records(org, region)
    city_records(org)
    return org


def city_records(org):  # type: ignore[no-untyped-def]
    """A city matter and an overload check of a department; a hotline order received by one
    unit (the justice bureau stands in for the hotline centre) and dispatched to another."""
    from datetime import datetime, timedelta, timezone

    from fazhi.domains.enforcement.models import HotlineOrder, OverloadCheck, UrbanMatter

    at = datetime(2019, 5, 1, 8, tzinfo=timezone(timedelta(hours=8)))

    UrbanMatter.objects.create(
        department=org.ec_scjg,
        record_no="CG-1",
        kind="illegal_ad",
        place="南浦路1号",
        found_on=date(2019, 5, 1),
    )
    OverloadCheck.objects.create(
        department=org.sthj,
        station="樊口治超站",
        record_no="ZC-1",
        plate="鄂G12345",
        checked_at=at,
        axles=2,
        gross_kg=20000,
        limit_kg=18000,
        overloaded=True,
    )
    HotlineOrder.objects.create(
        order_no="12345-1",
        received_by=org.sfj,
        received_at=at,
        appeal_kind="complaint",
        subject="占道经营",
        content="店外占道",
        caller_name="王女士",
        caller_phone="13871234567",
        department=org.ec_scjg,
        assigned_on=date(2019, 5, 1),
        reply_due=date(2019, 5, 10),
        due_basis="5个工作日",
        source="file",
    )


def list_records(org, region):  # type: ignore[no-untyped-def]
    """Entries of every list: published and draft, in the city and the district."""

    def item(model, unit, name, draft=False, **fields):  # type: ignore[no-untyped-def]
        return services.create_item(
            model,
            department=unit,
            valid_from=date(2019, 1, 1),
            fields={"name": name, **fields},
            draft=draft,
        )

    entry = item(
        lists.NegativeListItem,
        org.scjg,
        "食品经营",
        edition="2019年版",
        number="1",
        kind="licensed",
        measure="食品经营许可",
    )
    licence = item(
        lists.PowerItem, org.scjg, "食品经营许可", kind="licensing", negative_entry=entry
    )
    item(lists.PowerItem, org.scjg, "市局草稿许可", draft=True, kind="licensing")
    item(lists.PowerItem, org.ec_scjg, "区局许可", kind="licensing")
    draft = item(lists.PowerItem, org.ec_scjg, "区局草稿许可", draft=True, kind="licensing")
    # Published by amending the draft: the item is public, its first version stays private.
    amended = item(lists.PowerItem, org.ec_scjg, "区局修改后公布", draft=True, kind="licensing")
    services.record(amended, "amend", valid_from=date(2019, 2, 1), reason="审定公布")
    penalty = item(lists.PowerItem, org.scjg, "某处罚", kind="penalty")
    for power, code in [(licence, "G-PUB"), (draft, "G-DRAFT")]:
        guide = lists.ServiceGuide.objects.create(power_item=power, code=code, sub_item="新办")
        lists.GuideMaterial.objects.create(guide=guide, name="申请书", source="applicant")
    proof = item(
        lists.ProofRequirement,
        org.scjg,
        "居住证明",
        status="cancelled",
        issuer="社区",
        community_issued=True,
    )
    item(lists.FeeItem, org.scjg, "检验费", standard="100元")
    lists.DiscretionFactor.objects.create(code="first_offence", label="初次违法", kind="boolean")
    for unit, draft_bench in [(org.scjg, False), (org.ec_scjg, True)]:
        bench = item(
            lists.DiscretionBenchmark,
            unit,
            "裁量基准",
            draft=draft_bench,
            power_item=penalty,
            violation="违法行为",
            penalty_basis="依据",
        )
        lists.DiscretionTier.objects.create(
            version=bench.current_version(), order=1, label="从轻", article="第一档"
        )
    item(
        lists.NoPenaltyItem,
        org.scjg,
        "首违免罚",
        power_item=penalty,
        violation="首次",
        conditions=[{"factor": "first_offence", "value": True}],
    )
    cleanup = lists.FeeCleanup.objects.create(
        title="未公开的清理", department=org.scjg, concluded_on=date(2019, 10, 1)
    )
    lists.FeeDocumentReview.objects.create(cleanup=cleanup, title="收费文件", outcome="repeal")
    complaints.receive(
        handler=org.sfj,
        proof=proof,
        demanded_by="某机构",
        description="仍要求开具",
        region=region,
        received_on=date(2019, 8, 1),
    )


PERSONAS = ["alice", "bob", "carol", "dave", "erin", "sam", "audrey", "ellen", "june", "public"]


def persona(people, name):  # type: ignore[no-untyped-def]
    return AnonymousUser() if name == "public" else getattr(people, name)


def signed_in(client, user):  # type: ignore[no-untyped-def]
    client.logout()
    if user.is_authenticated:
        client.force_login(user)
    return client


@pytest.mark.parametrize("name", PERSONAS)
def test_back_office_screens_show_nothing_outside_the_rules(client, people, world, name) -> None:
    user = persona(people, name)
    allowed = Allowed(user)
    signed_in(client, user)
    for res in resources.REGISTRY.values():
        model = res.model
        ok = allowed.ids(model)
        base = f"/office/r/{res.slug}/"
        listing = client.get(base)
        if not user.is_authenticated:
            assert listing.status_code == 302, res.slug
            continue
        shown = {pk for pk, _ in listing.context["rows"]}
        assert shown <= ok, f"{name} sees {res.slug} {shown - ok}"
        if not res.exact_search:
            assert shown == ok, f"{name} misses {res.slug} {ok - shown}"
        for obj in model._default_manager.all():
            status = client.get(f"{base}{obj.pk}/").status_code
            assert status == (200 if obj.pk in ok else 404), f"{name} {res.slug} {obj.pk}"
        # The export holds exactly the rows of the (checked) listing, cell for cell.
        sheet = load_workbook(io.BytesIO(client.get(f"{base}export/").content)).active
        exported = {
            tuple(_cell(c) for c in row) for row in sheet.iter_rows(min_row=2, values_only=True)
        }
        listed = {tuple(_cell(c) for c in cells) for _, cells in listing.context["rows"]}
        assert exported == listed, f"{name} exports {res.slug} {exported ^ listed}"
        # Search with terms taken from records both inside and outside the persona's scope:
        # what is found is allowed, and (for substring search) an allowed match is found.
        for sample in list(model._default_manager.all()[:4]):
            term = search_term(sample, res)
            if not term:
                continue
            found = {pk for pk, _ in client.get(base, {"q": term}).context["rows"]}
            assert found <= ok, f"{name} finds {res.slug} {found - ok}"
            if sample.pk in ok and len(found) < res.model._default_manager.count():
                assert sample.pk in found, f"{name} cannot find own {res.slug} {sample.pk}"
            picked = {r["id"] for r in client.get(f"{base}picker/", {"q": term}).json()["results"]}
            assert picked <= ok, f"{name} picks {res.slug} {picked - ok}"
        for field in res.filter_fields:
            values = {
                str(r["id"])
                for r in client.get(f"{base}choices/", {"field": field}).json()["results"]
            }
            visible = {
                str(resolve_value(o, field, res))
                for o in model._default_manager.all()
                if o.pk in ok
            }
            assert values <= visible, f"{name} choices {res.slug}.{field}: {values - visible}"


def search_term(record: Any, res: Any) -> str:
    """The value of the resource's first search field on ``record`` (what a user would type)."""
    if not res.search_fields:
        return ""
    value: Any = record
    for part in res.search_fields[0].split("__"):
        value = getattr(value, part, None)
        if value is None:
            return ""
    return str(value)


def resolve_value(obj: Any, field: str, res: Any) -> Any:
    """The value the filter matches ``obj`` by: the field's, or for a foreign key the related
    record's field the filter is declared on (its id, or e.g. a department's 机构代码)."""
    f = obj._meta.get_field(field)
    to_field = res.filterset.base_filters[field].extra.get("to_field_name")
    if f.is_relation and to_field and getattr(obj, f.attname) is not None:
        return getattr(getattr(obj, field), to_field)
    return getattr(obj, f.attname)


def api_lists() -> dict[str, str]:
    """Every list endpoint of the API, discovered from the routes the apps registered (no hand
    list: a new domain's endpoints are checked as soon as it registers them)."""
    from fazhi import registry

    return {
        prefix: route.viewset.queryset.model._meta.label
        for prefix, route in sorted(registry.REGISTRY.api.items())
    }


@pytest.mark.parametrize("name", PERSONAS)
def test_api_lists_show_nothing_outside_the_rules(people, world, name) -> None:
    user = persona(people, name)
    allowed = Allowed(user)
    client = APIClient()
    if user.is_authenticated:
        # Through a real token of the persona: a token acts with its staff member's roles.
        key = create_token(user, "泄露测试").key
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    lists = api_lists()
    assert {"cases", "power-items", "publications"} <= set(lists)
    for path, label in lists.items():
        model = apps.get_model(label)
        response = client.get(f"/api/{path}/", {"page_size": 1000})
        if response.status_code in (401, 403):
            assert not user.is_authenticated or not allowed.ids(model), f"{name} refused {path}"
            continue
        shown = {row["id"] for row in response.json()["results"]}
        ok = allowed.ids(model)
        assert shown <= ok, f"{name} sees /api/{path}/ {shown - ok}"
        for obj in model._default_manager.all():
            status = client.get(f"/api/{path}/{obj.pk}/").status_code
            expected = (200,) if obj.pk in ok else (401, 403, 404)
            assert status in expected, f"{name} /api/{path}/{obj.pk}/ → {status}"


@pytest.mark.parametrize("name", ["sam", "audrey", "carol", "alice"])
def test_admin_changelists_show_nothing_outside_the_rules(client, people, world, name) -> None:
    from django.contrib.auth.models import Permission

    user = persona(people, name)
    user.is_staff = True
    user.save()
    if name in ("carol", "alice"):
        # Business staff given admin access and every view permission: the admin must still
        # show them only what their scope allows.
        user.user_permissions.add(*Permission.objects.filter(codename__startswith="view_"))
    allowed = Allowed(user)
    signed_in(client, user)
    checked = 0
    for model in admin.site._registry:
        if model._meta.label not in RULES:
            continue
        meta = model._meta
        response = client.get(f"/admin/{meta.app_label}/{meta.model_name}/")
        if response.status_code != 200:
            continue
        shown = {o.pk for o in response.context["cl"].result_list}
        ok = allowed.ids(model)
        assert shown <= ok, f"{name} sees admin {meta.label} {shown - ok}"
        checked += bool(shown)
    if name in ("carol", "alice"):
        assert checked > 3, "the admin check saw no business records: it would prove nothing"


@pytest.mark.parametrize("name", ["alice", "ellen", "carol", "dave", "public"])
def test_list_pages_show_nothing_outside_the_rules(client, people, world, name) -> None:
    """The lists' portal pages: listings, item pages with their history, guides, exports."""
    user = persona(people, name)
    allowed = Allowed(user)
    signed_in(client, user)
    for spec in LISTS.values():
        items, versions = allowed.ids(spec.model), allowed.ids(spec.version_model)
        base = f"/lists/{spec.path}/"
        for params in ({"state": "all"}, {"on": "2019-06-30"}):
            shown = {v.item_id for v, _ in client.get(base, params).context["rows"]}
            assert shown <= items, f"{name} sees {base} {shown - items}"
            sheet = load_workbook(io.BytesIO(client.get(f"{base}export/", params).content))
            codes = {row[0] for row in sheet.active.iter_rows(min_row=2, values_only=True)}
            allowed_codes = set(
                spec.model._default_manager.filter(pk__in=items).values_list("code", flat=True)
            )
            assert codes <= allowed_codes, f"{name} exports {base} {codes - allowed_codes}"
            listed = {v.item.code for v, _ in client.get(base, params).context["rows"]}
            assert codes == listed, f"{name} exports other rows than {base} lists"
        changes = client.get(base, {"from": "2018-01-01", "to": "2019-12-31"}).context["changes"]
        assert {row["version"].item_id for row in changes} <= items, f"{name} changes {base}"
        for obj in spec.model._default_manager.all():
            response = client.get(f"{base}{obj.code}/")
            assert response.status_code == (200 if obj.pk in items else 404), f"{name} {obj}"
            if response.status_code == 200:
                history = {v.pk for v in response.context["history"]}
                assert history <= versions, f"{name} sees history {history - versions}"
    guides = allowed.ids(lists.ServiceGuide)
    for guide in lists.ServiceGuide.objects.all():
        for path in (f"/lists/guides/{guide.code}/", f"/lists/guides/{guide.code}/docx/"):
            status = client.get(path).status_code
            assert status == (200 if guide.pk in guides else 404), f"{name} {path}"


@pytest.mark.parametrize("name", PERSONAS)
def test_the_credential_screens_show_nothing_outside_the_rules(client, people, world, name) -> None:
    """/office/officers/: the list, each officer's page with its history, and its actions."""
    user = persona(people, name)
    allowed = Allowed(user)
    signed_in(client, user)
    listing = client.get("/office/officers/")
    if not user.is_authenticated:
        assert listing.status_code == 302
        return
    ok, events = allowed.ids(Officer), allowed.ids(CredentialEvent)
    assert {o.pk for o in listing.context["page"]} == ok, name
    for officer in Officer.objects.all():
        page = client.get(f"/office/officers/{officer.pk}/")
        assert page.status_code == (200 if officer.pk in ok else 404), f"{name} {officer.pk}"
        if page.status_code == 200:
            history = {e.pk for e in page.context["history"]}
            assert history and history <= events, f"{name} history {history - events}"


@pytest.mark.parametrize("name", PERSONAS)
def test_the_token_screen_shows_only_ones_own_tokens(client, people, world, name) -> None:
    """/office/tokens/ lists and revokes the persona's own tokens, nobody else's."""
    user = persona(people, name)
    signed_in(client, user)
    response = client.get("/office/tokens/")
    if not user.is_authenticated:
        assert response.status_code == 302
        return
    shown = {t.pk for t in response.context["tokens"]}
    assert shown == set(ApiToken.objects.filter(staff=user).values_list("pk", flat=True))
    for token in ApiToken.objects.exclude(staff=user):
        assert client.post(f"/office/tokens/{token.pk}/revoke/").status_code == 404
        token.refresh_from_db()
        assert token.revoked_at is None, f"{name} revoked {token}"


def test_the_portal_shows_only_current_publications(client, world) -> None:
    page = client.get("/").content.decode()
    assert "公开二" in page and "公开一" not in page


def test_every_scoped_model_is_documented() -> None:
    scoped = {
        m._meta.label for m in apps.get_models(include_auto_created=False) if hasattr(m, "scope")
    }
    missing = scoped - set(RULES)
    assert not missing, f"add these models to docs/visibility.md: {sorted(missing)}"


@pytest.mark.parametrize("name", PERSONAS)
def test_case_pages_steps_and_the_workbench_show_nothing_outside_the_rules(
    client, people, world, name
) -> None:
    user = persona(people, name)
    allowed = Allowed(user)
    signed_in(client, user)
    api = APIClient()
    if user.is_authenticated:
        api.force_authenticate(user)
    ok = allowed.ids(Case)
    for case in Case.objects.all():
        page = client.get(f"/office/cases/{case.pk}/").status_code
        steps = api.get(f"/api/cases/{case.pk}/steps/").status_code
        if not user.is_authenticated:
            assert (page, steps) == (302, 401) or steps == 403, f"{name} {case.pk}"
            continue
        expected = 200 if case.pk in ok else 404
        assert page == expected, f"{name} /office/cases/{case.pk}/ → {page}"
        assert steps == expected, f"{name} /api/cases/{case.pk}/steps/ → {steps}"
    if user.is_authenticated:
        home = client.get("/office/").content.decode()
        for note in Notification.objects.all():
            assert (note.title in home) == (note.recipient_id == user.pk), f"{name} {note.title}"


def test_every_list_endpoint_of_the_schema_is_checked(client) -> None:
    """The API's list endpoints in the OpenAPI schema are exactly those the leak test walks."""
    schema = client.get("/api/schema/", {"format": "json"}).json()
    listed = {
        path.strip("/").split("/")[1]
        for path, operations in schema["paths"].items()
        if path.count("/") == 3 and "get" in operations and "{" not in path
    }
    assert listed == set(api_lists())
