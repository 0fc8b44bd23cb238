"""The web platform's French and Spanish catalogues: compiled from the current .po, placeholders intact."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import pytest

from rightscope.report.i18n import parse_po

LOCALE = Path(__file__).resolve().parents[2] / "src" / "rightscope" / "web" / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def blocks(lang: str) -> list[str]:
    return (LOCALE / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8").split("\n\n")


def catalogue(lang: str) -> dict[str, str]:
    """msgid -> msgstr of the singular entries without a context (plural entries are checked through gettext's
    ngettext, context-marked ones by :func:`in_context`)."""
    plain = [
        b for b in blocks(lang) if "msgid_plural" not in b and not b.startswith("msgctxt ") and "\nmsgctxt " not in b
    ]
    return parse_po("\n\n".join(plain))


def in_context(lang: str) -> dict[tuple[str, str], str]:
    """(msgctxt, msgid) -> msgstr of the context-marked entries (one line each: the catalogues are unwrapped)."""
    found = {}
    for block in blocks(lang):
        fields = dict(
            line.split(" ", 1) for line in block.splitlines() if line.startswith(("msgctxt ", "msgid ", "msgstr "))
        )
        if "msgctxt" in fields:
            found[ast.literal_eval(fields["msgctxt"]), ast.literal_eval(fields["msgid"])] = ast.literal_eval(
                fields["msgstr"]
            )
    return found


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_compiled_catalogue_matches_its_source(lang):
    folder = LOCALE / lang / "LC_MESSAGES"
    source = {k: v for k, v in catalogue(lang).items() if k}
    compiled = gettext.GNUTranslations((folder / "django.mo").open("rb"))
    stale = [msgid for msgid, msgstr in source.items() if compiled.gettext(msgid) != msgstr]
    assert not stale, f"{lang}: django.mo is older than django.po (make messages): {stale[:5]}"
    assert len(source) > 300, "the interface is translated"
    marked = in_context(lang)
    stale_marked = [key for key, msgstr in marked.items() if compiled.pgettext(*key) != msgstr or not msgstr]
    assert not stale_marked, f"{lang}: context-marked entries missing from django.mo: {stale_marked[:5]}"
    assert ("role", "Owner") in marked and ("mitigation", "Owner") in marked


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_translations_keep_their_placeholders(lang):
    source = catalogue(lang)
    broken = [m for m, t in source.items() if m and sorted(PLACEHOLDER.findall(m)) != sorted(PLACEHOLDER.findall(t))]
    assert not broken, broken[:5]
