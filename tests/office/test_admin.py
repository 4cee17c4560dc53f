"""The admin: administrators only, reference data, every write audited with who and where."""

from __future__ import annotations

import pytest

from fazhi.core.integrity.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_a_clerk_cannot_enter_the_admin(client, people) -> None:
    client.force_login(people.alice)
    assert client.get("/admin/").status_code == 302


def test_an_administrators_change_is_audited_with_actor_address_and_diff(
    client, org, people
) -> None:
    client.force_login(people.sam)
    url = f"/admin/org/department/{org.sthj.pk}/change/"
    form = client.get(url)
    assert form.status_code == 200
    response = client.post(
        url,
        {
            "name": "鄂州市生态环境局（新）",
            "short_name": "",
            "code": org.sthj.code,
            "parent": org.city.pk,
            "uscc": "",
            "enforces": "on",
            "active": "on",
            "sort": 0,
        },
        REMOTE_ADDR="10.0.0.8",
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get_for_object(org.sthj).latest("id")
    assert entry.actor == people.sam and entry.remote_addr == "10.0.0.8"
    assert entry.changes["name"] == ["鄂州市生态环境局", "鄂州市生态环境局（新）"]


def test_stateful_records_are_read_only_in_the_admin(client, people) -> None:
    client.force_login(people.sam)
    assert client.get("/admin/casework/case/add/").status_code == 403


def test_the_audit_log_is_for_the_audit_administrator(client, people) -> None:
    client.force_login(people.audrey)
    page = client.get("/admin/integrity/securityevent/")
    assert page.status_code == 200 and page.context["cl"].result_count >= 1
    client.force_login(people.sam)
    assert client.get("/admin/integrity/securityevent/").status_code == 403


def test_seeing_a_record_in_the_admin_does_not_make_it_writable(client, org, people) -> None:
    from django.contrib.auth.models import Permission

    from fazhi.core.org.models import Person

    person = Person.objects.create(name="区局人员", owner_unit=org.ec_scjg)
    people.carol.is_staff = True
    people.carol.save()
    people.carol.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_person", "change_person"])
    )
    from django.contrib import admin as django_admin

    from fazhi.core.org.admin_base import ScopedModelAdmin

    class PersonAdmin(ScopedModelAdmin):
        pass

    model_admin = PersonAdmin(Person, django_admin.site)
    request = client.get("/").wsgi_request
    request.user = people.carol
    assert model_admin.get_queryset(request).filter(pk=person.pk).exists()  # she may see it
    assert not model_admin.has_change_permission(request, person)
    assert not model_admin.has_delete_permission(request, person)


def test_the_public_org_tree_is_changed_only_by_system_administrators(org, people) -> None:
    from django.contrib.auth.models import AnonymousUser

    from fazhi.core.org.models import OrgUnit

    assert OrgUnit.objects.restrict(AnonymousUser(), "change").count() == 0
    assert OrgUnit.objects.restrict(people.carol, "change").count() == 0
    assert OrgUnit.objects.restrict(people.sam, "change").count() == OrgUnit.objects.count()


def test_moving_a_government_moves_its_subtree(org, people) -> None:
    from fazhi.core.casework.models import Case
    from fazhi.core.casework.workflow import open_case
    from fazhi.core.org.models import Government

    from ..casework import kinds  # noqa: F401

    open_case("test", number="EC-1", title="区局案件", owner=org.ec_scjg)
    other_city = Government.objects.create(
        name="黄石市", code="420200000000", level="city", parent=org.province
    )
    org.district.parent = other_city
    org.district.save()
    org.ec_scjg.refresh_from_db()
    assert org.ec_scjg.path.startswith(other_city.path)
    people.carol.__dict__.pop("_fazhi_unit_cache", None)
    assert not Case.objects.restrict(people.carol).filter(number="EC-1").exists()
