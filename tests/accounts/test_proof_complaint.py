"""A citizen complains on the portal that a cancelled proof is still demanded: the complaint
becomes a case of the justice bureau with the citizen as applicant, waits on the handler's
workbench, and shows under the citizen's own 我的办件 — and nobody else's."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from fazhi.core.casework.models import Case
from fazhi.core.casework.workbench import workbench
from fazhi.domains.lists import services
from fazhi.domains.lists.models import ProofComplaint, ProofRequirement
from tests.lists.factories import cancelled_proof

from .conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def proof(org: Any) -> ProofRequirement:
    return cancelled_proof(org.scjg)


def test_a_citizen_files_a_complaint_and_sees_only_their_own(
    client, sms_dir, zhang, li, proof, org, people
) -> None:
    url = f"/lists/proofs/{proof.code}/complain/"
    assert client.get(url).status_code == 302  # sign in first
    sign_in(client, sms_dir, zhang.phone)
    assert "情况说明" in client.get(url).content.decode()
    response = client.post(url, {"demanded_by": "某培训机构", "description": "仍要求社区开具"})
    assert response.status_code == 302
    complaint = ProofComplaint.objects.get()
    case = complaint.case
    assert complaint.account == zhang and case.state == "registered"
    assert case.owner_unit() == org.sfj
    assert case.parties.get().person.name == "张三"
    mine = client.get("/account/submissions/").content.decode()
    assert "减证便民投诉：无犯罪记录证明" in mine and "已登记" in mine
    # The justice bureau's handler finds it waiting for acceptance.
    assert workbench(people.june).awaiting == [Case.objects.get(pk=case.pk)]
    # Another account sees nothing of it.
    client.post("/account/signout/")
    sign_in(client, sms_dir, li.phone)
    assert "无犯罪记录证明" not in client.get("/account/submissions/").content.decode()


def test_a_proof_still_in_force_cannot_be_complained_about(client, sms_dir, zhang, org) -> None:
    kept = services.create_item(
        ProofRequirement,
        department=org.scjg,
        valid_from=date(2019, 1, 1),
        fields={"name": "出生医学证明", "status": "retained"},
    )
    sign_in(client, sms_dir, zhang.phone)
    assert client.get(f"/lists/proofs/{kept.code}/complain/").status_code == 404
