"""The API against its own OpenAPI schema: schemathesis generates requests for every operation
from /api/schema/ and sends them to the Django app in-process (WSGI), as each persona (through
a real API token), over records of every kind. No answer may be a server error, and every
documented answer must match its schema.

Bounded and deterministic (``max_examples``, ``derandomize``) so the suite stays fast and a
failure is reproducible; the step endpoint is included (without a workflow behind the generated
data it must refuse with 4xx, never fail with 5xx; so must case registration)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup, ServerError
from schemathesis.specs.openapi.checks import response_schema_conformance

from fazhi.core.org.tokens import create_token

from ..platform.test_visibility import world  # noqa: F401  (the records of every kind)

pytestmark = pytest.mark.django_db

PERSONAS = ["public", "alice", "carol", "sam"]
EXAMPLES = 5
# Valid requests by the schema, and requests the schema says are invalid (wrong types, values
# out of range): the second kind must be refused with 4xx, never a server error.
MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def app() -> Iterator[WSGIHandler]:
    """The Django app as a WSGI callable inside the test's transaction: like Django's test
    client, the per-request connection recycling is off, or the first request would close the
    connection that holds the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def operations(schema: Any) -> list[Any]:
    # Every operation, writes included: what a write refuses (generated data for a case's
    # registration or a step) it must refuse with 4xx, and whatever it accepts stays in the
    # test's transaction, which is rolled back.
    return [result.ok() for result in schema.get_all_operations()]


def exercise(operation: Any, app: Any, headers: dict[str, str], mode: GenerationMode) -> None:
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        response = case.call(app=app, headers=headers)
        case.validate_response(response, checks=CHECKS)

    run()


@pytest.mark.parametrize("name", PERSONAS)
def test_no_server_errors_and_answers_match_the_schema(app, people, world, name) -> None:  # noqa: F811
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", app)
    headers = {}
    if name != "public":
        headers["Authorization"] = f"Token {create_token(getattr(people, name), '接口测试').key}"
    ops = operations(schema)
    assert len(ops) > 40, "the schema lost its operations: this test would prove nothing"
    failures = []
    for operation in ops:
        try:
            for mode in MODES:
                try:
                    exercise(operation, app, headers, mode)
                except Unsatisfiable:
                    # Nothing to get wrong: an operation without parameters or body has no
                    # invalid request by its schema.
                    assert mode is GenerationMode.NEGATIVE, operation.path
        except Exception as exc:  # collect every operation's failure, not just the first
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
    assert not failures, "\n\n".join(failures)


def test_the_harness_reports_a_server_error(app, org, monkeypatch) -> None:
    """The check above would pass vacuously if a 500 went unnoticed: make one and see it."""
    from fazhi.shell.api.views import DepartmentViewSet

    def broken(self: Any) -> Any:
        raise RuntimeError("模拟的服务器错误")

    monkeypatch.setattr(DepartmentViewSet, "get_queryset", broken)
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", app)
    operation = schema["/api/departments/"]["GET"]
    try:
        exercise(operation, app, {}, GenerationMode.POSITIVE)
    except FailureGroup as group:
        assert [type(e) for e in group.exceptions] == [ServerError]
    else:
        pytest.fail("a server error went unnoticed")


@pytest.mark.parametrize("pk", ["abc", "\u00e9M6", "99999999999999999999"])
def test_a_step_list_for_no_case_id_is_not_found(people, pk: str) -> None:
    """Found by the run above: ``/api/cases/<not an id>/steps/`` was a server error."""
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(people.alice)
    assert client.get(f"/api/cases/{pk}/steps/").status_code == 404
