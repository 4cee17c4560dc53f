"""Base views of the back office. They accept only querysets that went through
``restrict(user, action)``: an unscoped one is an error under test and empty in production."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import models
from django.views.generic import DetailView, ListView

from fazhi.core.org.scoping import ensure_restricted


class ScopedMixin(LoginRequiredMixin):
    model: type[models.Model]
    scope_action = "view"

    def scoped_queryset(self) -> models.QuerySet:
        return self.model._default_manager.restrict(self.request.user, self.scope_action)

    def get_queryset(self) -> models.QuerySet:
        return ensure_restricted(self.scoped_queryset())


class ScopedListView(ScopedMixin, ListView):
    paginate_by = 50


class ScopedDetailView(ScopedMixin, DetailView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs)
