"""Who may see a draw's secret parts (docs/visibility.md, ``secret-until-published``).

Inspections are unannounced: until the campaign's results are published, its targets, their
teams and the seed's reveals are visible only to the staff of the campaign's own department
(a direct role there other than officer — not the supervisors above, who see them once the
results are out) and to the persons concerned (an assigned inspector, an official who
committed). Once published, the department's usual ``owner`` rule applies as well.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q

from fazhi.core.org.choices import ADMIN_ROLES, PERSONAL_ROLES, SUPERVISORY_ROLES, Role
from fazhi.core.org.scoping import Action, visible_unit_ids

from .choices import CampaignState

# An officer of the department sees the targets of the teams they are on, not the others'.
_NOT_DIRECT = ADMIN_ROLES | PERSONAL_ROLES | SUPERVISORY_ROLES | {Role.OFFICER}


def department_staff_units(user: Any) -> list[int]:
    """The org units where ``user`` holds a direct business role other than officer (no
    supervisory reach)."""
    return sorted({row.org_unit_id for row in user.role_rows() if row.role not in _NOT_DIRECT})


def secret_until_published(
    campaign: str, personal: Callable[[Any], Q]
) -> Callable[[Any, Action], Q]:
    """The rule for a record reached from its campaign by ``campaign`` ("" for the campaign's
    own fields on the record); ``personal(user)`` gives the records concerning the user."""
    prefix = f"{campaign}__" if campaign else ""

    def rule(user: Any, action: Action) -> Q:
        own = Q(**{f"{prefix}department_id__in": department_staff_units(user)})
        if action == "change":
            return own
        published = Q(
            **{
                f"{prefix}state": CampaignState.RESULTS_PUBLISHED,
                f"{prefix}department_id__in": visible_unit_ids(user, "view"),
            }
        )
        return own | personal(user) | published

    return rule


def _assigned_targets(user: Any) -> Q:
    from .models import Assignment

    return Q(pk__in=Assignment.objects.filter(officer__staff_id=user.pk).values("target_id"))


def _assigned_assignments(user: Any) -> Q:
    from .models import Assignment

    mine = Assignment.objects.filter(officer__staff_id=user.pk).values("target_id")
    return Q(target_id__in=mine)


def _own_commitments(user: Any) -> Q:
    return Q(official_id=user.pk)


TARGET_RULE = secret_until_published("campaign", _assigned_targets)
ASSIGNMENT_RULE = secret_until_published("target__campaign", _assigned_assignments)
COMMITMENT_RULE = secret_until_published("campaign", _own_commitments)
