"""The registry's rule for personas: one person may act in several domains' stages, but a
username cannot stand for two different people."""

from __future__ import annotations

import pytest

from fazhi import registry


@pytest.fixture
def clean_personas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry.REGISTRY, "personas", {})


def test_the_same_person_registered_by_two_domains_is_one_persona(clean_personas: None) -> None:
    registry.persona("zjj_clerk", "clerk", "420700-ZJJ", "住建局经办人（复议）", app="disputes")
    registry.persona("zjj_clerk", "clerk", "420700-ZJJ", "住建局经办人（决策）", app="decisions")
    [only] = registry.personas()
    assert (only.username, only.app) == ("zjj_clerk", "disputes")


def test_a_username_with_another_role_or_unit_is_refused(clean_personas: None) -> None:
    registry.persona("zjj_clerk", "clerk", "420700-ZJJ", "市住建局经办人", app="disputes")
    with pytest.raises(ValueError, match="registered twice"):
        registry.persona("zjj_clerk", "department_head", "420700-ZJJ", "负责人", app="decisions")
    with pytest.raises(ValueError, match="registered twice"):
        registry.persona("zjj_clerk", "clerk", "420700-SFJ", "经办人", app="decisions")
