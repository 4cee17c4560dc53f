"""The API's filter backend: the models' filter sets (``filtersets.py`` of each app), with an
invalid value answered as HTTP 400 ``{"detail": "筛选条件无效", "errors": {参数: [原因]}}``."""

from __future__ import annotations

from typing import Any

from django.db import models
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

from fazhi.core.org.filtersets import INVALID_FILTERS


class FilterBackend(DjangoFilterBackend):
    def filter_queryset(self, request: Any, queryset: models.QuerySet, view: Any) -> Any:
        # Filters narrow lists. A detail route (an entry, its history, the discretion answer)
        # names its record by id, and its own parameters (a fact, a date) are not filters.
        if getattr(view, "detail", False):
            return queryset
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            errors = {k: [str(m) for m in v] for k, v in filterset.errors.items()}
            raise ValidationError({"detail": INVALID_FILTERS, "errors": errors})
        # The view may read what the filters resolved to (e.g. the lists' as-of versions).
        view.filterset = filterset
        return filterset.qs
