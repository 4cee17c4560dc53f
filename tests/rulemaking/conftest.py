"""A synthetic two-version text for the model's own tests, and the real library (when its
files are placed, see rulemaking/data/laws/manifest.yaml) for the tests over statute texts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from fazhi.domains.rulemaking import library
from fazhi.domains.rulemaking.choices import TextKind, TextState
from fazhi.domains.rulemaking.library import store_provisions
from fazhi.domains.rulemaking.models import LegalText, TextVersion
from fazhi.domains.rulemaking.parsing import parse

OLD = """# 鄂州市示例管理办法

2017年3月1日 鄂州市人民政府令第1号公布

<!-- INFO END -->

## 第一章 总则

第一条 为了规范示例管理，制定本办法。

第二条 本办法适用于本市行政区域内的示例管理活动。

## 第二章 管理

### 第一节 申请

第三条 申请人应当提交下列材料：

（一）申请书；

（二）身份证明。

材料不齐全的，应当一次告知需要补正的全部内容。

第四条 主管部门应当自受理之日起二十日内作出决定。

第五条 本条将被删除，其内容不再保留。

## 第三章 附则

第六条 本办法自2017年4月1日起施行。
"""

NEW = """# 鄂州市示例管理办法

<!-- INFO END -->

## 第一章 总则

第一条 为了规范示例管理，制定本办法。

第二条 本办法适用于本市行政区域内的示例管理活动。

## 第二章 管理

### 第一节 申请

第三条 申请人可以通过政务服务平台在线提交申请。

第四条 申请人应当提交下列材料：

（一）申请书；

（二）身份证明。

材料不齐全的，应当一次告知需要补正的全部内容。

第五条 主管部门应当自受理之日起十五日内作出决定。

## 第三章 附则

第六条 本办法自2021年4月1日起施行。
"""


def make_text(
    unit: Any = None, *, public: bool = True, versions: tuple[str, ...] = (OLD, NEW)
) -> LegalText:
    text = LegalText.objects.create(
        kind=TextKind.GOVERNMENT_RULE,
        title="鄂州市示例管理办法",
        short_title="鄂州市示例管理办法",
        issuing_body="鄂州市人民政府",
        issuing_unit=unit,
        state=TextState.IN_FORCE,
        public=public,
    )
    dates = [
        (date(2017, 3, 1), date(2017, 4, 1), date(2021, 3, 31)),
        (date(2021, 3, 1), date(2021, 4, 1), None),
    ]
    for i, markdown in enumerate(versions):
        promulgated, begins, until = dates[i]
        version = TextVersion.objects.create(
            text=text,
            label=f"{begins.year}年",
            doc_number=f"鄂州市人民政府令第{i + 1}号",
            state=TextState.AMENDED if until else TextState.IN_FORCE,
            promulgated_on=promulgated,
            effective_from=begins,
            effective_until=until,
        )
        store_provisions(version, parse(markdown).nodes)
    return text


@pytest.fixture
def sample(db: Any) -> LegalText:
    return make_text()


def library_or_skip() -> None:
    if library.library_dir() is None:
        # The statute texts are data placed beside the checkout (shared/laws), not shipped in
        # it; without them the tests over real texts cannot run.
        pytest.skip("法规库文件未放置（见 rulemaking/data/laws/manifest.yaml）")


@pytest.fixture
def load_library(db: Any) -> Callable[..., library.LoadResult]:
    library_or_skip()

    def load(*keys: str) -> library.LoadResult:
        return library.load_library(only=set(keys) if keys else None, today=date(2026, 1, 1))

    return load
