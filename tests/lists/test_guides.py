"""办事指南: every standard element, generated from the item (single source), and Word."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from fazhi.domains.lists import services
from fazhi.domains.lists.guides import build_guide
from fazhi.domains.lists.models import FeeItem, GuideMaterial, ServiceGuide

from .test_portal import power, proof

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(org):  # type: ignore[no-untyped-def]
    item = power(
        org,
        "食品经营许可",
        legal_basis="《中华人民共和国食品安全法》第三十五条",
        statutory_limit=20,
        promised_limit=10,
        steps=[
            {"name": "申请", "actor": "申请人"},
            {"name": "受理", "actor": "政务服务中心窗口", "limit": "1个工作日"},
            {"name": "审查", "actor": "食品经营科"},
            {"name": "决定", "actor": "分管局长", "limit": "5个工作日"},
        ],
    )
    fee = services.create_item(
        FeeItem,
        department=org.scjg,
        valid_from=date(2018, 1, 1),
        fields={
            "name": "工本费",
            "standard": "10元",
            "unit": "证",
            "pricing_document": "鄂价〔2010〕1号",
        },
    )
    g = ServiceGuide.objects.create(
        power_item=item,
        code="420700-SCJG-XK-0001-01",
        sub_item="食品经营许可（新办）",
        conditions="具有与经营的食品品种、数量相适应的经营场所\n有食品安全管理制度",
        where="鄂州市民之家二楼市场监管窗口",
        online=True,
        trips=0,
        promised_limit=7,
    )
    g.fee_items.add(fee)
    licence = proof(org, "营业执照", status="retained")
    GuideMaterial.objects.create(guide=g, order=1, name="食品经营许可申请书", source="applicant")
    GuideMaterial.objects.create(
        guide=g, order=2, name="营业执照", source="e_licence", proof=licence
    )
    GuideMaterial.objects.create(
        guide=g, order=3, name="食品安全承诺书", source="notify_commit", required=False
    )
    GuideMaterial.objects.create(
        guide=g, order=4, name="房屋产权证明", source="applicant", cut_on=date(2019, 6, 1)
    )
    return g


def test_a_guide_has_every_standard_element(guide) -> None:
    view = build_guide(guide, on=date(2019, 9, 20))
    titles = [s.title for s in view.sections()]
    assert titles == [
        "基本信息",
        "设定依据",
        "受理条件",
        "申请材料",
        "办理流程",
        "办理时限",
        "收费标准",
        "办理地点和方式",
        "救济途径",
    ]
    sections = {s.title: s for s in view.sections()}
    assert sections["受理条件"].lines == [
        "具有与经营的食品品种、数量相适应的经营场所",
        "有食品安全管理制度",
    ]
    materials = sections["申请材料"].table.rows  # type: ignore[union-attr]
    assert [(r[1], r[2]) for r in materials] == [
        ("食品经营许可申请书", "申请人提供"),
        ("营业执照（证明事项：营业执照）", "电子证照库调取"),
        ("食品安全承诺书", "告知承诺"),
    ]
    assert "以下材料已精减，无需提供：房屋产权证明（2019-06-01）。" in sections["申请材料"].lines
    assert sections["办理时限"].lines == ["法定办结时限：20个工作日", "承诺办结时限：7个工作日"]
    assert sections["收费标准"].table.rows == [["工本费", "10元/证", "鄂价〔2010〕1号"]]  # type: ignore[union-attr]
    assert "办理地点：鄂州市民之家二楼市场监管窗口" in sections["办理地点和方式"].lines
    assert sections["办理流程"].lines[1] == "2. 受理——承办：政务服务中心窗口；时限：1个工作日"


def test_remedies_name_the_sixty_days_and_the_six_months(guide) -> None:
    remedies = " ".join(build_guide(guide).remedies())
    assert "六十日内" in remedies and "鄂州市" in remedies and "行政复议法》第二十条" in remedies
    assert "六个月内" in remedies and "行政诉讼法》第四十六条" in remedies


def test_before_a_material_was_cut_it_was_still_required(guide) -> None:
    view = build_guide(guide, on=date(2019, 1, 1))
    assert "房屋产权证明" in [m.name for m in view.materials] and not view.cut_materials


def test_a_change_to_the_item_shows_in_its_guides(client, org, guide) -> None:
    """Single source: amend the item; the guide (page, Word, API) reads the new version."""
    item = guide.power_item
    services.record(
        item,
        "amend",
        valid_from=date(2019, 3, 1),
        reason="法律修改",
        changes={
            "legal_basis": "《中华人民共和国食品安全法》（2018修正）第三十五条",
            "statutory_limit": 15,
            "steps": [{"name": "申请"}, {"name": "即办"}],
        },
    )
    services.record(
        item, "transfer", valid_from=date(2019, 4, 1), reason="机构改革", department=org.sthj
    )
    view = build_guide(guide, on=date(2019, 9, 20))
    assert view.legal_basis.startswith("《中华人民共和国食品安全法》（2018修正）")
    assert view.statutory_limit == 15 and view.department == org.sthj
    assert [s.name for s in view.steps] == ["申请", "即办"]
    page = client.get(f"/lists/guides/{guide.code}/").content.decode()
    assert "（2018修正）" in page and "15个工作日" in page and "鄂州市生态环境局" in page
    assert "即办" in page
    doc = Document(io.BytesIO(client.get(f"/lists/guides/{guide.code}/docx/").content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "（2018修正）" in text and "15个工作日" in text
    old = build_guide(guide, on=date(2018, 12, 31))
    assert old.statutory_limit == 20 and old.department == org.scjg


def test_a_cancelled_item_says_so_on_its_guide(client, guide) -> None:
    services.record(guide.power_item, "cancel", valid_from=date(2019, 7, 1), reason="取消")
    page = client.get(f"/lists/guides/{guide.code}/").content.decode()
    assert "该事项已于 2019-07-01 取消" in page


def test_the_guide_downloads_as_an_official_word_document(client, guide) -> None:
    response = client.get(f"/lists/guides/{guide.code}/docx/")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    doc = Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == "食品经营许可（新办）办事指南"
    assert "一、基本信息" in paragraphs and "九、救济途径" in paragraphs
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert {"食品经营许可申请书", "电子证照库调取", "告知承诺"} <= cells
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.top_margin.mm) == 37
    assert any("六十日内" in p for p in paragraphs)


def test_a_draft_items_guide_is_only_for_its_department(client, people, org) -> None:
    item = power(org, "草稿许可", draft=True)
    ServiceGuide.objects.create(power_item=item, code="G-DRAFT", sub_item="新办")
    assert client.get("/lists/guides/G-DRAFT/").status_code == 404
    assert client.get("/lists/guides/G-DRAFT/docx/").status_code == 404
    client.force_login(people.alice)
    page = client.get("/lists/guides/G-DRAFT/").content.decode()
    assert "该事项为草稿，尚未公布" in page


def test_the_item_page_links_its_guides(client, guide) -> None:
    page = client.get(f"/lists/power/{guide.power_item.code}/").content.decode()
    assert f"/lists/guides/{guide.code}/" in page and "食品经营许可（新办）" in page
