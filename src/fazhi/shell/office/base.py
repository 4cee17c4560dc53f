"""Base views of the back office. They accept only querysets that went through
``restrict(user, action)``: an unscoped one is an error under test and empty in production."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.http import HttpRequest
from django.views.generic import DetailView, ListView

from fazhi.core.org.scoping import Action, ensure_restricted, scoped


class ScopedMixin(LoginRequiredMixin):
    request: HttpRequest
    scope_action: Action = "view"

    def scoped_queryset(self) -> models.QuerySet:
        # ``model`` is the list or detail view's own attribute (or set in dispatch).
        model = getattr(self, "model", None)
        if model is None:
            raise ImproperlyConfigured(f"{type(self).__name__} 没有指定 model")
        return scoped(self.request, model, self.scope_action)

    def get_queryset(self) -> models.QuerySet:
        return ensure_restricted(self.scoped_queryset())


class ScopedListView(ScopedMixin, ListView):
    paginate_by = 50


class ScopedDetailView(ScopedMixin, DetailView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs)
