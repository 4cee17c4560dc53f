"""The scenario's staff accounts, one per persona, and their demo credentials.

Passwords are random per installation (``secrets.token_urlsafe(9)`` plus a fixed suffix that
satisfies Django's password validators), generated once and kept in
``settings.VAR_DIR / "demo_credentials.json"`` (mode 0600), so re-running ``fazhi demo`` or
``fazhi run`` prints the same ones. The file is the only place a password is written in clear;
the audit event of the accounts stage lists usernames and roles, never passwords.
"""

from __future__ import annotations

import json
import os
import secrets
import unicodedata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from fazhi.core.org.choices import CredentialStatus, Role
from fazhi.core.org.models import Officer, OrgUnit, Person, RoleAssignment, Staff

from . import data

CREDENTIALS_FILE = "demo_credentials.json"
PASSWORD_SUFFIX = "-Ez2019"
OFFICER_PERSONA = "scjg_officer"


def credentials_path() -> Path:
    return Path(settings.VAR_DIR) / CREDENTIALS_FILE


def _load() -> dict[str, Any]:
    path = credentials_path()
    if not path.exists():
        return {}
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _save(content: dict[str, Any]) -> None:
    path = credentials_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(content, fh, ensure_ascii=False, indent=2)
    os.chmod(tmp, 0o600)  # also when the file existed with a wider mode
    os.replace(tmp, path)


def new_password(user: Staff | None = None) -> str:
    while True:
        password = secrets.token_urlsafe(9) + PASSWORD_SUFFIX
        try:
            validate_password(password, user)
        except ValidationError:
            continue
        return password


def ensure_accounts(seed: int, result: Any, source: str) -> None:
    """Create the persona accounts and their role rows that are missing (idempotent)."""
    from fazhi.core.integrity.audit import record_bulk_import

    from .planning import Digest, name_pools, rng_for

    units = {
        u.code: u for u in OrgUnit.objects.filter(code__in={p.unit for p in data.all_personas()})
    }
    stored = _load()
    accounts: dict[str, dict[str, str]] = stored.setdefault("accounts", {})
    pools = name_pools(seed)
    rng = rng_for(seed, "staff")
    officer = (
        Officer.objects.filter(department__code="420700-SCJG", status=CredentialStatus.ISSUED)
        .select_related("person")
        .order_by("credential_no")
        .first()
    )
    digest = Digest()
    created_staff: list[str] = []
    created_roles: list[str] = []
    passwords_set: list[str] = []
    file_changed = False
    for persona in data.all_personas():
        display_name = rng.choice(pools.everyone)  # drawn for every persona: stable sequence
        if persona.username == OFFICER_PERSONA and officer is not None:
            display_name = officer.person.name
        staff = Staff.objects.filter(username=persona.username).first()
        entry = accounts.get(persona.username)
        fresh_password = entry is None or not entry.get("password")
        if fresh_password:
            entry = {"password": new_password(staff), "display_name": display_name}
            accounts[persona.username] = entry
            file_changed = True
        assert entry is not None
        if staff is None:
            staff = Staff(
                username=persona.username,
                display_name=entry.get("display_name") or display_name,
                is_staff=persona.is_staff,
                is_superuser=persona.is_superuser,
            )
            staff.set_password(entry["password"])
            staff.save()
            created_staff.append(persona.username)
            digest.add(
                "staff",
                persona.username,
                staff.display_name,
                persona.is_staff,
                persona.is_superuser,
            )
        elif fresh_password:  # the file was lost: the printed password must work
            staff.set_password(entry["password"])
            staff.save(update_fields=["password"])
            passwords_set.append(persona.username)
        _, created = RoleAssignment.objects.get_or_create(
            staff=staff, role=persona.role, org_unit=units[persona.unit]
        )
        if created:
            created_roles.append(f"{persona.username}:{persona.role}@{persona.unit}")
            digest.add("role", persona.username, persona.role, persona.unit)
        if persona.username == OFFICER_PERSONA and officer is not None:
            # The officer persona signs in as one of the pool's officers.
            if officer.staff_id is None and not hasattr(staff, "officer"):
                Officer.objects.filter(pk=officer.pk).update(staff=staff)
                digest.add("officer", persona.username, officer.credential_no)
            if not Person.objects.filter(staff=staff).exists():
                Person.objects.filter(pk=officer.person_id, staff__isnull=True).update(staff=staff)
    if file_changed:
        _save(stored)
    result.created = len(created_staff) + len(created_roles)
    result.existing = len(data.all_personas()) - len(created_staff)
    rows = result.created + len(passwords_set)
    if rows:
        record_bulk_import(
            "org.Staff",
            rows=rows,
            digest=digest.hexdigest(),
            source=source,
            changes={
                "seed": seed,
                "staff": created_staff,
                "roles": created_roles,
                "passwords_reset": passwords_set,
            },
        )


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def print_credentials(out: Any) -> None:
    """Print the demo accounts as a Chinese table, and where their passwords are kept."""
    path = credentials_path()
    accounts = _load().get("accounts", {})
    if not accounts:
        out.write("尚未生成演示账号：运行 fazhi demo 生成。\n")
        return
    from .planning import plan_units

    unit_names = {u.code: u.short_name or u.name for u in plan_units()}
    rows = [("用户名", "姓名", "角色", "机构", "密码")]
    for persona in data.all_personas():
        entry = accounts.get(persona.username)
        if not entry:
            continue
        rows.append(
            (
                persona.username,
                entry.get("display_name", ""),
                str(Role(persona.role).label),
                unit_names.get(persona.unit, persona.unit),
                entry.get("password", ""),
            )
        )
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    out.write(
        "\n演示账号（工作台 /office/；admin、security、auditor 另可登录管理后台 /admin/）：\n"
    )
    for n, row in enumerate(rows):
        out.write(
            "  "
            + "  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
            + "\n"
        )
        if n == 0:
            out.write("  " + "  ".join("-" * w for w in widths) + "\n")
    out.write(f"密码保存在 {path}（权限 0600，仅本机使用；每个安装随机生成）。\n")


def persona_account(username: str, role: str, unit_code: str, digest: Any) -> Staff:
    """A domain stage's persona as an account in its role (created here when the accounts
    stage has not run: a stage loaded on its own still acts through a person), the creation
    and the role noted in the stage's ``digest``."""
    unit = OrgUnit.objects.get(code=unit_code)
    person = Staff.objects.filter(username=username).first()
    if person is None:
        person = Staff(username=username, display_name=username)
        person.set_unusable_password()
        person.save()
        digest.add("staff", username)
    _, created = RoleAssignment.objects.get_or_create(staff=person, role=role, org_unit=unit)
    if created:
        digest.add("role", username, role, unit_code)
    return person
