from rest_framework import serializers

from fazhi.shell.api.base import ScopedReadOnlyViewSet

from .models import Suggestion


class SuggestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Suggestion
        fields = ["id", "case", "content", "answer"]


class SuggestionViewSet(ScopedReadOnlyViewSet):
    queryset = Suggestion.objects.all()
    serializer_class = SuggestionSerializer
