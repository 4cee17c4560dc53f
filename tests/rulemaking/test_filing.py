"""Filing (备案): one filing per recipient, due dates by the clock, the receipt steps with their
clocks, lateness, the package through the outbox, the yearly catalogue, scoping and screens."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document as Docx

from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.workflow import StepRefused, TransitionError, take
from fazhi.core.disclosure.models import Channel, OutboxMessage
from fazhi.core.disclosure.outbox import deliver_pending
from fazhi.core.org.scoping import scoped
from fazhi.domains.rulemaking import figures, filing, package
from fazhi.domains.rulemaking.choices import TextKind
from fazhi.domains.rulemaking.filing_choices import FilingState, Recipient
from fazhi.domains.rulemaking.jobs import run_daily
from fazhi.domains.rulemaking.models import Filing, FilingCatalogue

from . import filing_fixtures as fx
from .filing_fixtures import issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_rule(org: Any) -> Any:
    return fx.city_rule(org)


@pytest.fixture
def department_document(org: Any) -> Any:
    return fx.department_document(org)


def by_recipient(filings: list[Filing]) -> dict[str, Filing]:
    return {f.recipient: f for f in filings}


def test_a_city_rule_is_filed_with_each_of_the_four_recipients(city_rule, people) -> None:
    filings = filing.open_filings(city_rule, on=date(2019, 3, 1), actor=people.june)
    assert set(by_recipient(filings)) == {
        Recipient.STATE_COUNCIL,
        Recipient.CITY_NPC_SC,
        Recipient.PROVINCE_GOVERNMENT,
        Recipient.PROVINCE_NPC_SC,
    }
    # 30 days from publication (2019-03-01) end on 2019-03-31, a Sunday: moved to Monday.
    assert {f.due_on for f in filings} == {date(2019, 4, 1)}
    bases = {f.recipient: f.basis for f in filings}
    assert bases[Recipient.STATE_COUNCIL] == "法规规章备案条例 第三条"
    assert bases[Recipient.PROVINCE_NPC_SC] == "立法法 第九十八条"
    deadline = filings[0].case.deadlines.get()
    assert (deadline.basis, deadline.due) == ("规章制定程序条例 第三十四条", date(2019, 4, 1))
    # Opening again adds nothing.
    again = filing.open_filings(city_rule, on=date(2019, 3, 2), actor=people.june)
    assert {f.pk for f in again} == {f.pk for f in filings}
    assert Filing.objects.count() == 4


def test_a_departments_document_is_filed_with_its_government(department_document, people) -> None:
    (only,) = filing.open_filings(department_document, on=date(2019, 5, 6), actor=people.alice)
    assert only.recipient == Recipient.CITY_GOVERNMENT
    assert only.due_on == date(2019, 6, 5)
    # Owned by the justice bureau; the issuing department takes part.
    roles = set(only.case.participants.values_list("org_unit__code", "role"))
    assert roles == {("420700-SFJ", "owner"), ("420700-SCJG", "handler")}


def test_the_normative_filing_period_is_a_local_setting(department_document, settings) -> None:
    from fazhi.core.clock import statutes

    period, _ = statutes.period_in_force("rulemaking.normative_filing", date(2019, 5, 6))
    assert (period.amount, period.unit) == (30, "days")
    assert "国办发〔2018〕37号" in period.basis


def test_an_unpublished_or_library_text_is_refused(city_rule, people) -> None:
    city_rule.text.kind = TextKind.NATIONAL_LAW
    city_rule.text.save()
    with pytest.raises(TransitionError) as err:
        filing.open_filings(city_rule, on=date(2019, 3, 1), actor=people.june)
    assert "规章制定程序条例 第三十四条" in str(err.value)


def test_submission_sends_the_package_and_registration_closes_the_receipt(
    city_rule, people, settings, tmp_path
) -> None:
    settings.FAZHI_EXPORT_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    f = by_recipient(filing.open_filings(city_rule, on=date(2019, 3, 1), actor=people.june))[
        Recipient.STATE_COUNCIL
    ]
    from django.core.files.base import ContentFile

    f.explanation.save("说明.docx", ContentFile(b"explanation"), save=True)
    take(f.case, "submit_filing", people.june, on=date(2019, 3, 20), data={})
    f.refresh_from_db()
    assert f.case.state == FilingState.SUBMITTED
    assert (f.submitted_on, f.late) == (date(2019, 3, 20), False)
    assert f.case.deadlines.get().status == DeadlineStatus.MET
    message = OutboxMessage.objects.get(target=Channel.FILING)
    assert message.payload["recipient"] == "国务院"
    assert deliver_pending() == 1
    message.refresh_from_db()
    folder = Path(message.result)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert "文本.docx" in manifest["files"] and "起草说明.docx" in manifest["files"]
    doc = Docx(str(folder / "文本.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "鄂州市物业管理实施办法" in text and "第一条" in text
    # The official-document layout (GB/T 9704-2012): A4, margins, 22 lines of 28 characters.
    from fazhi.core.casework.doc_templates import layout

    assert layout.check(doc) == []
    assert (folder / "起草说明.docx").read_bytes() == b"explanation"
    if package.soffice():
        assert "文本.pdf" in manifest["files"]
        assert (folder / "文本.pdf").read_bytes()[:4] == b"%PDF"
    else:
        assert manifest["notes"]
    take(f.case, "register_filing", people.june, on=date(2019, 4, 15), data={})
    f.refresh_from_db()
    assert (f.case.state, f.registered_on) == (FilingState.REGISTERED, date(2019, 4, 15))


def test_the_pdf_is_converted_when_libreoffice_is_installed(city_rule, tmp_path) -> None:
    if not package.soffice():
        pytest.skip("LibreOffice 未安装")
    path = tmp_path / "text.docx"
    path.write_bytes(package.text_docx(city_rule))
    pdf = package.to_pdf(path)
    assert pdf is not None and pdf.read_bytes()[:4] == b"%PDF"


def test_deferral_gives_fifteen_days_to_resubmit(city_rule, people) -> None:
    f = filing.open_filings(city_rule, on=date(2019, 3, 1), actor=people.june)[0]
    take(f.case, "submit_filing", people.june, on=date(2019, 3, 10), data={})
    take(f.case, "defer_filing", people.june, on=date(2019, 4, 2), data={"reason": "缺少说明"})
    f.refresh_from_db()
    assert f.case.state == FilingState.DEFERRED
    clock = f.case.deadlines.get(key="rulemaking.filing_resubmit")
    # 15 days from 2019-04-02: 2019-04-17; the 2024 regulation's value, applied with its note.
    assert clock.due == date(2019, 4, 17)
    assert clock.basis == "法规规章备案审查条例 第九条第二款" and clock.note
    take(f.case, "resubmit_filing", people.june, on=date(2019, 4, 12), data={})
    clock.refresh_from_db()
    f.refresh_from_db()
    assert clock.status == DeadlineStatus.MET
    assert (f.case.state, f.submissions, f.submitted_on) == (
        FilingState.SUBMITTED,
        2,
        date(2019, 3, 10),
    )
    assert OutboxMessage.objects.filter(target=Channel.FILING).count() == 2


def test_a_correction_notice_gives_thirty_days_to_report(city_rule, people) -> None:
    f = filing.open_filings(city_rule, on=date(2019, 3, 1), actor=people.june)[0]
    take(f.case, "submit_filing", people.june, on=date(2019, 3, 10), data={})
    take(f.case, "register_filing", people.june, on=date(2019, 3, 25), data={})
    take(f.case, "correction_notice", people.june, on=date(2019, 6, 3), data={})
    clock = f.case.deadlines.get(key="rulemaking.correction_report")
    assert (clock.due, clock.basis) == (date(2019, 7, 3), "法规规章备案条例 第十七条")
    take(
        f.case,
        "report_correction",
        people.june,
        on=date(2019, 6, 28),
        data={"handling": "已修改第三条"},
    )
    clock.refresh_from_db()
    assert clock.status == DeadlineStatus.MET
    f.case.refresh_from_db()
    assert f.case.state == FilingState.CORRECTED and f.case.closed_on == date(2019, 6, 28)


def test_a_late_submission_is_measured(city_rule, people) -> None:
    f = filing.open_filings(city_rule, on=date(2019, 3, 1), actor=people.june)[0]
    take(f.case, "submit_filing", people.june, on=date(2019, 4, 11), data={})
    f.refresh_from_db()
    assert (f.late, f.late_days) == (True, 10)


def test_steps_are_taken_by_the_justice_bureaus_clerk_and_name_their_article(
    city_rule, people
) -> None:
    f = filing.open_filings(city_rule, on=date(2019, 3, 1), actor=people.june)[0]
    with pytest.raises(StepRefused) as err:
        take(f.case, "submit_filing", people.alice, on=date(2019, 3, 10), data={})
    assert "规章制定程序条例 第三十四条" in str(err.value)
    with pytest.raises(TransitionError) as err2:
        take(f.case, "register_filing", people.june, on=date(2019, 3, 10), data={})
    assert "须先完成“报送备案”" in str(err2.value)
    with pytest.raises(TransitionError) as err3:
        take(f.case, "submit_filing", people.june, on=date(2019, 2, 20), data={})
    assert "不得早于公布日期" in str(err3.value)


def test_another_department_does_not_see_the_filings(
    city_rule, department_document, people
) -> None:
    filing.open_filings(city_rule, on=date(2019, 3, 1), actor=people.june)
    filing.open_filings(department_document, on=date(2019, 5, 6), actor=people.june)
    assert scoped(people.june, Filing).count() == 5
    # The issuing department sees its own document's filing, not the city rule's.
    assert list(scoped(people.alice, Filing).values_list("recipient", flat=True)) == [
        Recipient.CITY_GOVERNMENT
    ]
    assert scoped(people.bob, Filing).count() == 0
    assert scoped(people.carol, Filing).count() == 5  # the supervisor of the city


def test_the_yearly_catalogue_is_due_on_31_january(city_rule, people) -> None:
    assert run_daily(date(2019, 12, 31))["catalogues"] == 0
    assert run_daily(date(2020, 1, 2))["catalogues"] == 1
    cat = FilingCatalogue.objects.get()
    # One month from 31 December is 31 January; in 2020 that fell in the extended Spring
    # Festival holiday (to 2 February), so the last day moves to Monday 3 February.
    assert (cat.year, cat.due_on) == (2019, date(2020, 2, 3))
    assert cat.case.deadlines.get().unrolled_due == date(2020, 1, 31)
    assert cat.entries[0]["title"] == "鄂州市物业管理实施办法"
    take(cat.case, "submit_catalogue", people.june, on=date(2020, 1, 20), data={})
    cat.refresh_from_db()
    assert cat.submitted_on == date(2020, 1, 20)
    assert run_daily(date(2020, 1, 3))["catalogues"] == 0


def test_figure_32_counts_texts_filed_by_the_end_of_november(
    city_rule, department_document, org, people
) -> None:
    late = issue(org.city, TextKind.GOVERNMENT_RULE, "鄂州市某年末办法", date(2019, 11, 20))
    for version, on in (
        (city_rule, date(2019, 3, 10)),
        (department_document, date(2019, 5, 20)),
        (late, date(2019, 12, 2)),
    ):
        for f in filing.open_filings(version, on=version.promulgated_on, actor=people.june):
            take(f.case, "submit_filing", people.june, on=on, data={})
    assert figures.rules_filed_2019() == 1
    assert figures.documents_filed_2019() == 1


def test_the_filing_screens_render(client, city_rule, people) -> None:
    f = filing.open_filings(city_rule, on=date(2019, 3, 1), actor=people.june)[0]
    client.force_login(people.june)
    page = client.get("/office/rulemaking/filings/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "鄂州市物业管理实施办法" in body and "国务院" in body and "逾期" in body
    assert client.get(f"/office/rulemaking/filings/{f.pk}/").status_code == 200
    assert client.get(f"/office/cases/{f.case.pk}/").status_code == 200
    client.force_login(people.bob)
    assert (
        "鄂州市物业管理实施办法" not in client.get("/office/rulemaking/filings/").content.decode()
    )
    assert client.get(f"/office/rulemaking/filings/{f.pk}/").status_code == 404


def test_attachments_are_uploaded_by_the_filing_office(
    client, city_rule, people, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    f = filing.open_filings(city_rule, on=date(2019, 3, 1), actor=people.june)[0]
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(people.june)
    response = client.post(
        f"/office/rulemaking/filings/{f.pk}/",
        {"review_opinion": SimpleUploadedFile("意见.docx", b"opinion")},
    )
    assert response.status_code == 302
    f.refresh_from_db()
    assert f.review_opinion.read() == b"opinion"


def test_the_generic_filing_list_and_export_are_scoped(
    client, city_rule, department_document, people
) -> None:
    filing.open_filings(city_rule, on=date(2019, 3, 1), actor=people.june)
    filing.open_filings(department_document, on=date(2019, 5, 6), actor=people.june)
    for user, expected in ((people.june, 5), (people.alice, 1), (people.bob, 0), (people.carol, 5)):
        client.force_login(user)
        rows = client.get("/office/r/rulemaking-filings/").context["rows"]
        assert len(rows) == expected, user.username
        assert client.get("/office/r/rulemaking-filings/export/").status_code == 200
    client.force_login(people.alice)
    choices = client.get("/office/r/rulemaking-filings/choices/", {"field": "recipient"}).json()
    assert {o["id"] for o in choices["results"]} == {Recipient.CITY_GOVERNMENT}
