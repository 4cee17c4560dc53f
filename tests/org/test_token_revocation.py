"""A changed password or a deactivated account revokes all of the staff member's API tokens."""

from __future__ import annotations

import pytest

from fazhi.core.org.models import ApiToken
from fazhi.core.org.tokens import create_token

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db


def live_tokens(staff) -> int:  # type: ignore[no-untyped-def]
    return ApiToken.objects.filter(staff=staff, revoked_at__isnull=True).count()


def test_a_password_change_revokes_all_tokens(people) -> None:
    create_token(people.alice, "甲")
    create_token(people.alice, "乙")
    create_token(people.bob, "丙")
    people.alice.set_password("Another-Password-2019")
    people.alice.save()
    assert live_tokens(people.alice) == 0 and live_tokens(people.bob) == 1
    assert set(
        ApiToken.objects.filter(staff=people.alice).values_list("revoked_reason", flat=True)
    ) == {"密码已修改"}


def test_deactivating_the_account_revokes_all_tokens(client, people) -> None:
    create_token(people.alice, "甲")
    client.force_login(people.sam)
    # The system administrator deactivates the account in the admin.
    url = f"/admin/org/staff/{people.alice.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data.update(
        {
            "is_active": "",
            "roles-TOTAL_FORMS": "0",
            "roles-INITIAL_FORMS": "0",
            "legal_qualified_on": "",
        }
    )
    assert client.post(url, data).status_code == 302
    assert live_tokens(people.alice) == 0
    assert ApiToken.objects.get(staff=people.alice).revoked_reason == "账号停用"


def test_a_rehash_of_the_same_password_revokes_nothing(people, settings) -> None:
    """Django re-hashes an unchanged password on login when the hasher changes."""
    create_token(people.alice, "甲")
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    people.alice.refresh_from_db()
    old_hash = people.alice.password
    assert people.alice.check_password(PASSWORD)  # upgrades the MD5 hash and saves
    people.alice.refresh_from_db()
    assert people.alice.password != old_hash and live_tokens(people.alice) == 1


def test_other_saves_of_the_account_revoke_nothing(people) -> None:
    create_token(people.alice, "甲")
    people.alice.display_name = "爱丽丝"
    people.alice.save()
    assert live_tokens(people.alice) == 1
