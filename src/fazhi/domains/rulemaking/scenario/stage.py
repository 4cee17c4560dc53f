"""The scenario's law library: the national texts in force in 2019 (and their later
versions), loaded from the library folder as `fazhi law_library load` does."""

from __future__ import annotations

from typing import Any

from .. import library


def load_library(builder: Any, result: Any) -> None:
    if library.library_dir() is None:
        # The texts are data placed beside the checkout, not shipped in it: the scenario runs
        # without them, and says so.
        builder.say("      未找到法规库文件，跳过（见 rulemaking/data/laws/manifest.yaml）")
        return
    loaded = library.load_library()
    result.created = loaded.versions_loaded
    result.existing = loaded.versions_kept
    result.extra["provisions"] = loaded.provisions
