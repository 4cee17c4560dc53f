from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import admin

from fazhi.core.org.admin_base import ReadOnlyAdmin, ScopedModelAdmin

from .models import Case, Deadline, DocumentNumbering, Event, ServiceConsent


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "kind", "state", "opened_on"]
    search_fields = ["number"]


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["case", "at", "kind", "actor"]


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyAdmin):
    list_display = ["case", "name", "due", "status", "provisional"]


class DocumentNumberingForm(forms.ModelForm):
    number_type = forms.ChoiceField(label="文书类别")

    class Meta:
        model = DocumentNumbering
        fields = ["org_unit", "number_type", "prefix"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .documents import number_types

        # Only the sequences a registered form draws from: a typo would be a prefix no
        # document ever finds.
        field = cast(forms.ChoiceField, self.fields["number_type"])  # declared above
        field.choices = [(t, t) for t in number_types()]


@admin.register(DocumentNumbering)
class DocumentNumberingAdmin(ScopedModelAdmin):
    form = DocumentNumberingForm
    list_display = ["org_unit", "number_type", "prefix"]
    list_filter = ["number_type"]
    search_fields = ["prefix", "org_unit__name"]
    raw_id_fields = ["org_unit"]


@admin.register(ServiceConsent)
class ServiceConsentAdmin(ReadOnlyAdmin):
    list_display = ["party", "channel", "address", "consented_on"]
