"""The back office's import screens: upload, progress, result, downloads, and scoping."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from fazhi.core.intake import services
from fazhi.core.intake.models import ImportJob
from fazhi.core.org.models import Entity

from .helpers import sheet_rows, xlsx
from .test_entities import HEADERS, row

pytestmark = pytest.mark.django_db


def upload(data: bytes, name: str = "主体.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def post(client, django_capture_on_commit_callbacks, spec, data, **fields):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(f"/office/imports/new/{spec}/", {"file": upload(data), **fields})


def test_a_clerk_uploads_and_sees_the_result(
    client, org, people, eager_tasks, django_capture_on_commit_callbacks
) -> None:
    client.force_login(people.alice)
    page = client.get("/office/imports/").content.decode()
    assert "市场主体" in page and "权责清单" in page and "下载模板" in page
    data = xlsx(HEADERS, [row(1), row(2)])
    response = post(
        client,
        django_capture_on_commit_callbacks,
        "entities",
        data,
        department=org.scjg.pk,
        mode="all",
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/office/imports/{job.pk}/"
    assert job.status == "done" and job.created_by == people.alice and Entity.objects.count() == 2
    detail = client.get(f"/office/imports/{job.pk}/").content.decode()
    assert "已完成" in detail and job.sha256 in detail and "新增 2 条" in detail
    # Once finished the fragment no longer asks htmx to poll.
    fragment = client.get(f"/office/imports/{job.pk}/progress/", HTTP_HX_REQUEST="true")
    assert "hx-trigger" not in fragment.content.decode()
    assert "主体.xlsx" in client.get("/office/imports/").content.decode()


def test_the_progress_page_polls_until_the_job_ends(client, org, people) -> None:
    job = services.create_job(
        "entities",
        department=org.scjg,
        upload=io.BytesIO(xlsx(HEADERS, [row(1)])),
        file_name="大文件.xlsx",
        actor=people.alice,
    )
    client.force_login(people.alice)
    page = client.get(f"/office/imports/{job.pk}/").content.decode()
    assert "排队中" in page and f'hx-get="/office/imports/{job.pk}/progress/"' in page
    assert 'hx-trigger="every 1s"' in page
    cache.set(services.progress_key(job.pk), ("checking", 40000, 105672), 60)
    fragment = client.get(f"/office/imports/{job.pk}/progress/").content.decode()
    assert "校验中" in fragment and "已校验 40000 / 105672 行" in fragment
    assert "37%" in fragment
    cache.set(services.progress_key(job.pk), ("writing", 5000, 105672), 60)
    assert (
        "已写入 5000 / 105672 行"
        in client.get(f"/office/imports/{job.pk}/progress/").content.decode()
    )
    services.run(job.pk)
    assert "hx-trigger" not in client.get(f"/office/imports/{job.pk}/progress/").content.decode()


def test_bad_rows_are_listed_and_returned_as_a_workbook(
    client, org, people, eager_tasks, django_capture_on_commit_callbacks
) -> None:
    client.force_login(people.alice)
    data = xlsx(HEADERS, [row(1), row(2, kind="公司"), row(3, registered_on="去年")])
    post(
        client,
        django_capture_on_commit_callbacks,
        "entities",
        data,
        department=org.scjg.pk,
        mode="good",
    )
    job = ImportJob.objects.get()
    detail = client.get(f"/office/imports/{job.pk}/").content.decode()
    assert "第 3 行" in detail and "类型" in detail and "不是可选值" in detail
    assert "第 4 行" in detail and "不是有效日期" in detail
    assert f"/office/imports/{job.pk}/errors/" in detail
    response = client.get(f"/office/imports/{job.pk}/errors/")
    rows = sheet_rows(b"".join(response.streaming_content))
    assert [r[0] for r in rows[1:]] == [3, 4]
    assert Entity.objects.count() == 1


def test_a_clerk_of_another_department_cannot_import_into_scjgs_list(
    client, org, people, eager_tasks, django_capture_on_commit_callbacks
) -> None:
    client.force_login(people.bob)
    form = client.get("/office/imports/new/power-items/").content.decode()
    assert "鄂州市生态环境局" in form and "鄂州市市场监督管理局" not in form
    data = xlsx(["名称", "事项类型"], [["排污许可", "行政许可"]])
    response = post(
        client,
        django_capture_on_commit_callbacks,
        "power-items",
        data,
        department=org.scjg.pk,
        mode="all",
    )
    assert response.status_code == 200 and "只能导入到您所在的部门" in response.content.decode()
    assert not ImportJob.objects.exists()
    # Nor see an import of scjg's, its progress or its error file.
    job = services.create_job(
        "entities",
        department=org.scjg,
        upload=io.BytesIO(data),
        file_name="x.xlsx",
        actor=people.alice,
    )
    for url in ("", "progress/", "errors/"):
        assert client.get(f"/office/imports/{job.pk}/{url}").status_code == 404
    assert "x.xlsx" not in client.get("/office/imports/").content.decode()


def test_an_administrator_without_a_department_cannot_import(client, people) -> None:
    client.force_login(people.sam)
    assert client.get("/office/imports/new/entities/").status_code == 403


def test_a_file_that_is_not_xlsx_is_refused_on_the_form(
    client, org, people, django_capture_on_commit_callbacks
) -> None:
    client.force_login(people.alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/office/imports/new/entities/",
            {"file": upload(b"uscc,name\n", "主体.csv"), "department": org.scjg.pk, "mode": "all"},
        )
    assert response.status_code == 200 and "只接受 .xlsx" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_template_is_a_ready_import_file(client, org, people) -> None:
    client.force_login(people.alice)
    response = client.get("/office/imports/template/entities/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    assert headers[0] == "*统一社会信用代码" and "登记状态" in headers
    assert wb["填写说明"]["A2"].value == "统一社会信用代码"
    ws.append(row(1))  # filled in the template's own column order
    buf = io.BytesIO()
    wb.save(buf)
    job = services.run(
        services.create_job(
            "entities",
            department=org.scjg,
            upload=io.BytesIO(buf.getvalue()),
            file_name="模板.xlsx",
            actor=people.alice,
        ).pk
    )
    assert job.status == "done" and job.created == 1, job.errors


@pytest.mark.parametrize(
    "spec", ["power-items", "power-catalog", "proofs", "fees", "negative-list"]
)
def test_every_list_has_a_template_that_its_import_accepts(client, org, people, spec) -> None:
    client.force_login(people.alice)
    data = client.get(f"/office/imports/template/{spec}/").content
    job = services.run(
        services.create_job(
            spec,
            department=org.scjg,
            upload=io.BytesIO(data),
            file_name="t.xlsx",
            actor=people.alice,
        ).pk
    )
    # An empty template is refused only for having no rows, never for its headers.
    assert job.status == "refused" and "没有数据行" in job.message
