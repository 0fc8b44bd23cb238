"""Forms that edit the assessment document: each writes its fields into a copy of the plain document.

A form never builds a document from scratch. :meth:`apply` sets the keys it owns and leaves every other
key (comments aside, everything the author wrote) as it was; an optional field left empty is removed
only if the form owns it. Whole-document validation is :func:`document.save_version`'s job, so that a
form and an imported file are held to exactly the same rules.
"""

from __future__ import annotations

from typing import Any, get_args

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rightscope import law
from rightscope.assess import load_library
from rightscope.assess.schema import Automation, Involvement, MitigationStatus, SpecialData, Stage
from rightscope.law import jurisdiction
from rightscope.web.assessments.models import SignOff
from rightscope.web.lawbrowser.forms import country_problem

Document = dict[str, Any]

SCORE_CHOICES = {
    "scale": [
        (1, _("1 — minor")),
        (2, _("2 — moderate")),
        (3, _("3 — serious")),
        (4, _("4 — grave harm to life, liberty, livelihood or dignity")),
    ],
    "scope": [
        (1, _("1 — a few individuals")),
        (2, _("2 — a group of people")),
        (3, _("3 — many people")),
        (4, _("4 — a large population or a whole group")),
    ],
    "remediability": [
        (1, _("1 — fully and quickly remediable")),
        (2, _("2 — remediable with effort")),
        (3, _("3 — hard to remedy")),
        (4, _("4 — irreversible")),
    ],
    "likelihood": [
        (1, _("1 — unlikely")),
        (2, _("2 — possible")),
        (3, _("3 — likely")),
        (4, _("4 — almost certain or already occurring")),
    ],
}


def _choices(literal: Any) -> list[tuple[str, str]]:
    return [(value, value) for value in get_args(literal)]


def _list(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


def _set_optional(target: dict[str, Any], key: str, value: Any) -> None:
    """Set an optional key, or drop it when the form left it empty."""
    if value in (None, "", []):
        target.pop(key, None)
    else:
        target[key] = value


def sector_choices() -> list[tuple[str, str]]:
    return [(s.id, s.name) for s in sorted(load_library().sectors.values(), key=lambda s: s.name)]


class NewAssessmentForm(forms.Form):
    """The starter's questions (``rightscope init --interactive``); the sector template does the rest."""

    sector = forms.ChoiceField(label=_("sector template"), required=False)
    title = forms.CharField(label=_("name of the system and its use"), max_length=300)
    purpose = forms.CharField(
        label=_("its purpose and the decision it supports"), widget=forms.Textarea(attrs={"rows": 3})
    )
    technology = forms.CharField(label=_("the technology"), max_length=300)
    deployer = forms.CharField(label=_("deployer (who uses it)"), max_length=300)
    provider = forms.CharField(label=_("provider (who built it)"), max_length=300)
    countries = forms.CharField(
        label=_("deployment countries"), help_text=_("ISO 3166-1 codes or names, comma-separated, e.g. FR, DE.")
    )
    automation = forms.ChoiceField(label=_("automation"), choices=_choices(Automation), initial="human-in-the-loop")
    people_per_year = forms.IntegerField(label=_("people affected per year"), min_value=0, initial=0)
    lifecycle_stage = forms.ChoiceField(label=_("lifecycle stage"), choices=_choices(Stage), initial="design")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("none (a blank assessment)")), *sector_choices()]  # type: ignore[attr-defined]

    def clean_countries(self) -> list[str]:
        return _countries(self.cleaned_data["countries"])


def _countries(text: str) -> list[str]:
    """ISO codes of the countries named, or a validation error for each one not known, with near matches."""
    codes, problems = [], []
    for name in _list(text):
        try:
            codes.append(jurisdiction.country(name).code)
        except jurisdiction.CountryError as exc:
            problems.append(country_problem(exc))
    if problems:
        raise ValidationError(problems)
    if not codes:
        raise ValidationError(_("Name at least one country."))
    return codes


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("assessment file"),
        help_text=_("A rightscope/assessment/v1 file, YAML or JSON (rightscope init writes one)."),
    )
    note = forms.CharField(label=_("what changed"), max_length=500, required=False)

    def clean_file(self) -> tuple[str, str]:
        """The file's name and its text."""
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("The file is %(size)d bytes; the largest accepted is %(limit)d.")
                % {"size": upload.size, "limit": settings.MAX_UPLOAD_BYTES}
            )
        raw = upload.read()
        try:
            return str(upload.name or "upload"), str(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise ValidationError(_("The file is not UTF-8 text; save it as UTF-8 YAML or JSON.")) from None


class UseCaseForm(forms.Form):
    """Art. 27(1) (a)-(e): the use case, its people, data, automation and oversight."""

    title = forms.CharField(label=_("title"))
    purpose = forms.CharField(label=_("purpose"), widget=forms.Textarea(attrs={"rows": 3}))
    processes = forms.CharField(
        label=_("the deployer's processes in which it is used (Art. 27(1)(a))"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    sector = forms.ChoiceField(label=_("sector template"), required=False)
    technology = forms.CharField(label=_("technology"), widget=forms.Textarea(attrs={"rows": 2}))
    deployer = forms.CharField(label=_("deployer"))
    provider = forms.CharField(label=_("provider"), required=False)
    countries = forms.CharField(label=_("deployment countries"), help_text=_("ISO codes or names, comma-separated."))
    period_of_use = forms.CharField(label=_("period of use (Art. 27(1)(b))"), required=False)
    frequency = forms.CharField(label=_("frequency of use (Art. 27(1)(b))"), required=False)
    affected_people = forms.CharField(
        label=_("people affected (Art. 27(1)(c))"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One group per line: who | how many a year | groups in vulnerable situations (ids, comma-separated)."
        ),
    )
    data_categories = forms.CharField(label=_("data categories"), required=False, help_text=_("Comma-separated."))
    special_category_data = forms.MultipleChoiceField(
        label=_("special category data"),
        choices=_choices(SpecialData),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    decision_effect = forms.CharField(
        label=_("what the decision does to people"), widget=forms.Textarea(attrs={"rows": 2})
    )
    legal_or_similarly_significant_effect = forms.BooleanField(
        label=_("legal or similarly significant effect"), required=False
    )
    automation = forms.ChoiceField(label=_("automation"), choices=_choices(Automation))
    human_oversight = forms.CharField(
        label=_("human oversight measures (Art. 27(1)(e))"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    people_per_year = forms.IntegerField(label=_("people affected per year"), min_value=0, required=False)
    lifecycle_stage = forms.ChoiceField(label=_("lifecycle stage"), choices=_choices(Stage))
    description = forms.CharField(
        label=_("plain description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Read by identify to screen for rights at stake."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", pgettext_lazy("sector template", "none")), *sector_choices()]  # type: ignore[attr-defined]

    @classmethod
    def initial_from(cls, document: Document) -> dict[str, Any]:
        use_case = document["use_case"]
        people = [
            " | ".join(
                [
                    str(p.get("group", "")),
                    "" if p.get("size") is None else str(p["size"]),
                    ", ".join(p.get("vulnerable_groups") or []),
                ]
            ).rstrip(" |")
            for p in use_case.get("affected_people") or []
        ]
        initial = {key: use_case.get(key) for key in cls.base_fields if key in use_case}
        initial.update(
            deployer=(use_case.get("deployer") or {}).get("name", ""),
            provider=(use_case.get("provider") or {}).get("name", ""),
            countries=", ".join(use_case.get("countries") or []),
            affected_people="\n".join(people),
            data_categories=", ".join(use_case.get("data_categories") or []),
        )
        return initial

    def clean_countries(self) -> list[str]:
        return _countries(self.cleaned_data["countries"])

    def clean_data_categories(self) -> list[str]:
        return _list(self.cleaned_data["data_categories"])

    def clean_affected_people(self) -> list[dict[str, Any]]:
        groups = []
        for number, line in enumerate(self.cleaned_data["affected_people"].splitlines(), start=1):
            if not line.strip():
                continue
            who, size, vulnerable = ([*line.split("|"), "", ""])[:3]
            entry: dict[str, Any] = {"group": who.strip()}
            if not entry["group"]:
                raise ValidationError(_("Line %(n)d: name the group before the first |.") % {"n": number})
            if size.strip():
                try:
                    entry["size"] = int(size.strip().replace(",", "").replace(" ", ""))
                except ValueError:
                    raise ValidationError(
                        _("Line %(n)d: '%(size)s' is not a whole number of people.") % {"n": number, "size": size}
                    ) from None
            entry["vulnerable_groups"] = _list(vulnerable)
            groups.append(entry)
        if not groups:
            raise ValidationError(_("Name at least one group of people affected."))
        return groups

    def apply(self, document: Document) -> Document:
        use_case = document["use_case"]
        data = self.cleaned_data
        for key in ("title", "purpose", "technology", "decision_effect", "automation", "lifecycle_stage"):
            use_case[key] = data[key]
        for key in ("processes", "sector", "period_of_use", "frequency", "human_oversight", "description"):
            _set_optional(use_case, key, data[key] or None)
        use_case["deployer"] = {**(use_case.get("deployer") or {}), "name": data["deployer"]}
        if data["provider"]:
            use_case["provider"] = {**(use_case.get("provider") or {}), "name": data["provider"]}
        else:
            use_case.pop("provider", None)
        use_case["countries"] = data["countries"]
        use_case["affected_people"] = data["affected_people"]
        use_case["data_categories"] = data["data_categories"]
        use_case["special_category_data"] = data["special_category_data"]
        use_case["legal_or_similarly_significant_effect"] = data["legal_or_similarly_significant_effect"]
        _set_optional(use_case, "people_per_year", data["people_per_year"])
        return document


class RiskForm(forms.Form):
    """One risk: the right at stake, how the harm happens, its UNGP scores and the mitigations chosen."""

    id = forms.RegexField(
        label=_("risk id"),
        regex=r"^[A-Za-z0-9_.-]+$",
        max_length=100,
        help_text=_("Letters, digits, '.', '_' or '-', e.g. R4."),
    )
    right = forms.ChoiceField(label=_("the right at stake"))
    harm_pattern = forms.ChoiceField(label=_("harm pattern"), required=False)
    scenario = forms.CharField(
        label=_("scenario: how the harm would happen, to whom"), widget=forms.Textarea(attrs={"rows": 3}), min_length=10
    )
    affected_groups = forms.MultipleChoiceField(
        label=_("groups in vulnerable situations affected"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    scale = forms.TypedChoiceField(label=_("scale (gravity)"), choices=SCORE_CHOICES["scale"], coerce=int)
    scope = forms.TypedChoiceField(label=_("scope (reach)"), choices=SCORE_CHOICES["scope"], coerce=int)
    remediability = forms.TypedChoiceField(label=_("remediability"), choices=SCORE_CHOICES["remediability"], coerce=int)
    likelihood = forms.TypedChoiceField(label=_("likelihood"), choices=SCORE_CHOICES["likelihood"], coerce=int)
    involvement = forms.ChoiceField(
        label=_("involvement (UNGP 13, 19)"), choices=_choices(Involvement), initial="cause"
    )
    evidence = forms.CharField(label=_("evidence"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    mitigations = forms.MultipleChoiceField(
        label=_("mitigations"), required=False, widget=forms.SelectMultiple(attrs={"size": 8})
    )
    owner = forms.CharField(label=_("owner"), max_length=200, required=False)

    def __init__(self, *args: Any, document: Document, editing: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.document = document
        self.editing = editing
        custom = [(m["id"], f"{m['name']} ({_('own measure')})") for m in document.get("custom_mitigations") or []]
        library = sorted(load_library().mitigations.values(), key=lambda m: m.name)
        self.fields["right"].choices = [(r.id, r.name) for r in sorted(law.rights(), key=lambda r: r.name)]  # type: ignore[attr-defined]
        self.fields["harm_pattern"].choices = [  # type: ignore[attr-defined]
            ("", pgettext_lazy("harm pattern", "none")),
            *[(h.id, h.name) for h in sorted(law.harm_patterns(), key=lambda h: h.name)],
        ]
        self.fields["affected_groups"].choices = [(g.id, g.name) for g in sorted(law.groups(), key=lambda g: g.name)]  # type: ignore[attr-defined]
        self.fields["mitigations"].choices = [(m.id, m.name) for m in library] + custom  # type: ignore[attr-defined]

    @staticmethod
    def initial_from(risk: dict[str, Any]) -> dict[str, Any]:
        return {key: risk.get(key) for key in RiskForm.base_fields if key in risk}

    def clean_id(self) -> str:
        risk_id: str = self.cleaned_data["id"]
        taken = {r["id"] for r in self.document.get("risks") or []} - {self.editing}
        if risk_id in taken:
            raise ValidationError(_("Another risk has the id %(id)s; choose another.") % {"id": risk_id})
        return risk_id

    def apply(self, document: Document) -> Document:
        data = self.cleaned_data
        risks = document.setdefault("risks", [])
        existing = next((r for r in risks if r["id"] == self.editing), None)
        risk = existing if existing is not None else {}
        for key in ("id", "right", "scenario", "scale", "scope", "remediability", "likelihood", "involvement"):
            risk[key] = data[key]
        risk["affected_groups"] = data["affected_groups"]
        risk["mitigations"] = data["mitigations"]
        for key in ("harm_pattern", "evidence", "owner"):
            _set_optional(risk, key, data[key] or None)
        if existing is None:
            risks.append(risk)
        elif self.editing != risk["id"]:
            _rename_risk(document, self.editing or "", risk["id"])
        sync_mitigation_status(document)
        return document


def _rename_risk(document: Document, old: str, new: str) -> None:
    """A renamed risk keeps the KPIs that watch it."""
    for plan in (document.get("monitoring") or {}).get("kpis") or []:
        plan["risks"] = [new if r == old else r for r in plan.get("risks") or []]


def remove_risk(document: Document, risk_id: str) -> Document:
    document["risks"] = [r for r in document.get("risks") or [] if r["id"] != risk_id]
    for plan in (document.get("monitoring") or {}).get("kpis") or []:
        plan["risks"] = [r for r in plan.get("risks") or [] if r != risk_id]
    sync_mitigation_status(document)
    return document


def sync_mitigation_status(document: Document) -> None:
    """Every mitigation a risk uses has a status (new ones start as planned); unused ones lose theirs."""
    chosen = [m for r in document.get("risks") or [] for m in r.get("mitigations") or []]
    states = document.get("mitigations") or {}
    document["mitigations"] = {m: states.get(m, {"status": "planned"}) for m in dict.fromkeys(chosen)}


class MitigationStateForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=_choices(MitigationStatus))
    owner = forms.CharField(label=_("owner"), max_length=200, required=False)
    due = forms.DateField(label=_("due"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("note"), max_length=1000, required=False)

    def apply(self, document: Document, mitigation_id: str) -> Document:
        state = dict((document.get("mitigations") or {}).get(mitigation_id) or {})
        state["status"] = self.cleaned_data["status"]
        for key in ("owner", "note"):
            _set_optional(state, key, self.cleaned_data[key] or None)
        due = self.cleaned_data["due"]
        _set_optional(state, "due", due.isoformat() if due else None)
        document.setdefault("mitigations", {})[mitigation_id] = state
        return document


class KpiForm(forms.Form):
    """A KPI of the monitoring plan: what ``rightscope monitor run`` computes and its thresholds."""

    kpi = forms.ChoiceField(label=_("KPI"))
    risks = forms.MultipleChoiceField(label=_("risks it watches"), required=False)
    warn = forms.FloatField(label=_("warning threshold"), required=False, help_text=_("Empty: the library's."))
    breach = forms.FloatField(label=_("breach threshold"), required=False, help_text=_("Empty: the library's."))
    cadence = forms.ChoiceField(
        label=_("cadence"),
        required=False,
        choices=[("", _("the library's")), ("weekly", "weekly"), ("monthly", "monthly"), ("quarterly", "quarterly")],
    )
    group_columns = forms.CharField(
        label=_("decision-log columns for group metrics"),
        required=False,
        help_text=_("Comma-separated, e.g. sex, age_band."),
    )
    reference = forms.CharField(label=_("reference group"), required=False, max_length=300)
    trigger = forms.CharField(label=_("what happens on breach"), required=False, max_length=500)

    def __init__(self, *args: Any, document: Document, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kpi"].choices = [  # type: ignore[attr-defined]
            (k.id, f"{k.name} ({k.id})") for k in sorted(load_library().kpis.values(), key=lambda k: k.name)
        ]
        self.fields["risks"].choices = [(r["id"], r["id"]) for r in document.get("risks") or []]  # type: ignore[attr-defined]

    def clean_group_columns(self) -> list[str]:
        return _list(self.cleaned_data["group_columns"])

    def apply(self, document: Document) -> Document:
        data = self.cleaned_data
        plan: dict[str, Any] = {"kpi": data["kpi"], "risks": data["risks"]}
        for key in ("warn", "breach", "cadence", "reference", "trigger"):
            _set_optional(plan, key, data[key] if data[key] not in ("", None) else None)
        if data["group_columns"]:
            plan["group_columns"] = data["group_columns"]
        document.setdefault("monitoring", {}).setdefault("kpis", []).append(plan)
        return document


class SignOffForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = SignOff
        fields = ["decision", "role", "conditions"]
        widgets = {"conditions": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") in {"approved-with-conditions", "rejected"} and not data.get("conditions"):
            self.add_error("conditions", _("Say what the conditions or the reasons are."))
        return data


class VersionNoteForm(forms.Form):
    note = forms.CharField(label=_("what changed"), max_length=500, required=False)
