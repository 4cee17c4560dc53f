"""全过程记录 (行政处罚法 第四十七条): evidence files with their digests, each linked to the act
it records; recorder footage with its device and time; sealed, and ``fazhi verify cases``
finds a file that was changed afterwards."""

from __future__ import annotations

import datetime as dt
import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core.casework.workflow import TransitionError, take
from fazhi.core.integrity import sealing
from fazhi.core.integrity.appendonly import AppendOnlyError
from fazhi.domains.enforcement.evidence import record_evidence
from fazhi.domains.enforcement.models import Evidence

from .township import investigate_data, lead, township

pytestmark = pytest.mark.django_db

PHOTO = b"\xff\xd8\xff\xe0" + b"photo of the burnt field" * 10
FOOTAGE = b"\x00\x00\x00\x18ftypmp42" + b"recorder footage" * 50


def at(day: date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, 15))


@pytest.fixture
def investigated(org, people):  # type: ignore[no-untyped-def]
    tz = township(org)
    case = lead(tz, org)
    take(case, "file", tz.head, on=date(2019, 4, 2))
    event = take(case, "investigate", tz.officer1, data=investigate_data(tz), on=date(2019, 4, 4))
    return tz, case, event


def test_evidence_is_stored_with_its_digest_and_linked_to_its_act(investigated) -> None:
    tz, case, event = investigated
    photo = record_evidence(
        case, event, PHOTO, "现场.jpg", kind="photo", actor=tz.officer1, description="焚烧现场"
    )
    footage = record_evidence(
        case,
        event,
        FOOTAGE,
        "DSJ-0007_20190404.mp4",
        kind="recorder",
        actor=tz.officer2,
        description="调查取证全程录像",
        device_id="DSJ-YJ-0007",
        recorded_at=at(date(2019, 4, 4), 9),
    )
    import hashlib

    assert photo.sha256 == hashlib.sha256(PHOTO).hexdigest() == photo.document.sha256
    assert footage.event == event and footage.device_id == "DSJ-YJ-0007"
    assert footage.document.case == case and footage.document.kind == "执法记录仪录像"
    recorded = case.events.filter(kind="evidence_recorded").order_by("id")
    assert [e.data["of_event"] for e in recorded] == [event.pk, event.pk]
    assert all(e.occurred_on == date(2019, 4, 4) for e in recorded)
    # Append-only: the record of the evidence is never changed.
    footage.description = "改"
    with pytest.raises(AppendOnlyError):
        footage.save()
    # The database itself insists recorder footage names its device and time.
    with pytest.raises(IntegrityError), transaction.atomic():
        Evidence.objects.create(
            case=case, event=event, document=photo.document, kind="recorder", sha256="0" * 64
        )


def test_what_the_record_refuses_names_the_article(investigated, org, people) -> None:
    tz, case, event = investigated
    with pytest.raises(TransitionError, match="记录仪编号和录制时间") as refused:
        record_evidence(case, event, FOOTAGE, "a.mp4", kind="recorder", actor=tz.officer1)
    assert refused.value.refusals[0].basis == "行政处罚法 第四十七条"
    with pytest.raises(TransitionError, match="不在同一天"):
        record_evidence(
            case, event, FOOTAGE, "a.mp4", kind="recorder", actor=tz.officer1,
            device_id="DSJ-1", recorded_at=at(date(2019, 4, 5), 9),
        )  # fmt: skip
    with pytest.raises(TransitionError, match="格式"):
        record_evidence(case, event, PHOTO, "现场.exe", kind="photo", actor=tz.officer1)
    with pytest.raises(TransitionError, match="承办机关"):
        record_evidence(case, event, PHOTO, "现场.jpg", kind="photo", actor=people.alice)
    deadline_event = case.events.get(kind="deadline_started")
    with pytest.raises(TransitionError, match="执法行为"):
        record_evidence(case, deadline_event, PHOTO, "现场.jpg", kind="photo", actor=tz.officer1)
    assert not Evidence.objects.exists() and not case.documents.exists()


def test_verify_cases_finds_an_evidence_file_changed_after_sealing(investigated) -> None:
    tz, case, event = investigated
    record_evidence(case, event, PHOTO, "现场.jpg", kind="photo", actor=tz.officer1)
    footage = record_evidence(
        case, event, FOOTAGE, "rec.mp4", kind="recorder", actor=tz.officer2,
        device_id="DSJ-YJ-0007", recorded_at=at(date(2019, 4, 4), 9),
    )  # fmt: skip
    sealing.seal_all(now=timezone.now() + dt.timedelta(hours=1))
    out = io.StringIO()
    call_command("fazhi_verify", "cases", stdout=out)
    assert "✔ enforcement_evidence: 1 批 2 条记录，校验通过" in out.getvalue()
    # Someone with access to the storage swaps the footage for another recording.
    path = footage.document.file.path
    with open(path, "wb") as fh:
        fh.write(b"\x00\x00\x00\x18ftypmp42" + b"other footage" * 50)
    out = io.StringIO()
    with pytest.raises(CommandError, match="校验失败"):
        call_command("fazhi_verify", "cases", stdout=out)
    report = out.getvalue()
    assert f"✘ enforcement_evidence: 记录 {footage.pk}：证据文件与登记的摘要不符" in report
    assert f"✘ documents: 记录 {footage.document.pk}" in report


def test_the_case_page_links_the_record_where_officers_upload_against_an_act(
    client, investigated, people
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    tz, case, event = investigated
    client.force_login(tz.officer2)
    page = client.get(f"/office/cases/{case.pk}/").content.decode()
    record_url = f"/office/enforcement/cases/{case.pk}/record/"
    assert record_url in page and "全过程记录" in page
    assert "调查终结" in client.get(record_url).content.decode()
    response = client.post(
        record_url,
        {
            "e-event": event.pk,
            "e-kind": "recorder",
            "e-file": SimpleUploadedFile("rec.mp4", FOOTAGE, content_type="video/mp4"),
            "e-description": "调查全程录像",
            "e-device_id": "DSJ-YJ-0007",
            "e-recorded_at": "2019-04-04T09:15",
        },
    )
    assert response.status_code == 302, response.content.decode()
    evidence = Evidence.objects.get()
    assert evidence.event == event and evidence.recorded_by == tz.officer2
    page = client.get(record_url).content.decode()
    assert "记录仪 DSJ-YJ-0007" in page and "2019-04-04 09:15" in page
    refused = client.post(
        record_url,
        {"e-event": event.pk, "e-kind": "recorder",
         "e-file": SimpleUploadedFile("rec.mp4", FOOTAGE)},
    )  # fmt: skip
    assert refused.status_code == 400 and "第四十七条" in refused.content.decode()
    # The reviewer reads the record but uploads nothing; another department sees no case.
    client.force_login(tz.reviewer)
    assert "登记音像证据" not in client.get(record_url).content.decode()
    client.force_login(people.alice)
    assert client.get(record_url).status_code == 404
