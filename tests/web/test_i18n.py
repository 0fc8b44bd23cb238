"""The web platform's French and Spanish catalogues: compiled from the current .po, placeholders intact."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest

from rightscope.report.i18n import parse_po

LOCALE = Path(__file__).resolve().parents[2] / "src" / "rightscope" / "web" / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def catalogue(lang: str) -> dict[str, str]:
    """msgid -> msgstr of the singular entries (plural entries are checked through gettext's ngettext)."""
    text = (LOCALE / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    blocks = [b for b in text.split("\n\n") if "msgid_plural" not in b]
    return parse_po("\n\n".join(blocks))


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_compiled_catalogue_matches_its_source(lang):
    folder = LOCALE / lang / "LC_MESSAGES"
    source = {k: v for k, v in catalogue(lang).items() if k}
    compiled = gettext.GNUTranslations((folder / "django.mo").open("rb"))
    stale = [msgid for msgid, msgstr in source.items() if compiled.gettext(msgid) != msgstr]
    assert not stale, f"{lang}: django.mo is older than django.po (make messages): {stale[:5]}"
    assert len(source) > 300, "the interface is translated"


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_translations_keep_their_placeholders(lang):
    source = catalogue(lang)
    broken = [m for m, t in source.items() if m and sorted(PLACEHOLDER.findall(m)) != sorted(PLACEHOLDER.findall(t))]
    assert not broken, broken[:5]
