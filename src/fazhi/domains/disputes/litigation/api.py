from __future__ import annotations

from rest_framework import serializers

from fazhi.shell.api.base import ScopedReadOnlyViewSet

from ..models import Appearance, JudicialSuggestion, LawsuitCase
from .filtersets import AppearanceFilterSet, JudicialSuggestionFilterSet, LawsuitCaseFilterSet


class LawsuitCaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = LawsuitCase
        # The plaintiffs' names stay on the case page (personal data).
        fields = ["id", "case", "cause", "served_on", "outcome", "ended_on"]


class LawsuitCaseViewSet(ScopedReadOnlyViewSet):
    queryset = LawsuitCase.objects.select_related("case").order_by("-served_on", "-pk")
    serializer_class = LawsuitCaseSerializer
    filterset_class = LawsuitCaseFilterSet


class AppearanceSerializer(serializers.ModelSerializer):
    held_on = serializers.DateField(source="hearing.held_on", read_only=True)

    class Meta:
        model = Appearance
        fields = [
            "id",
            "hearing",
            "held_on",
            "defendant",
            "appearer",
            "post",
            "absence_reason",
            "absence_note",
            "head_requested",
        ]


class AppearanceViewSet(ScopedReadOnlyViewSet):
    queryset = Appearance.objects.select_related("hearing").order_by("-hearing__held_on", "-pk")
    serializer_class = AppearanceSerializer
    filterset_class = AppearanceFilterSet


class JudicialSuggestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = JudicialSuggestion
        fields = [
            "id",
            "lawsuit",
            "addressed_to",
            "court",
            "received_on",
            "content",
            "reply_due",
            "due_basis",
            "replied_on",
        ]


class JudicialSuggestionViewSet(ScopedReadOnlyViewSet):
    queryset = JudicialSuggestion.objects.order_by("-received_on", "-pk")
    serializer_class = JudicialSuggestionSerializer
    filterset_class = JudicialSuggestionFilterSet
