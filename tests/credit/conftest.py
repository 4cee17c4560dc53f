"""Fixtures of the credit tests: a company of 鄂城区, a market-regulator penalty power item, a
published penalty decision on the company (the enforcement procedure, walked by its people), a
department's own credit entry, and an enterprise account bound to the company.

Personas (tests/conftest.py): alice is the market regulator's clerk (经办人), henry its head
(负责人), rita its legal reviewer; bob the ecology bureau's clerk; carol the city supervisor."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from fazhi.core.casework.models import Party
from fazhi.core.casework.workflow import take
from fazhi.core.disclosure.models import Publication
from fazhi.domains.credit import records
from fazhi.domains.credit.models import CreditRecord
from fazhi.domains.lists import services
from fazhi.domains.lists.models import PowerItem

from ..conftest import make_entity
from ..enforcement.procedure import investigated, notified


@pytest.fixture
def company(org: Any) -> Any:
    return make_entity(org, "鄂州市甲乙食品有限公司", legal_representative="李四")


@pytest.fixture
def item(org: Any) -> PowerItem:
    return services.create_item(
        PowerItem,
        department=org.scjg,
        valid_from=date(2019, 1, 1),
        fields={"name": "对销售不符合食品安全标准食品的处罚", "kind": "penalty"},
    )


def published_penalty(
    org: Any, people: Any, item: Any, entity: Any, *, fine: str = "5000"
) -> Publication:
    """A market-regulator decision on ``entity`` of 2024-03-14, published on 2024-03-15."""
    case, _ = investigated(org, people, item)
    Party.objects.create(case=case, role="party", entity=entity)
    notified(case, people, fine=fine)
    take(
        case,
        "decide",
        people.henry,
        data={"decision": "没收过期食品，罚款五千元", "fine": fine},
        on=date(2024, 3, 14),
    )
    take(case, "publicize", people.alice, on=date(2024, 3, 15))
    return Publication.objects.get(case=case, kind="行政处罚决定")


def commitment(
    org: Any, people: Any, entity: Any, on: date, severity: str = "general"
) -> CreditRecord:
    """The market regulator records a notify-commit commitment found untrue, recognised on
    ``on`` (and published that day)."""
    return records.record_entry(
        department=org.scjg,
        entity=entity,
        source_kind="commitment",
        severity=severity,
        recognised_on=on,
        document_no=f"鄂市监信〔{on.year}〕1号",
        summary="办理食品经营许可时承诺已取得健康证明，核查不实",
        basis="国办发〔2020〕42号",
        actor=people.alice,
        on=on,
    )


def portal_client(entity: Any, phone: str = "13900000001") -> tuple[Client, Any]:
    """A browser signed in as an enterprise account bound (verified) to ``entity``."""
    from fazhi.core.accounts.binding import bind_entity
    from fazhi.core.accounts.choices import AccountKind
    from fazhi.core.accounts.models import PublicAccount
    from fazhi.core.accounts.session import PUBLIC_SESSION_KEY

    account = PublicAccount.objects.create(
        phone=phone, display_name=entity.legal_representative, kind=AccountKind.ENTERPRISE
    )
    account = bind_entity(account, uscc=entity.uscc, representative=entity.legal_representative)
    c = Client()
    session = c.session
    session[PUBLIC_SESSION_KEY] = {"id": account.pk, "seen": 2**31}
    session.save()
    return c, account
