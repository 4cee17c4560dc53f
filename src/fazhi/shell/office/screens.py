"""The core models' back-office screens. Domain apps register theirs the same way."""

from __future__ import annotations

from fazhi.core.casework import filtersets as cw_fs
from fazhi.core.casework import models as cw
from fazhi.core.disclosure import filtersets as dc_fs
from fazhi.core.disclosure import models as dc
from fazhi.core.org import filtersets as org_fs
from fazhi.core.org import models as org

from .resources import Resource, register

register(
    Resource(
        "governments",
        org.Government,
        "人民政府/管委会",
        ["name", "division_code", "level", "parent"],
        search_fields=["name", "division_code"],
        filterset=org_fs.GovernmentFilterSet,
        select_related=["parent"],
        ordering=["path"],
    )
)
register(
    Resource(
        "departments",
        org.Department,
        "部门",
        ["name", "code", "parent", "enforces", "may_issue_documents"],
        search_fields=["name", "code"],
        filterset=org_fs.DepartmentFilterSet,
        select_related=["parent"],
        ordering=["path"],
    )
)
register(
    Resource(
        "regions",
        org.Region,
        "村/社区",
        ["name", "kind", "code", "government"],
        search_fields=["name", "code"],
        filterset=org_fs.RegionFilterSet,
        select_related=["government"],
        ordering=["code"],
    )
)
register(
    Resource(
        "entities",
        org.Entity,
        "市场主体",
        ["uscc", "name", "kind", "industry", "region", "status"],
        search_fields=["uscc", "name"],
        exact_search=True,
        filterset=org_fs.EntityFilterSet,
        select_related=["region"],
        ordering=["uscc"],
    )
)
register(
    Resource(
        "officers",
        org.Officer,
        "执法人员",
        ["person__name", "department", "credential_no", "status", "valid_until"],
        search_fields=["person__name", "credential_no"],
        filterset=org_fs.OfficerFilterSet,
        select_related=["person", "department"],
        ordering=["department_id", "credential_no"],
        # The credential page: its history and the lifecycle actions (core/org/officer_views).
        detail_url_name="officers:detail",
    )
)
register(
    Resource(
        "persons",
        org.Person,
        "自然人",
        ["name", "id_type", "id_number", "phone", "owner_unit"],
        search_fields=["name"],
        filterset=org_fs.PersonFilterSet,
        sensitive_fields=["id_number", "phone", "address"],
        select_related=["owner_unit"],
        detail_fields=[
            "name",
            "id_type",
            "id_number",
            "phone",
            "address",
            "birth_date",
            "owner_unit",
        ],
    )
)
register(
    Resource(
        "advisers",
        org.LegalAdviser,
        "法律顾问",
        ["name", "kind", "firm", "owner_unit"],
        search_fields=["name", "firm"],
        filterset=org_fs.LegalAdviserFilterSet,
        select_related=["owner_unit"],
    )
)
register(
    Resource(
        "cases",
        cw.Case,
        "案件",
        ["number", "title", "kind", "state", "opened_on", "source_system"],
        search_fields=["number", "title"],
        # Handled here and collected (归集) cases are listed together; 来源系统 tells them apart.
        filterset=cw_fs.CaseFilterSet,
        detail_url_name="office:case_detail",
    )
)
register(
    Resource(
        "deadlines",
        cw.Deadline,
        "期限",
        ["case__number", "name", "start", "due", "status", "org_unit"],
        search_fields=["case__number", "name"],
        filterset=cw_fs.DeadlineFilterSet,
        select_related=["case", "org_unit"],
        ordering=["due", "pk"],
    )
)
register(
    Resource(
        "events",
        cw.Event,
        "办理过程",
        ["case__number", "at", "kind", "actor", "note"],
        search_fields=["case__number", "kind"],
        filterset=cw_fs.EventFilterSet,
        select_related=["case", "actor"],
    )
)
register(
    Resource(
        "documents",
        cw.Document,
        "文书材料",
        ["number", "title", "kind", "owner_unit", "sha256"],
        search_fields=["number", "title"],
        filterset=cw_fs.DocumentFilterSet,
        select_related=["owner_unit"],
    )
)
register(
    Resource(
        "publications",
        dc.Publication,
        "公开记录",
        ["title", "kind", "org_unit", "channel", "published_at"],
        search_fields=["title"],
        filterset=dc_fs.PublicationFilterSet,
        select_related=["org_unit"],
    )
)
