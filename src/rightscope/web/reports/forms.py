"""The report options: what, in which format, lens and language, of which version (and monitoring run)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rightscope import report
from rightscope.report.i18n import languages
from rightscope.web.assessments.models import Assessment

KIND_CHOICES = [
    ("report", _("The HRIA/FRIA report (or the monitoring report, with a monitoring run)")),
    ("fria-notification", _("EU AI Act Art. 27(3) notification content (JSON)")),
    ("risk-register", _("Risk register (CSV)")),
    ("oscal", _("OSCAL assessment results (JSON)")),
]
FORMAT_CHOICES = [("html", "HTML"), ("pdf", "PDF"), ("docx", "Word (DOCX)"), ("md", "Markdown"), ("json", "JSON")]
LENS_CHOICES = [("rights", _("Rights: findings by right")), ("compliance", _("Compliance: in the frameworks' terms"))]
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("what"), choices=KIND_CHOICES, initial="report")
    format = forms.ChoiceField(label=_("format"), choices=FORMAT_CHOICES, initial="html")
    lens = forms.ChoiceField(label=_("lens"), choices=LENS_CHOICES, initial="rights")
    lang = forms.ChoiceField(label=_("language"))
    version = forms.TypedChoiceField(label=_("version"), coerce=int)
    run = forms.TypedChoiceField(label=_("monitoring run"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, assessment: Assessment, runs: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assert set(report.FORMATS) == {value for value, _label in FORMAT_CHOICES}
        self.fields["lang"].choices = [(code, LANGUAGE_NAMES.get(code, code)) for code in languages()]  # type: ignore[attr-defined]
        numbers = list(assessment.versions.order_by("-number").values_list("number", flat=True))
        self.fields["version"].choices = [(n, _("version %(n)d") % {"n": n}) for n in numbers]  # type: ignore[attr-defined]
        self.fields["run"].choices = [("", _("none: the assessment report")), *runs]  # type: ignore[attr-defined]
        self.initial.setdefault("version", numbers[0] if numbers else None)
