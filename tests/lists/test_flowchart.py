"""职权运行流程图: drawn by code from the declared steps, escaped, cached per version."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.core.cache import cache

from fazhi.domains.lists import flowchart, services
from fazhi.domains.lists.flowchart import Step, draw, flowchart_svg, parse_steps, steps_for, wrap

from .test_portal import power

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def texts(svg: str) -> list[str]:
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]


def boxes(svg: str) -> list[str]:
    """The bold step names, top to bottom."""
    return [
        t.text or ""
        for t in ET.fromstring(svg).iter(f"{SVG}text")
        if t.get("font-weight") == "bold"
    ]


def test_a_licence_without_declared_steps_gets_the_standard_procedure(org) -> None:
    item = power(org, "食品经营许可")
    names = boxes(flowchart_svg(item.current_version()))
    assert names == ["1. 申请", "2. 受理", "3. 审查", "4. 决定", "5. 送达"]


def test_a_penalty_gets_the_penalty_procedure_with_the_hearing_as_a_conditional_step(org) -> None:
    item = power(org, "对未按规定公示营业执照的处罚", kind="penalty")
    svg = flowchart_svg(item.current_version())
    names = boxes(svg)
    assert names == [
        "1. 立案",
        "2. 调查取证",
        "3. 告知",
        "4. 听证（视情形）",
        "5. 决定",
        "6. 送达",
        "7. 执行",
    ]
    assert 'stroke-dasharray="6 4"' in svg  # the hearing box is dashed
    assert "时限：立案之日起90日内（另有规定的从其规定）" in texts(svg)


def test_the_declared_steps_are_drawn_top_to_bottom_with_actor_and_limit(org) -> None:
    steps = [
        {"name": "网上申请", "actor": "申请人"},
        {"name": "（现场核查）", "actor": "承办科室", "limit": 3},
        {"name": "发证", "actor": "窗口", "limit": "当场"},
    ]
    item = power(org, "食品经营许可", steps=steps)
    svg = flowchart_svg(item.current_version())
    assert boxes(svg) == ["1. 网上申请", "2. 现场核查（视情形）", "3. 发证"]
    assert "时限：3个工作日" in texts(svg) and "承办：申请人" in texts(svg)
    root = ET.fromstring(svg)
    ys = [float(r.get("y")) for r in root.iter(f"{SVG}rect")]
    assert ys == sorted(ys)  # one column, top to bottom
    assert len(list(root.iter(f"{SVG}polygon"))) == len(steps) + 1  # arrows between the shapes


def test_malformed_steps_fall_back_or_are_skipped() -> None:
    assert parse_steps(None) == [] and parse_steps("申请") == []
    assert parse_steps(["受理", {"actor": "无名"}, 3, {"name": " 决定 "}]) == [
        Step("受理"),
        Step("决定"),
    ]

    class Version:
        kind = "inspection"
        steps = [{"name": ""}]

    assert steps_for(Version())[0].name == "制定检查计划"


def test_text_is_escaped_and_the_svg_stays_well_formed() -> None:
    nasty = '<script>alert("x")</script> & \x07'
    svg = draw([Step(nasty, actor="a&b", limit='"1"')], title=nasty, chart_id='x"><script>')
    root = ET.fromstring(svg)  # parses: escaped, no control characters
    assert not any(el.tag.endswith("script") for el in root.iter())
    assert "<script>" not in svg
    assert any('<script>alert("x")</script>' in t for t in texts(svg))
    assert "承办：a&b" in texts(svg)


def test_long_names_wrap_to_fit_a_phone_screen() -> None:
    lines = wrap("公众聚集场所投入使用、营业前消防安全检查（含告知承诺方式办理）", 16, 292)
    assert len(lines) > 1 and all(len(line) <= 18 for line in lines)
    svg = draw([Step("短")])
    root = ET.fromstring(svg)
    assert root.get("viewBox", "").startswith("0 0 360 ") and root.get("width") == "100%"


def test_the_chart_is_drawn_once_then_served_from_the_cache(org, monkeypatch) -> None:
    item = power(org, "食品经营许可")
    version = item.current_version()
    calls: list[int] = []
    real = flowchart.draw

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(flowchart, "draw", counting)
    cache.clear()  # the local-memory cache outlives a test; start from nothing
    first = flowchart_svg(version)
    assert flowchart_svg(version) == first and len(calls) == 1
    key = flowchart.cache_key(version)
    assert f":{version.pk}:" in key and cache.get(key) == first


def test_a_new_version_gets_its_own_chart(org) -> None:
    item = power(org, "食品经营许可")
    before = flowchart_svg(item.current_version())
    v2 = services.record(
        item,
        "amend",
        valid_from=date(2019, 3, 1),
        reason="压减环节",
        changes={"steps": [{"name": "申请"}, {"name": "即办"}]},
    )
    after = flowchart_svg(v2)
    assert after != before and boxes(after) == ["1. 申请", "2. 即办"]


def test_the_chart_is_served_as_an_svg_file(client, people, org) -> None:
    item = power(org, "食品经营许可")
    response = client.get(f"/lists/power/{item.code}/flowchart.svg")
    assert response["Content-Type"].startswith("image/svg+xml")
    ET.fromstring(response.content)
    old = item.current_version()
    services.record(
        item, "amend", valid_from=date(2019, 3, 1), reason="x", changes={"steps": ["办结"]}
    )
    assert (
        b"1. \xe5\x8a\x9e\xe7\xbb\x93"
        in client.get(f"/lists/power/{item.code}/flowchart.svg").content
    )
    by_version = client.get(f"/lists/power/{item.code}/flowchart.svg", {"version": old.pk})
    assert "1. 申请" in by_version.content.decode()
    draft = power(org, "草稿许可", draft=True)
    assert client.get(f"/lists/power/{draft.code}/flowchart.svg").status_code == 404
    client.force_login(people.alice)
    assert client.get(f"/lists/power/{draft.code}/flowchart.svg").status_code == 200
