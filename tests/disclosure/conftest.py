"""The segmentation dictionary loads once per process (several seconds): load it before the
property tests, whose per-example deadline would otherwise count the loading."""

from __future__ import annotations

import pytest

from fazhi.core.disclosure.person_names import find_person_names


@pytest.fixture(scope="session", autouse=True)
def _name_dictionary_loaded() -> None:
    find_person_names("证人张三称")
