"""The one scoping mechanism: every non-public query goes through ``restrict(user, action)``.

A record is shared through the org units that take part in it (its participants, or its
owning unit). ``restrict`` narrows a queryset to what the user may see; request paths (views,
the admin, the API, exports) accept only querysets that went through it and fail closed
otherwise. System code that truly needs everything says why with ``unrestricted(reason)``,
which is audited.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Self, TypeVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.dispatch import Signal

if TYPE_CHECKING:
    from .models import Staff

Action = Literal["view", "change"]
log = logging.getLogger(__name__)

# ``unrestricted(reason)`` announces itself; the integrity mechanism (above this one) records
# it as a security event. org is the lowest layer and imports no other mechanism.
system_access = Signal()

# The case ids whose participant rows match a filter on (org_unit_id, staff_id). The casework
# mechanism registers it, since participation is its model (fazhi.core.casework.apps).
_participation: Callable[[Q], Any] | None = None


def register_participation(rule: Callable[[Q], Any]) -> None:
    global _participation
    _participation = rule


# Further records a user may *view* beyond a model's own rule, registered by a mechanism above
# (e.g. casework: the persons who are parties to the cases a unit takes part in, whichever unit
# registered them). Writes and unmasking keep the model's own rule.
_view_extensions: dict[str, Callable[[Q], Q]] = {}


def register_view_extension(model_label: str, rule: Callable[[Q], Q]) -> None:
    """``rule(participant_rows)`` gives the extra records for the participant rows (a filter on
    ``org_unit_id`` / ``staff_id``) that the user's roles reach."""
    _view_extensions[model_label] = rule


class UnrestrictedQuerySetError(RuntimeError):
    """A request path received a queryset that did not go through ``restrict``."""


@dataclass(frozen=True)
class Scope:
    """How a model's records are shared.

    kind:
      - ``owner``: the record belongs to one org unit (``field`` names the FK to OrgUnit).
      - ``participants``: the record is a case or hangs off one (``field`` is the path to the
        case: "" for the case itself, "case" for its events, deadlines, documents).
      - ``reference``: reference data every staff member with a business role may read.
      - ``org``: the org tree itself, visible to every signed-in staff member.
      - ``public``: published records anyone may read, signed in or not.
      - ``none``: never on a request path (reachable only through ``unrestricted``).
    """

    kind: Literal["owner", "participants", "reference", "org", "public", "none"]
    field: str = ""
    # Extra filter hook for models whose rule does not fit the kinds above.
    custom: Callable[[Staff, Action], Q] | None = None


def _visible_unit_ids(user: Staff, action: Action) -> list[int]:
    """Org unit ids whose records the user may see (``view``) or write (``change``)."""
    cache: dict[str, list[int]] = user.__dict__.setdefault("_fazhi_unit_cache", {})
    if action in cache:
        return cache[action]
    from .choices import ADMIN_ROLES, PERSONAL_ROLES, SUPERVISORY_ROLES
    from .models import OrgUnit

    direct: set[int] = set()
    prefixes: list[str] = []
    for row in user.role_rows():
        if row.role in ADMIN_ROLES or row.role in PERSONAL_ROLES:
            continue
        if row.role in SUPERVISORY_ROLES and action == "view":
            prefixes.append(row.org_unit.government_path())
        else:
            direct.add(row.org_unit_id)
    ids = set(direct)
    if prefixes:
        q = Q()
        for prefix in prefixes:
            q |= Q(path__startswith=prefix)
        ids.update(OrgUnit.objects.filter(q).values_list("id", flat=True))
    cache[action] = sorted(ids)
    return cache[action]


def visible_unit_ids(user: Any, action: Action = "view") -> list[int]:
    """The org units whose records ``user`` may see or change; empty for the public."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    return _visible_unit_ids(user, action)


def _is_system_admin(user: Any) -> bool:
    from .choices import Role

    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user.has_role(Role.SYSTEM_ADMIN)
    )


def has_business_role(user: Staff) -> bool:
    from .choices import ADMIN_ROLES

    return any(row.role not in ADMIN_ROLES for row in user.role_rows())


class RestrictedQuerySet(models.QuerySet):
    """A QuerySet that remembers whether it went through ``restrict`` or ``unrestricted``."""

    _fazhi_scope_state: str | None = None

    def _clone(self) -> Self:
        clone = super()._clone()  # type: ignore[misc]  # Django's private copy hook, not in the stubs
        clone._fazhi_scope_state = self._fazhi_scope_state
        return clone

    @property
    def is_restricted(self) -> bool:
        return self._fazhi_scope_state is not None

    def restrict(self, user: Any, action: Action = "view") -> Self:
        scope: Scope | None = getattr(self.model, "scope", None)
        if scope is None:
            raise UnrestrictedQuerySetError(f"{self.model.__name__} 未声明 scope")
        if scope.kind == "public":
            if scope.custom is not None:
                qs = self.filter(scope.custom(user, action))
            elif action == "view":
                qs = self.all()
            else:
                # Public reference data (the org tree, places) is maintained by system
                # administrators only; everyone else, the public included, may only read it.
                qs = self.all() if _is_system_admin(user) else self.none()
        elif user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            qs = self.none()
        elif scope.custom is not None:
            qs = self.filter(scope.custom(user, action))
        else:
            qs = self.filter(scope_q(self.model, scope, user, action))
        qs._fazhi_scope_state = f"restricted:{action}"
        return qs

    def unrestricted(self, reason: str) -> Self:
        """Everything, for system code (jobs, reports, backups); the reason is audited."""
        if not reason.strip():
            raise ValueError("unrestricted() needs a reason")
        system_access.send(sender=self.model, reason=reason)
        qs = self._clone()
        qs._fazhi_scope_state = "unrestricted"
        return qs


def scope_q(
    model: type[models.Model],
    scope: Scope,
    user: Staff,
    action: Action,
    units: list[int] | None = None,
) -> Q:
    """The filter for ``scope``; ``units`` narrows it to given org units instead of all the
    units the user's roles reach (e.g. only those where a role needs unmasked data)."""
    nothing = Q(pk__in=[])
    if scope.kind == "none":
        return nothing
    if scope.kind == "org":
        return Q()
    if scope.kind == "reference":
        return Q() if has_business_role(user) else nothing
    if units is None:
        units = _visible_unit_ids(user, action)
    if scope.kind == "owner":
        own = Q(**{f"{scope.field}__in": units})
        extension = _view_extensions.get(model._meta.label)
        if extension is not None and action == "view":
            own |= extension(Q(org_unit_id__in=units) | Q(staff_id=user.pk))
        return own
    if scope.kind == "participants":
        if _participation is None:  # no casework installed: nothing is shared, fail closed
            return nothing
        rows = Q(org_unit_id__in=units)
        if action == "view":
            rows |= Q(staff_id=user.pk)
        case_ids = _participation(rows)
        target = f"{scope.field}__in" if scope.field else "pk__in"
        return Q(**{target: case_ids})
    raise ValueError(scope.kind)


# Plain default manager (the framework needs one) whose querysets can be restricted. Made by
# assignment, not subclassing, so that the type checker's Django plugin can read it.
RestrictedManager = models.Manager.from_queryset(RestrictedQuerySet, "RestrictedManager")


QS = TypeVar("QS", bound="models.QuerySet[Any]")


def ensure_restricted(qs: QS) -> QS:
    """What every request path calls on the queryset it is about to show: fail closed."""
    if isinstance(qs, RestrictedQuerySet) and qs.is_restricted:
        return qs
    message = f"未经 restrict() 的查询不能用于请求：{qs.model.__name__}"
    if settings.FAZHI_STRICT_SCOPING:
        raise UnrestrictedQuerySetError(message)
    log.error(message)
    return qs.none()


M = TypeVar("M", bound=models.Model)


def scoped(who: Any, model: type[M], action: Action = "view") -> models.QuerySet[M]:
    """The records of ``model`` that a request's user (or a user) may see or change, failing
    closed: what every request path calls instead of a manager."""
    user = getattr(who, "user", who)
    qs = model._default_manager.get_queryset()
    if not isinstance(qs, RestrictedQuerySet):
        raise UnrestrictedQuerySetError(f"{model.__name__} 的默认管理器不能 restrict()")
    return ensure_restricted(qs.restrict(user, action))
