"""Forms of consultations: the assessor's settings and the stakeholder's input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rightscope.web.consultations.models import Consultation, Submission
from rightscope.web.orgs.models import Organisation, Role

MAX_INPUT_CHARS = 10_000


class ConsultationForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Consultation
        fields = ["title", "plain_summary", "language", "closes", "is_open", "stakeholders", "assessor_summary"]
        widgets = {
            "closes": forms.DateInput(attrs={"type": "date"}),
            "plain_summary": forms.Textarea(attrs={"rows": 6}),
            "assessor_summary": forms.Textarea(attrs={"rows": 5}),
            "stakeholders": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the organisation's stakeholder accounts can be invited by account; others use the link.
        field = self.fields["stakeholders"]
        field.queryset = field.queryset.filter(  # type: ignore[attr-defined]
            memberships__organisation=organisation, memberships__role=Role.STAKEHOLDER
        ).order_by("username")
        field.help_text = _("Stakeholder accounts of this organisation who see it on their start page.")


class SubmissionForm(forms.ModelForm):  # type: ignore[type-arg]
    """What a stakeholder sends. Consent to use the input is required; consent to share it is not."""

    risk_id = forms.ChoiceField(label=_("What your input is about"), required=False)

    class Meta:
        model = Submission
        fields = ["risk_id", "text", "name", "contact", "consent_processing", "consent_share"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8, "maxlength": MAX_INPUT_CHARS})}

    def __init__(self, *args: Any, risks: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        about = self.fields["risk_id"]
        assert isinstance(about, forms.ChoiceField)
        about.choices = [("", _("The system in general, or something not listed")), *risks]
        self.fields["consent_processing"].required = True
        self.fields["consent_processing"].help_text = _(
            "Needed to take your input into account. It is used only for this assessment."
        )
        self.fields["consent_share"].help_text = _(
            "Without it, only the people running the assessment read your words, and reports give counts only."
        )
        self.fields["name"].help_text = _("Never shown in reports.")

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Please write your input."))
        if len(text) > MAX_INPUT_CHARS:
            raise forms.ValidationError(
                _("Please keep your input under %(n)d characters (it has %(m)d).")
                % {"n": MAX_INPUT_CHARS, "m": len(text)}
            )
        return text

    def clean_consent_processing(self) -> bool:
        if not self.cleaned_data.get("consent_processing"):
            raise forms.ValidationError(_("Your input can only be used with your consent: please tick the box."))
        return True
