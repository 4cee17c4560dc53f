"""Every page carries a Content-Security-Policy that allows no inline code; pages that may
hold personal data are never cached; the session ends with the browser; error pages are
Chinese."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client, RequestFactory
from django.views.defaults import server_error
from rest_framework.test import APIClient

from fazhi.core.org.tokens import create_token

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2] / "src" / "fazhi"
TEMPLATES = sorted(p for p in SRC.rglob("*.html") if "templates" in p.parts)

# What a strict policy (script-src/style-src 'self') refuses in a template.
INLINE_CODE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I),
    "style element": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
    "htmx inline code": re.compile(r"\shx-on[:-]|js:", re.I),
}


def policy(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


def test_templates_exist_to_be_checked() -> None:
    assert len(TEMPLATES) > 20


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_template_holds_inline_code(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    found = [name for name, pattern in INLINE_CODE.items() if pattern.search(text)]
    assert not found, f"{template.name}: {found} — move it to a static file or a CSS class"


@pytest.mark.parametrize("path", ["/", "/entities/", "/office/login/", "/admin/login/", "/api/"])
def test_every_page_carries_a_strict_content_security_policy(client, org, path) -> None:
    rules = policy(client.get(path))
    assert rules["script-src"] == "'self'" and rules["style-src"] == "'self'"
    assert rules["object-src"] == "'none'" and rules["frame-ancestors"] == "'none'"
    assert "unsafe" not in " ".join(rules.values())


@pytest.mark.parametrize("path", ["/office/login/", "/admin/login/"])
def test_back_office_and_admin_pages_are_never_stored(client, db, path) -> None:
    assert "no-store" in client.get(path)["Cache-Control"]


def test_signed_in_pages_are_never_stored(client, people) -> None:
    client.force_login(people.alice)
    for path in ("/office/", "/office/tokens/", "/lists/power-items/", "/api/officers/"):
        assert "no-store" in client.get(path)["Cache-Control"], path


def test_token_authenticated_api_answers_are_never_stored(people) -> None:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {create_token(people.alice, '甲').key}")
    assert "no-store" in api.get("/api/officers/")["Cache-Control"]


def test_public_pages_for_the_public_may_be_cached(client, org) -> None:
    assert "no-store" not in client.get("/").get("Cache-Control", "")


def test_the_session_ends_when_the_browser_closes(client, people) -> None:
    from ..conftest import PASSWORD

    client.post("/office/login/", {"username": "alice", "password": PASSWORD})
    cookie = client.cookies["sessionid"]
    assert cookie.value and not cookie["max-age"] and not cookie["expires"]


def test_a_missing_page_is_explained_in_chinese(client, org) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()


def test_a_refused_page_is_explained_in_chinese(client, people) -> None:
    client.force_login(people.sam)
    response = client.get("/admin/casework/case/add/")
    assert response.status_code == 403 and "无权访问" in response.content.decode()


def test_a_bad_request_is_explained_in_chinese(client, org) -> None:
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400 and "请求有误" in response.content.decode()


def test_a_refused_form_is_explained_in_chinese(db) -> None:
    response = Client(enforce_csrf_checks=True).post("/office/login/", {"username": "x"})
    assert response.status_code == 403 and "表单已失效" in response.content.decode()


def test_a_server_error_is_explained_in_chinese(db) -> None:
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500 and "服务器错误" in response.content.decode()
