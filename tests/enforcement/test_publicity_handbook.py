"""事前公开: the officer directory and 一册一单一表 of a department, through the disclosure gate to
the portal (name, credential number and field only) and as Word documents."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest

from fazhi.core.casework.doc_templates import layout
from fazhi.core.disclosure.models import Publication
from fazhi.core.org.models import Officer, Person
from fazhi.domains.enforcement import handbook

pytestmark = pytest.mark.django_db
ID_NUMBER = "420704199001011237"
PHONE = "13871234567"


@pytest.fixture
def officers(org):
    def make(name: str, no: str, valid_until: date) -> Officer:
        person = Person.objects.create(
            name=name,
            owner_unit=org.scjg,
            id_number=ID_NUMBER,
            phone=PHONE,
            address="鄂州市鄂城区古楼街道1号",
        )
        return Officer.objects.create(
            person=person,
            department=org.scjg,
            credential_no=no,
            status="issued",
            fields="食品安全",
            valid_until=valid_until,
        )

    return [
        make("周一", "42070001", date(2030, 1, 1)),
        make("吴二", "42070002", date(2030, 1, 1)),
        make("郑三", "42070003", date(2020, 1, 1)),  # expired: not in the directory
    ]


def test_the_officer_directory_publishes_name_credential_and_field_only(
    client, org, officers
) -> None:
    pub = handbook.publish_directory(org.scjg, on=date(2024, 3, 1))
    assert pub.payload["执法人员"] == [
        {"姓名": "周一", "执法证号": "42070001", "执法领域": "食品安全"},
        {"姓名": "吴二", "执法证号": "42070002", "执法领域": "食品安全"},
    ]
    page = client.get("/enforcement/officers/").content.decode()
    assert "周一" in page and "42070002" in page and "食品安全" in page
    for secret in (ID_NUMBER, PHONE, "古楼街道", "郑三"):
        assert secret not in page
    # Republished, the old directory is withdrawn, saying why; the portal shows the new one.
    again = handbook.publish_directory(org.scjg, on=date(2024, 6, 1))
    pub.refresh_from_db()
    assert pub.withdrawn and "更新" in pub.withdrawal.reason
    assert list(Publication.objects.current().filter(kind=handbook.DIRECTORY_KIND)) == [again]


def test_the_three_lists_are_portal_pages_through_the_gate(client, org, item, officers) -> None:
    pubs = handbook.publish_all(org.scjg, on=date(2024, 3, 1))
    assert {p.kind for p in pubs} == {
        "行政执法人员名录",
        "行政执法公示手册",
        "行政执法全过程记录清单",
        "重大执法决定法制审核目录清单",
    }
    page = client.get(f"/enforcement/departments/{org.scjg.code}/").content.decode()
    assert item.name in page  # the power from the list in force
    assert "立案" in page and "法制审核" in page and "行政处罚法 第五十八条" in page
    assert "询问笔录" in page  # the record list
    assert "涉及重大公共利益" in page  # the review catalog
    assert "行政复议" in page  # remedies
    assert ID_NUMBER not in page and PHONE not in page


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "handbook",
            ["行政执法公示手册", "对销售不符合食品安全标准食品的处罚", "立案", "行政复议"],
        ),
        ("record_list", ["全过程记录清单", "调查终结", "询问笔录", "音像记录"]),
        (
            "review_catalog",
            ["法制审核目录清单", "涉及重大公共利益", "对销售不符合食品安全标准食品的处罚"],
        ),
    ],
)
def test_the_word_documents_open_and_contain_the_items(org, people, item, name, expected) -> None:
    doc = handbook.generate_sheet(name, org.scjg, actor=people.alice, on=date(2024, 3, 1))
    with doc.file.open("rb") as f:
        word = docx.Document(io.BytesIO(f.read()))
    text = "\n".join(p.text for p in word.paragraphs)
    text += "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    for words in expected:
        assert words in text, words
    assert org.scjg.name in text
    assert layout.check(word) == []


def test_the_back_office_page_publishes_and_makes_word(client, org, people, item, officers):
    client.force_login(people.alice)
    page = client.get("/office/enforcement/publicity/?year=2024")
    assert page.status_code == 200 and org.scjg.name in page.content.decode()
    done = client.post(f"/office/enforcement/publicity/{org.scjg.code}/publish/")
    assert done.status_code == 302
    assert Publication.objects.filter(org_unit=org.scjg, kind="行政执法公示手册").exists()
    word = client.post(f"/office/enforcement/publicity/{org.scjg.code}/record_list/docx/")
    assert word.status_code == 200 and word["Content-Disposition"].startswith("attachment")
    # Another department's publicity is not alice's to publish.
    assert client.post(f"/office/enforcement/publicity/{org.sthj.code}/publish/").status_code == 403
