"""The law browser's forms: search and applicable law by country."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rightscope.law.jurisdiction import CountryError

KIND_CHOICES = [
    ("", _("Provisions and guidance")),
    ("provision", _("Provisions only")),
    ("guidance", _("Guidance only")),
]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Words to look for"),
        max_length=500,
        error_messages={"required": _("Enter some words to search for.")},
        help_text=_("For example: arbitrary interference with privacy, or biometric surveillance of protests."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = forms.ChoiceField(label=_("Show"), choices=KIND_CHOICES, required=False)

    def clean_q(self) -> str:
        text: str = self.cleaned_data["q"].strip()
        if not text:
            raise forms.ValidationError(_("Enter some words to search for."))
        return text


class CountryForm(forms.Form):
    country = forms.CharField(
        label=_("Country"),
        max_length=100,
        error_messages={"required": _("Enter a country: an ISO code such as KE or a name such as Kenya.")},
        help_text=_("An ISO 3166-1 code such as KE or DEU, or a name such as Kenya or Côte d'Ivoire."),
    )


def country_problem(error: CountryError) -> str:
    """A country that could not be resolved, in the interface's language, with what it could mean."""
    options = ", ".join(f"{c.code} ({c.name})" for c in error.candidates)
    if error.ambiguous:
        return gettext("“%(query)s” could be %(options)s: give the ISO code.") % {
            "query": error.query,
            "options": options,
        }
    if options:
        return gettext("No country “%(query)s”. Did you mean %(options)s?") % {"query": error.query, "options": options}
    return gettext("No country “%(query)s”: give an ISO 3166-1 code such as KE, or a name such as Kenya.") % {
        "query": error.query
    }
