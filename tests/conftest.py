"""Shared personas and factories.

The org tree: 湖北省 → 鄂州市 (departments: 司法局, 市场监管局, 生态环境局) → 鄂城区 (司法局,
市场监管局). Personas:
- alice: clerk of the city market regulator (市场监管局); henry its head (负责人), rita its legal
  reviewer (法制审核人员)
- june: clerk of the city justice bureau (承办人); jack its head
- bob: clerk of the city ecology bureau (生态环境局)
- carol: supervisor at the city justice bureau — sees the city and everything below it
- dave: supervisor at the 鄂城区 justice bureau — sees the district only
- erin: external reconsideration committee member — sees only cases assigned to her
- sam: system administrator; audrey: audit administrator (no business records)
- the public: anonymous
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.conf import settings
from hypothesis import settings as hypothesis_settings

from fazhi.core.org.choices import GovernmentLevel, Role
from fazhi.core.org.models import Department, Government, OrgUnit, RoleAssignment, Staff

# Properties, not timings: a slow example on a loaded two-core machine is not a failure (speed is
# measured in benchmarks/), so hypothesis's per-example deadline is off for the whole suite.
hypothesis_settings.register_profile("fazhi", deadline=None)
hypothesis_settings.load_profile("fazhi")

REQUIRE_ALL = os.environ.get("FAZHI_REQUIRE_ALL") == "1"
PASSWORD = "Fazhi-Test-2019!"


def require(condition: bool, reason: str) -> None:
    """Skip a test whose outside service is missing — or fail, in CI (FAZHI_REQUIRE_ALL=1)."""
    if condition:
        return
    if REQUIRE_ALL:
        pytest.fail(f"required for CI: {reason}")
    pytest.skip(reason)


def port_open(host: str, port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        try:
            s.connect((host, port))
        except OSError:
            return False
    return True


@pytest.fixture(autouse=True)
def _strict_scoping(settings: Any, tmp_path: Any) -> None:
    # Under test an unrestricted queryset on a request path is an error, not an empty page.
    settings.FAZHI_STRICT_SCOPING = True
    settings.AXES_ENABLED = True
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.FAZHI_EXPORT_DIR = tmp_path / "exports"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Local-memory caches outlive the test (rate-limit counters among them): start empty.
    from django.core.cache import cache

    cache.clear()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_calendar() -> Iterator[None]:
    # A rolled-back test that entered a holiday year fires no delete signal: drop the cache.
    from fazhi.core.clock.calendar import reset_calendar

    reset_calendar()
    yield
    reset_calendar()


class Org:
    """The test org tree, built once per test that asks for it."""

    def __init__(self) -> None:
        self.province = Government.objects.create(
            name="湖北省",
            code="420000000000",
            division_code="420000000000",
            level=GovernmentLevel.PROVINCE,
        )
        self.city = Government.objects.create(
            name="鄂州市",
            code="420700000000",
            division_code="420700000000",
            level=GovernmentLevel.CITY,
            parent=self.province,
        )
        self.district = Government.objects.create(
            name="鄂城区",
            code="420704000000",
            division_code="420704000000",
            level=GovernmentLevel.DISTRICT,
            parent=self.city,
        )
        self.sfj = Department.objects.create(
            name="鄂州市司法局", code="420700-SFJ", parent=self.city
        )
        self.scjg = Department.objects.create(
            name="鄂州市市场监督管理局", code="420700-SCJG", parent=self.city, enforces=True
        )
        self.sthj = Department.objects.create(
            name="鄂州市生态环境局", code="420700-STHJ", parent=self.city, enforces=True
        )
        self.ec_sfj = Department.objects.create(
            name="鄂城区司法局", code="420704-SFJ", parent=self.district
        )
        self.ec_scjg = Department.objects.create(
            name="鄂城区市场监督管理局", code="420704-SCJG", parent=self.district, enforces=True
        )


def make_entity(org: Org, name: str = "鄂州市甲乙有限公司", **extra: Any) -> Any:
    """One company registered in 鄂城区 with a valid 统一社会信用代码."""
    from fazhi.core.org.models import Entity
    from fazhi.core.org.validators import make_uscc

    fields: dict[str, Any] = {
        "uscc": make_uscc("91420704MA4F00001"),
        "name": name,
        "kind": "company",
        "industry": "F",
        "region": org.district,
        "registered_on": date(2015, 1, 1),
    }
    return Entity.objects.create(**{**fields, **extra})


@pytest.fixture
def org(db: Any) -> Org:
    return Org()


def make_staff(username: str, *roles: tuple[str, OrgUnit], **extra: Any) -> Staff:
    staff = Staff.objects.create_user(
        username=username, password=PASSWORD, display_name=username, **extra
    )
    for role, unit in roles:
        RoleAssignment.objects.create(staff=staff, role=role, org_unit=unit)
    return staff


class People:
    def __init__(self, org: Org) -> None:
        self.alice = make_staff("alice", (Role.CLERK, org.scjg))
        self.bob = make_staff("bob", (Role.CLERK, org.sthj))
        self.carol = make_staff("carol", (Role.SUPERVISOR, org.sfj))
        self.dave = make_staff("dave", (Role.SUPERVISOR, org.ec_sfj))
        self.erin = make_staff("erin", (Role.COMMITTEE_MEMBER, org.sfj))
        self.sam = make_staff("sam", (Role.SYSTEM_ADMIN, org.sfj), is_staff=True, is_superuser=True)
        self.audrey = make_staff("audrey", (Role.AUDIT_ADMIN, org.sfj), is_staff=True)
        self.ellen = make_staff("ellen", (Role.CLERK, org.ec_scjg))
        # Steps are taken by a person in a role: the market regulator's head and legal reviewer,
        # the justice bureau's handler and head.
        self.henry = make_staff("henry", (Role.DEPARTMENT_HEAD, org.scjg))
        self.rita = make_staff("rita", (Role.LEGAL_REVIEWER, org.scjg))
        self.june = make_staff("june", (Role.CLERK, org.sfj))
        self.jack = make_staff("jack", (Role.DEPARTMENT_HEAD, org.sfj))

    def all(self) -> dict[str, Staff]:
        return {k: v for k, v in vars(self).items() if isinstance(v, Staff)}


@pytest.fixture
def people(org: Org) -> People:
    return People(org)


@pytest.fixture
def today() -> date:
    return date(2019, 9, 20)


@pytest.fixture
def redis_url() -> Iterator[str]:
    url = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
    require(port_open("127.0.0.1", 6379), "Redis is not running on 127.0.0.1:6379")
    yield url


def chromium_path() -> str | None:
    for path in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if os.path.exists(path):
            return path
    return None


def allow_flush_of_append_only_tables() -> None:
    """A transactional test is flushed with TRUNCATE afterwards; allow it on the test database
    for every new session too (the flush may run on another connection)."""
    from django.db import connection

    if is_postgres():
        with connection.cursor() as cur:
            cur.execute("SET fazhi.allow_truncate = 'on'")
            name = connection.ops.quote_name(connection.settings_dict["NAME"])
            cur.execute(f"ALTER DATABASE {name} SET fazhi.allow_truncate = 'on'")


def is_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
