"""Browse the law: instruments, provisions, rights, guidance, search and applicable law by country.

Every page is public and reads the knowledge base through ``rightscope.law`` (and ``law.search``,
``law.jurisdiction``); nothing here adds to or reinterprets it. An unknown id is *404 Not Found*.
Guidance not verified against the official document is left out, as ``rightscope.law.guidance()``
does by default.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _

from rightscope import law
from rightscope.errors import UnknownIdError
from rightscope.law import jurisdiction
from rightscope.law.models import Guidance, Instrument, Provision
from rightscope.web.lawbrowser.forms import CountryForm, SearchForm, country_problem

SYSTEM_NAMES = {
    "UN": _("United Nations"),
    "CoE": _("Council of Europe"),
    "EU": _("European Union"),
    "AU": _("African Union"),
    "OAS": _("Organization of American States"),
}
# The six official UN languages, each named in itself (the UDHR has all six in the knowledge base).
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "ar": "العربية", "zh": "中文", "ru": "Русский"}
# ``jurisdiction``'s membership keys -> system codes.
MEMBERSHIPS = {"un": "UN", "coe": "CoE", "eu": "EU", "au": "AU", "oas": "OAS"}
RTL_LANGUAGES = frozenset({"ar"})
SEARCH_RESULTS = 20


def _not_found(error: UnknownIdError) -> Http404:
    return Http404(str(error))


def _instrument(instrument_id: str) -> Instrument:
    try:
        return law.instrument(instrument_id)
    except UnknownIdError as error:
        raise _not_found(error) from error


def _verified_guidance() -> dict[str, Guidance]:
    return {g.id: g for g in law.guidance()}


def provision_url(provision_id: str) -> str:
    """The page of a provision id ``instrument:article``."""
    instrument_id, _sep, article = provision_id.partition(":")
    return reverse("law:provision", kwargs={"instrument": instrument_id, "article": article})


def index(request: HttpRequest) -> HttpResponse:
    systems: dict[str, list[Instrument]] = {}
    for item in law.instruments():
        systems.setdefault(item.system, []).append(item)
    groups = [
        {"code": code, "name": SYSTEM_NAMES.get(code, code), "instruments": items} for code, items in systems.items()
    ]
    return render(
        request,
        "lawbrowser/index.html",
        {
            "systems": groups,
            "instrument_count": sum(len(g["instruments"]) for g in groups),
            "right_count": len(law.rights()),
            "guidance_count": len(law.guidance()),
        },
    )


def instrument(request: HttpRequest, instrument: str) -> HttpResponse:
    item = _instrument(instrument)
    if item.id != instrument:
        return redirect("law:instrument", instrument=item.id, permanent=True)
    parent = law.instrument(item.parent) if item.parent else None
    protocols = [i for i in law.instruments() if i.parent == item.id]
    return render(
        request,
        "lawbrowser/instrument.html",
        {
            "instrument": item,
            "system_name": SYSTEM_NAMES.get(item.system, item.system),
            "parent": parent,
            "protocols": protocols,
            "provisions": law.provisions(item.id),
            "languages": [(code, LANGUAGE_NAMES.get(code, code)) for code in item.languages],
        },
    )


def _neighbours(item: Provision) -> tuple[Provision | None, Provision | None]:
    siblings = law.provisions(item.instrument)
    at = next(i for i, p in enumerate(siblings) if p.id == item.id)
    return (siblings[at - 1] if at > 0 else None), (siblings[at + 1] if at + 1 < len(siblings) else None)


def provision(request: HttpRequest, instrument: str, article: str) -> HttpResponse:
    owner = _instrument(instrument)
    try:
        item = law.provision(owner.id, article)
    except UnknownIdError as error:
        raise _not_found(error) from error
    if item.instrument != instrument or item.article != article:
        return redirect("law:provision", instrument=item.instrument, article=item.article, permanent=True)
    languages = item.languages
    lang = request.GET.get("lang", "en")
    unknown_lang = lang not in languages and lang != "en"
    if lang not in languages:
        lang = "en"
    rights = [law.right(r) for r in item.rights]
    citing = [g for g in law.guidance() if item.id in g.articles]
    previous, following = _neighbours(item)
    return render(
        request,
        "lawbrowser/provision.html",
        {
            "provision": item,
            "instrument": owner,
            "text": item.text_in(lang) if item.text_available else None,
            "lang": lang,
            "dir": "rtl" if lang in RTL_LANGUAGES else "ltr",
            "lang_name": LANGUAGE_NAMES.get(lang, lang),
            "languages": [(code, LANGUAGE_NAMES.get(code, code)) for code in languages],
            "unknown_lang": request.GET.get("lang") if unknown_lang else None,
            "rights": rights,
            "guidance": citing,
            "previous": previous,
            "next": following,
        },
    )


def rights(request: HttpRequest) -> HttpResponse:
    verified = _verified_guidance()
    items = [{"right": r, "guidance_count": sum(1 for g in r.guidance if g in verified)} for r in law.rights()]
    return render(request, "lawbrowser/rights.html", {"rights": items})


def right(request: HttpRequest, right: str) -> HttpResponse:
    try:
        item = law.right(right)
    except UnknownIdError as error:
        raise _not_found(error) from error
    if item.id != right:
        return redirect("law:right", right=item.id, permanent=True)
    verified = _verified_guidance()
    instruments = {i.id: i for i in law.instruments()}
    provisions = [law.resolve_provision_id(ref) for ref in item.provisions]
    return render(
        request,
        "lawbrowser/right.html",
        {
            "right": item,
            "udhr": [law.provision("udhr", a) for a in item.udhr],
            "provisions": [(p, instruments[p.instrument]) for p in provisions],
            "groups": [(law.group(g.group), [law.resolve_provision_id(r) for r in g.provisions]) for g in item.groups],
            "guidance": [verified[g] for g in item.guidance if g in verified],
            "related": [law.right(r) for r in item.related],
        },
    )


def guidance_list(request: HttpRequest) -> HttpResponse:
    tech = request.GET.get("tech") == "1"
    return render(
        request, "lawbrowser/guidance_list.html", {"documents": law.guidance(tech=True if tech else None), "tech": tech}
    )


def guidance(request: HttpRequest, guidance: str) -> HttpResponse:
    try:
        doc = law.guidance_document(guidance)
    except UnknownIdError as error:
        raise _not_found(error) from error
    if doc.id != guidance:
        return redirect("law:guidance", guidance=doc.id, permanent=True)
    return render(
        request,
        "lawbrowser/guidance.html",
        {
            "doc": doc,
            "rights": [law.right(r) for r in doc.rights],
            "articles": [law.resolve_provision_id(a) for a in doc.articles],
            "key_paragraphs": [k for k in doc.key_paragraphs if k.verified],
            "paragraphs": law.guidance_paragraphs(doc.id),
        },
    )


def _hit_url(hit: law.SearchHit) -> str:
    if hit.kind == "provision":
        return provision_url(hit.ref)
    doc_id, _sep, paragraph = hit.ref.partition("#")
    url = reverse("law:guidance", kwargs={"guidance": doc_id})
    return f"{url}#para-{paragraph}" if paragraph else url


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET if "q" in request.GET else None)
    results: list[dict[str, Any]] | None = None
    if form.is_valid():
        kind = form.cleaned_data["kind"] or None
        hits = law.search(form.cleaned_data["q"], k=SEARCH_RESULTS, kind=kind)
        results = [{"hit": h, "url": _hit_url(h)} for h in hits]
    context = {"form": form, "results": results}
    # Live results (htmx) get the results alone; a history restore after a reload needs the whole page.
    live = request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request")
    response = render(request, "lawbrowser/_search_results.html" if live else "lawbrowser/search.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def applicable(request: HttpRequest) -> HttpResponse:
    form = CountryForm(request.GET if "country" in request.GET else None)
    result: jurisdiction.CountryLaw | None = None
    suggestions: tuple[jurisdiction.Country, ...] = ()
    if form.is_valid():
        try:
            result = jurisdiction.applicable_to(jurisdiction.country(form.cleaned_data["country"]))
        except jurisdiction.CountryError as error:
            form.add_error("country", country_problem(error))
            suggestions = error.candidates
    context: dict[str, Any] = {"form": form, "result": result, "suggestions": suggestions}
    if result is not None:
        instruments = {i.id: i for i in law.instruments()}
        context["bindings"] = [(b, instruments[b.instrument]) for b in result.instruments]
        context["memberships"] = [
            (SYSTEM_NAMES.get(MEMBERSHIPS.get(code, code), code), status) for code, status in result.memberships.items()
        ]
        used = {b.source for b in result.instruments} | {lever.source for lever in result.levers}
        context["sources"] = [s for s in jurisdiction.sources() if s.key in used]
    return render(request, "lawbrowser/applicable.html", context)
