"""The Ezhou 2019 scenario (``fazhi demo``): built small here (2,000 entities, 100 officers); the
org tree, places, advisers and personas are always full size."""

from __future__ import annotations

import io
import json
import stat
from collections import Counter
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from fazhi import registry
from fazhi.core.integrity.models import AuditEntry, SecurityEvent, SecurityEventKind
from fazhi.core.org.choices import Role
from fazhi.core.org.models import (
    AdviserAssignment,
    Department,
    Entity,
    Government,
    LegalAdviser,
    Officer,
    OrgUnit,
    Person,
    Region,
    RiskClassification,
    RoleAssignment,
    Staff,
)
from fazhi.core.org.validators import is_valid_id_number, is_valid_uscc
from fazhi.shell.scenario import accounts, data
from fazhi.shell.scenario.builder import BuildReport, build
from fazhi.shell.scenario.planning import (
    iter_entities,
    org_code,
    plan_advisers,
    plan_officers,
    plan_places,
    plan_units,
)

ENTITIES, OFFICERS = 2000, 100


@pytest.fixture
def var_dir(settings: Any, tmp_path: Any) -> Any:
    settings.VAR_DIR = tmp_path
    return tmp_path


@pytest.fixture
def scenario(db: Any, var_dir: Any) -> BuildReport:
    return build(seed=2019, entities=ENTITIES, officers=OFFICERS, stdout=io.StringIO(), lists=False)


def test_it_builds_the_org_tree_with_36_city_departments(scenario: BuildReport) -> None:
    city = Government.objects.get(code="420700000000")
    assert city.division_code == "420700000000" and city.level == "city"
    assert city.parent.code == "420000000000"
    assert Department.objects.filter(parent=city).count() == data.SEED_CITY_DEPARTMENTS
    districts = Government.objects.filter(parent=city, level="district")
    assert set(districts.values_list("short_name", flat=True)) == {"鄂城区", "华容区", "梁子湖区"}
    zones = Government.objects.filter(parent=city, level="zone")
    assert set(zones.values_list("code", flat=True)) == {"GDKFQ", "LKJJQ"}
    assert not any(zones.values_list("division_code", flat=True))
    for unit in [*districts, *zones]:
        assert Department.objects.filter(parent=unit).count() >= 3, unit
        assert Government.objects.filter(parent=unit, level="township").exists(), unit
    # bulk_create bypasses save(): the stored path must be what compute_path() gives.
    for unit in OrgUnit.objects.select_related("parent"):
        assert unit.path == unit.compute_path(), unit.code
    sfj = Department.objects.get(code="420700-SFJ")
    assert sfj.name == "鄂州市司法局" and sfj.may_issue_documents
    assert Department.objects.get(code="420700-SCJG").enforces


def test_it_places_362_villages_and_communities_unique_per_township(
    scenario: BuildReport,
) -> None:
    places = Region.objects.filter(kind__in=["village", "community"])
    assert places.count() == data.SEED_PLACES
    by_township = Counter(places.values_list("government__level", flat=True))
    assert by_township == {"township": data.SEED_PLACES}
    subdistricts = places.filter(government__short_name__endswith="街道")
    assert subdistricts.exists() and not subdistricts.filter(kind="village").exists()
    assert Region.objects.get(name="泽林村").code == "420704100215"


def test_advisers_cover_every_village_exactly_once(scenario: BuildReport) -> None:
    assert LegalAdviser.objects.filter(kind="lawyer").count() == data.SEED_LAWYERS
    assert LegalAdviser.objects.filter(kind="grassroots").count() == data.SEED_GRASSROOTS
    assert set(LegalAdviser.objects.values_list("owner_unit__code", flat=True)) == {"420700-SFJ"}
    village_rows = AdviserAssignment.objects.filter(region__isnull=False)
    assert village_rows.count() == data.SEED_PLACES
    assert village_rows.values("region").distinct().count() == data.SEED_PLACES
    assert set(village_rows.values_list("start", flat=True)) == {data.ADVISER_ROUND_START}
    loads = Counter(village_rows.values_list("adviser_id", flat=True))
    assert len(loads) == data.SEED_LAWYERS + data.SEED_GRASSROOTS
    assert set(loads.values()) <= {4, 5}  # spread evenly
    agencies = AdviserAssignment.objects.filter(org_unit__isnull=False)
    assert set(agencies.values_list("org_unit__code", flat=True)) == set(data.AGENCY_ADVISER_UNITS)
    assert set(agencies.values_list("adviser__kind", flat=True)) == {"lawyer"}


def test_officers_hold_valid_credentials_now_and_on_2019_12_31(scenario: BuildReport) -> None:
    officers = list(Officer.objects.select_related("person", "department"))
    assert len(officers) == OFFICERS
    assert len({o.credential_no for o in officers}) == OFFICERS
    for officer in officers:
        assert officer.department.enforces and officer.department.kind == "department"
        assert officer.has_valid_credential(data.AS_OF)
        assert officer.has_valid_credential(timezone.localdate())
        assert officer.person.owner_unit_id == officer.department_id
        assert officer.issued_on <= data.AS_OF
    for person in Person.objects.all()[:50]:
        assert is_valid_id_number(person.id_number)
        assert person.id_number[:4] == "4207"
        assert 24 <= (data.AS_OF - person.birth_date).days // 365 <= 56
        person.full_clean()
    biggest = Counter(o.department.code for o in officers).most_common(1)[0][0]
    assert biggest == "420700-SCJG"


def test_entities_have_valid_codes_and_one_risk_class(scenario: BuildReport) -> None:
    assert Entity.objects.count() == ENTITIES
    kinds = Counter(Entity.objects.values_list("kind", flat=True))
    assert 0.58 < kinds["individual"] / ENTITIES < 0.72
    assert 0.26 < kinds["company"] / ENTITIES < 0.40
    assert len(set(Entity.objects.values_list("name", flat=True))) == ENTITIES
    category = {"company": "1", "individual": "2", "cooperative": "3"}
    regions = {g.code: g.area6 for g in (*data.DISTRICTS, *data.ZONES)}
    for entity in Entity.objects.select_related("region"):
        assert is_valid_uscc(entity.uscc), entity.uscc
        assert entity.uscc[:2] == "9" + category[entity.kind]
        assert entity.uscc[2:8] == regions[entity.region.code]
        assert entity.uscc[8:17] == org_code(entity.uscc[8:16])  # GB 11714 check character
        assert date(1990, 1, 1) <= entity.registered_on <= data.AS_OF
    for entity in Entity.objects.all()[:20]:
        entity.full_clean()
    classes = RiskClassification.objects.filter(scheme="市场监管", as_of=data.AS_OF)
    assert classes.count() == ENTITIES
    assert classes.values("entity").distinct().count() == ENTITIES
    assert set(classes.values_list("source", flat=True)) == {data.RISK_SOURCE}
    share = Counter(classes.values_list("risk_class", flat=True))
    assert share.most_common(1)[0][0] == "B" and set(share) == {"A", "B", "C", "D"}


def test_a_second_run_creates_nothing(scenario: BuildReport) -> None:
    assert scenario.created > 0
    models = (
        OrgUnit,
        Region,
        Person,
        Officer,
        Entity,
        RiskClassification,
        LegalAdviser,
        AdviserAssignment,
        Staff,
        RoleAssignment,
        SecurityEvent,
    )
    before = {m.__name__: m.objects.count() for m in models}
    again = build(
        seed=2019, entities=ENTITIES, officers=OFFICERS, stdout=io.StringIO(), lists=False
    )
    assert again.created == 0
    assert {m.__name__: m.objects.count() for m in models} == before


def test_the_same_seed_gives_the_same_scenario(scenario: BuildReport) -> None:
    assert plan_units() == plan_units()
    assert plan_places(2019) == plan_places(2019)
    assert plan_advisers(2019) == plan_advisers(2019)
    first = plan_officers(2019, OFFICERS)
    assert first == plan_officers(2019, OFFICERS)
    assert [o.credential_no for o in first] == list(
        Officer.objects.order_by("id").values_list("credential_no", flat=True)
    )
    planned = list(iter_entities(2019, ENTITIES))
    stored = list(Entity.objects.order_by("id").values_list("uscc", "name"))
    assert [(e.uscc, e.name) for e in planned] == stored
    # A bigger build starts with the same entities; another seed gives other ones.
    assert [e.uscc for e in iter_entities(2019, ENTITIES + 500)][:ENTITIES] == [
        e.uscc for e in planned
    ]
    assert [e.name for e in iter_entities(2020, 50)] != [e.name for e in planned[:50]]


def test_each_persona_has_an_account_with_its_role(scenario: BuildReport, var_dir: Any) -> None:
    stored = json.loads((var_dir / accounts.CREDENTIALS_FILE).read_text(encoding="utf-8"))
    assert stat.S_IMODE((var_dir / accounts.CREDENTIALS_FILE).stat().st_mode) == 0o600
    for persona in data.all_personas():
        staff = Staff.objects.get(username=persona.username)
        assert staff.check_password(stored["accounts"][persona.username]["password"])
        assert staff.display_name
        assert staff.has_role(persona.role)
        assert [u.code for u in staff.units_with_role(persona.role)] == [persona.unit]
    admin = Staff.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    assert Staff.objects.get(username="auditor").has_role(Role.AUDIT_ADMIN)
    assert not Staff.objects.get(username="scjg_clerk").is_staff
    officer = Officer.objects.get(staff__username="scjg_officer")
    assert officer.department.code == "420700-SCJG"
    assert officer.person.staff.username == "scjg_officer"
    assert officer.person.name == officer.staff.display_name

    out = io.StringIO()
    accounts.print_credentials(out)
    text = out.getvalue()
    assert "用户名" in text and "密码" in text and str(var_dir) in text
    for persona in data.all_personas():
        assert persona.username in text
        assert stored["accounts"][persona.username]["password"] in text


def test_passwords_stay_the_same_when_run_again(scenario: BuildReport, var_dir: Any) -> None:
    path = var_dir / accounts.CREDENTIALS_FILE
    first = path.read_text(encoding="utf-8")
    build(seed=2019, entities=ENTITIES, officers=OFFICERS, stdout=io.StringIO(), lists=False)
    assert path.read_text(encoding="utf-8") == first
    # A lost credentials file gets new passwords, and the accounts are changed to match.
    path.unlink()
    build(seed=2019, entities=ENTITIES, officers=OFFICERS, stdout=io.StringIO(), lists=False)
    renewed = json.loads(path.read_text(encoding="utf-8"))["accounts"]
    assert Staff.objects.get(username="admin").check_password(renewed["admin"]["password"])


def test_each_stage_is_one_audit_event_and_no_row_is_logged(
    scenario: BuildReport, var_dir: Any
) -> None:
    stored = json.loads((var_dir / accounts.CREDENTIALS_FILE).read_text(encoding="utf-8"))
    passwords = [entry["password"] for entry in stored["accounts"].values()]
    events = SecurityEvent.objects.filter(kind=SecurityEventKind.BULK_IMPORT)
    labels = [e.object_repr for e in events.order_by("id")]
    assert labels == [
        "org.OrgUnit",
        "org.Region",
        "org.Officer",
        "org.Entity",
        "org.LegalAdviser",
        "org.Staff",
    ]
    for event in events:
        assert event.data["source"] == "fazhi demo --seed 2019"
        assert event.data["rows"] > 0 and len(event.data["sha256"]) == 64
        dumped = json.dumps(event.data, ensure_ascii=False)
        assert not any(password in dumped for password in passwords)
    entity_event = events.get(object_repr="org.Entity")
    assert entity_event.data["rows"] == ENTITIES
    assert AuditEntry.objects.count() == 0


@pytest.mark.django_db
def test_the_command_reports_progress_and_the_procedure_note(var_dir: Any) -> None:
    out = io.StringIO()
    call_command("fazhi_demo", entities=300, officers=40, stdout=out)
    text = out.getvalue()
    # Every registered stage runs, numbered (the domains add theirs from their ready()).
    n = len(registry.stages())
    assert f"[1/{n}]" in text and f"[{n}/{n}]" in text
    assert data.PROCEDURE_NOTE in text
    assert "市场主体：300" in text and "scjg_officer" in text
