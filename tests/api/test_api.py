"""The API: token authentication, the same scoping, an OpenAPI 3 schema."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from fazhi.core.casework.workflow import open_case
from fazhi.core.org.models import Officer, Person
from fazhi.core.org.tokens import create_token

from ..casework import kinds  # noqa: F401
from ..conftest import make_entity

pytestmark = pytest.mark.django_db


def token_client(staff) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {create_token(staff, '测试').key}")
    return client


def test_the_openapi_schema_describes_the_api(client) -> None:
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/entities/lookup/" in schema["paths"] and "/api/officers/" in schema["paths"]


def test_the_org_tree_is_public(org) -> None:
    names = [d["name"] for d in APIClient().get("/api/departments/").json()["results"]]
    assert "鄂州市市场监督管理局" in names


def test_the_public_looks_up_one_entity_exactly_and_gets_public_fields_only(org) -> None:
    make_entity(org, legal_representative="赵六")
    anon = APIClient()
    assert anon.get("/api/entities/").status_code in (401, 403)
    found = anon.get("/api/entities/lookup/", {"q": "鄂州市甲乙有限公司"}).json()
    assert found["name"] == "鄂州市甲乙有限公司" and "legal_representative" not in found
    assert anon.get("/api/entities/lookup/", {"q": "甲乙"}).status_code == 404


def test_officers_are_for_staff_and_scoped(org, people) -> None:
    person = Person.objects.create(name="执法员甲", owner_unit=org.scjg)
    Officer.objects.create(
        person=person, department=org.scjg, credential_no="42070000001", status="issued"
    )
    assert APIClient().get("/api/officers/").status_code in (401, 403)
    assert token_client(people.alice).get("/api/officers/").json()["count"] == 1
    assert token_client(people.bob).get("/api/officers/").json()["count"] == 0


def test_cases_through_the_api_follow_participation(org, people) -> None:
    open_case("test", number="SCJG-1", title="市局案件", owner=org.scjg)
    seen = token_client(people.bob).get("/api/cases/").json()
    assert seen["count"] == 0
    assert token_client(people.alice).get("/api/cases/").json()["count"] == 1


def test_staff_find_entities_by_exact_lookup_not_by_browsing(org, people) -> None:
    entity = make_entity(org)
    client = token_client(people.alice)
    assert client.get("/api/entities/").json()["count"] == 0
    found = client.get("/api/entities/", {"q": entity.uscc}).json()
    assert found["count"] == 1 and found["results"][0]["name"] == entity.name
