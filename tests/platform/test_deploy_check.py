"""Following README's production section makes ``manage.py check --deploy`` clean: the test runs
the README's own environment block, then the check, and accepts no warning."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def readme_deploy_block() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    after = text.split("<!-- deploy-check", 1)[1]
    match = re.search(r"```sh\n(.*?)```", after, re.S)
    assert match, "README.md: the deploy-check block is missing"
    return match.group(1)


def test_the_readme_production_settings_pass_check_deploy(tmp_path) -> None:
    block = readme_deploy_block()
    assert "FAZHI_HTTPS=true" in block and "FAZHI_TRUSTED_PROXIES" in block
    # Only what the README sets: no FAZHI_* or Django setting leaks in from the test run.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAZHI_", "DJANGO_"))}
    env.update(FAZHI_VAR_DIR=str(tmp_path), PYTHONPATH=str(ROOT / "src"))
    script = f"{block}\nexec {sys.executable} manage.py check --deploy --fail-level WARNING\n"
    result = subprocess.run(
        ["bash", "-euc", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output and "no issues" in output, output
