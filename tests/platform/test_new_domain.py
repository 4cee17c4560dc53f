"""A new domain written by following docs/development/adding-a-domain.md touches no shared file:
tests/sample_domain is installed only through FAZHI_EXTRA_APPS, and everything it registered
from its ready() — screens, nav, API route, case kind with its steps, job, command, scenario
stage and figure — is there, in a fresh process on a fresh database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = r"""
import json
from datetime import date
from django.test import Client
from django.urls import reverse
from fazhi import registry
from fazhi.celery import beat_schedule
from fazhi.core.casework.workflow import register_case, take, workflow_for
from fazhi.core.org.models import Department, Government, RoleAssignment, Staff

city = Government.objects.create(
    name="鄂州市", code="420700000000", division_code="420700000000", level="city"
)
unit = Department.objects.create(name="鄂州市信访局", code="420700-XFJ", parent=city)
clerk = Staff.objects.create_user("clerk", password="x-Probe-2019!")
head = Staff.objects.create_user("head", password="x-Probe-2019!")
RoleAssignment.objects.create(staff=clerk, role="clerk", org_unit=unit)
RoleAssignment.objects.create(staff=head, role="department_head", org_unit=unit)

case = register_case("suggestion", clerk, {"content": "增设公交站"}, on=date(2019, 5, 6))
refused = ""
try:
    take(case, "answer", clerk, data={"answer": "已采纳"})
except Exception as exc:
    refused = str(exc)
take(case, "answer", head, data={"answer": "已采纳"}, on=date(2019, 5, 20))

client = Client()
client.force_login(head)
office = client.get("/office/").content.decode()
page = client.get(f"/office/cases/{case.pk}/").content.decode()
api = client.get("/api/suggestions/").json()
print(json.dumps({
    "office_nav": "意见建议" in office and reverse("sample_office:index") in office,
    "office_screen": client.get("/office/sample/").content.decode(),
    "portal_screen": Client().get("/sample/").status_code,
    "api": [row["content"] for row in api["results"]],
    "schema": "/api/suggestions/" in client.get("/api/schema/?format=json").content.decode(),
    "workflow": workflow_for("suggestion").label,
    "refused": refused,
    "number": case.number,
    "case_page": "已采纳" in page and "意见建议" in page,
    "job": beat_schedule().get("sample-tick", {}).get("task"),
    "stage": [s.label for s in registry.stages() if s.app == "sample"],
    "figure": [(f.row, f.count()) for f in registry.figures(2099)],
}, ensure_ascii=False))
"""


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_a_domain_installed_by_setting_alone_plugs_in_everywhere(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "FAZHI_EXTRA_APPS": "tests.sample_domain",
        "FAZHI_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'probe.sqlite3'}",
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}",
    }
    migrated = run("manage.py", "migrate", "-v0", env=env)
    assert migrated.returncode == 0, migrated.stderr
    helped = run("-m", "fazhi.cli", "help", env=env)
    assert "fazhi sample" in helped.stdout
    assert run("-m", "fazhi.cli", "sample", env=env).stdout.strip() == "示例领域已安装"
    probe = run("manage.py", "shell", "-c", PROBE, env=env)
    assert probe.returncode == 0, probe.stderr
    seen = json.loads(probe.stdout.strip().splitlines()[-1])
    assert seen["office_nav"] is True
    assert seen["office_screen"] == "意见建议 1 件"
    assert seen["portal_screen"] == 200
    assert seen["api"] == ["增设公交站"]
    assert seen["schema"] is True
    assert seen["workflow"] == "意见建议"
    assert "部门负责人" in seen["refused"] and "示例依据 第一条" in seen["refused"]
    assert seen["number"] == "YJ-2019-001"
    assert seen["case_page"] is True
    assert seen["job"] == "tests.sample_domain.tasks.tick"
    assert seen["stage"] == ["意见建议"]
    assert seen["figure"] == [["99", 1]]
