from django.db import models

from fazhi.core.org.scoping import RestrictedManager, Scope


class Suggestion(models.Model):
    case = models.OneToOneField("casework.Case", on_delete=models.CASCADE, related_name="+")
    content = models.TextField("建议内容")
    answer = models.TextField("答复", blank=True)

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "意见建议"
        verbose_name_plural = "意见建议"

    def __str__(self) -> str:
        return self.content[:20]
