"""The two officers who carry out an act (行政处罚法 第四十二条, 行政强制法 第十八条), chosen on a
step's or a document's form: the case's own department's officers with an issued credential.
Whether each credential is valid on the day of the act is the step's gate
(``workflow.two_credentialed_officers``); the form records who acted, with the credential
number each held, as ``officers``."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.casework.models import Case
from fazhi.core.org.models import Officer


class OfficerPair(forms.Form):
    # Where no step's gate follows (a document's form), the form itself refuses one officer
    # chosen twice, naming this basis; a step's gate names its own law's article.
    distinct_basis = ""

    # Unbound, the form offers no officer: only bind_case() opens the case's own department's.
    officer_a = forms.ModelChoiceField(label="执法人员（一）", queryset=Officer.objects.none())
    officer_b = forms.ModelChoiceField(label="执法人员（二）", queryset=Officer.objects.none())

    def bind_case(self, case: Case) -> None:
        """The officers of the department handling the case, with an issued credential."""
        officers = Officer.objects.filter(
            department=case.owner_unit(), status="issued"
        ).select_related("person")
        for name in ("officer_a", "officer_b"):
            field = self.fields[name]
            if isinstance(field, forms.ModelChoiceField):
                field.queryset = officers

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        a, b = data.pop("officer_a", None), data.pop("officer_b", None)
        if self.distinct_basis and a is not None and b is not None and a == b:
            raise forms.ValidationError(f"须由两名不同的执法人员进行（{self.distinct_basis}）")
        data["officers"] = [
            {"id": o.pk, "name": o.person.name, "credential_no": o.credential_no}
            for o in (a, b)
            if o is not None
        ]
        return data
