"""The "my submissions" page: each domain registers where an account's submissions are.

A domain (consultation comments, reconsideration applications, complaints, credit-repair
requests…) calls ``register_submissions`` from its ``AppConfig.ready()`` with a callable that
returns the account's own submissions as ``SubmissionItem``s — filtered on the submission's
account, never anyone else's. ``submissions_for(account)`` gathers them for the "my submissions"
page. Each item names the account it belongs to, and an item of another account is refused
(an error under strict scoping, dropped and logged in production): one domain's slip must not
show one citizen another's complaint.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings

from .models import PublicAccount

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SubmissionItem:
    account_id: int
    title: str
    submitted_at: datetime | date
    status: str
    url: str = ""
    reference: str = ""  # the number the department gave it (受理编号), if any


@dataclass(frozen=True)
class SubmissionSource:
    key: str
    label: str
    fetch: Callable[[PublicAccount], Iterable[SubmissionItem]] = field(compare=False)


@dataclass(frozen=True)
class SubmissionGroup:
    source: SubmissionSource
    items: list[SubmissionItem]


_SOURCES: dict[str, SubmissionSource] = {}


class ForeignSubmissionError(RuntimeError):
    """A source returned a submission of another account."""


def register_submissions(
    key: str, label: str, fetch: Callable[[PublicAccount], Iterable[SubmissionItem]]
) -> None:
    """Register a domain's submissions (e.g. ``("complaints", "投诉举报", fetch)``)."""
    existing = _SOURCES.get(key)
    if existing is not None and existing.fetch is not fetch:
        raise ValueError(f"提交记录来源「{key}」已被注册")
    _SOURCES[key] = SubmissionSource(key, label, fetch)


def unregister_submissions(key: str) -> None:
    _SOURCES.pop(key, None)


def sources() -> list[SubmissionSource]:
    return list(_SOURCES.values())


def submissions_for(account: PublicAccount) -> list[SubmissionGroup]:
    """Every registered source's submissions of ``account``, newest first within a source."""
    groups = []
    for source in _SOURCES.values():
        items = []
        for item in source.fetch(account):
            if item.account_id != account.pk:
                message = f"提交记录来源「{source.key}」返回了其他账号的记录"
                if settings.FAZHI_STRICT_SCOPING:
                    raise ForeignSubmissionError(message)
                log.error(message)
                continue
            items.append(item)
        items.sort(key=lambda i: _sort_key(i.submitted_at), reverse=True)
        groups.append(SubmissionGroup(source, items))
    return groups


def _sort_key(value: datetime | date) -> tuple[int, int, int, float]:
    if isinstance(value, datetime):
        return (value.year, value.month, value.day, value.timestamp())
    return (value.year, value.month, value.day, 0.0)
