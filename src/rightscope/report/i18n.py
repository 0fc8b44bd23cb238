"""Report languages: gettext catalogues in ``report/locale/LANG/LC_MESSAGES/rightscope.po``.

English is the source language. The ``.po`` files are the only committed form: at run time each is
compiled in memory to the ``.mo`` format (the logic of CPython's ``Tools/i18n/msgfmt.py``) and read with
:class:`gettext.GNUTranslations`, so nothing has to be built or downloaded. Entries marked fuzzy or
left empty fall back to English. To add a language, see ``docs/reports.md``.
"""

from __future__ import annotations

import array
import ast
import gettext
import io
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from rightscope.errors import UnknownIdError

SOURCE_LANGUAGE = "en"
DOMAIN = "rightscope"
MO_MAGIC = 0x950412DE


def languages() -> list[str]:
    """The report languages: English and every language with a catalogue."""
    locale = resources.files("rightscope.report").joinpath("locale")
    found = sorted(p.name for p in locale.iterdir() if p.joinpath("LC_MESSAGES").joinpath(f"{DOMAIN}.po").is_file())
    return [SOURCE_LANGUAGE, *found]


def check_language(lang: str) -> str:
    """``lang`` normalised, or :class:`UnknownIdError` with the supported languages."""
    wanted = lang.strip().lower()
    if wanted not in languages():
        raise UnknownIdError("report language", lang, languages())
    return wanted


def parse_po(text: str) -> dict[str, str]:
    """msgid -> msgstr of a ``.po`` file; fuzzy and untranslated entries are left out, the header kept."""
    catalog: dict[str, str] = {}
    entry = _Entry()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        starts_entry = line.startswith(("#", "msgid "))
        if starts_entry and entry.section == "msgstr":
            entry.add_to(catalog)
            entry = _Entry()
        if not line or line.startswith("#"):
            entry.fuzzy = entry.fuzzy or (line.startswith("#,") and "fuzzy" in line)
        elif line.startswith(("msgid ", "msgstr ")):
            entry.section, _, value = line.partition(" ")
            entry.parts(entry.section).append(ast.literal_eval(value))
        elif line.startswith('"') and entry.section:
            entry.parts(entry.section).append(ast.literal_eval(line))
        else:
            raise ValueError(f"line {number}: unsupported .po line {raw!r} (msgctxt and plurals are not used)")
    if entry.section == "msgstr":
        entry.add_to(catalog)
    return catalog


@dataclass
class _Entry:
    section: str = ""
    fuzzy: bool = False
    msgid: list[str] = field(default_factory=list)
    msgstr: list[str] = field(default_factory=list)

    def parts(self, section: str) -> list[str]:
        return self.msgid if section == "msgid" else self.msgstr

    def add_to(self, catalog: dict[str, str]) -> None:
        key, value = "".join(self.msgid), "".join(self.msgstr)
        if value and not self.fuzzy:
            catalog[key] = value


def compile_mo(catalog: dict[str, str]) -> bytes:
    """The GNU ``.mo`` bytes for a catalogue (as CPython's msgfmt.py writes them)."""
    keys = sorted(catalog)
    ids = strs = b""
    offsets = []
    for key in keys:
        key_bytes, value_bytes = key.encode("utf-8"), catalog[key].encode("utf-8")
        offsets.append((len(ids), len(key_bytes), len(strs), len(value_bytes)))
        ids += key_bytes + b"\0"
        strs += value_bytes + b"\0"
    key_start = 7 * 4 + 16 * len(keys)
    value_start = key_start + len(ids)
    key_offsets: list[int] = []
    value_offsets: list[int] = []
    for id_offset, id_length, str_offset, str_length in offsets:
        key_offsets += [id_length, id_offset + key_start]
        value_offsets += [str_length, str_offset + value_start]
    header = struct.pack("Iiiiiii", MO_MAGIC, 0, len(keys), 7 * 4, 7 * 4 + len(keys) * 8, 0, 0)
    return header + array.array("i", key_offsets + value_offsets).tobytes() + ids + strs


def catalogue(lang: str) -> dict[str, str]:
    """The parsed catalogue of ``lang`` (empty for English)."""
    if check_language(lang) == SOURCE_LANGUAGE:
        return {}
    po = resources.files("rightscope.report").joinpath("locale").joinpath(lang).joinpath("LC_MESSAGES")
    po = po.joinpath(f"{DOMAIN}.po")
    return parse_po(po.read_text(encoding="utf-8"))


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The translations of ``lang``; English returns the messages unchanged."""
    if check_language(lang) == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.GNUTranslations(io.BytesIO(compile_mo(catalogue(lang))))


def gettext_for(lang: str) -> Callable[[str], str]:
    """The ``_`` function of a language, for Python code that writes reports (DOCX, charts)."""
    return translations(lang).gettext


# Data values that reports translate (priorities, statuses, stages...): they reach ``_()`` as variables,
# so the extractor cannot see them.
VALUE_WORDS = (
    "critical", "high", "medium", "low",
    "met", "partial", "missing",
    "advisory", "human-in-the-loop", "human-on-the-loop", "fully-automated",
    "design", "development", "pilot", "deployment", "operation", "retirement",
    "universal", "treaty", "regional", "party", "member-state", "international", "domestic",
    "yes", "no", "unknown", "indirect",
    "equivalent", "subset", "superset", "intersects",
    "severity", "likelihood", "priority",
    "cause", "contribute", "directly-linked",
    "planned", "in-progress", "implemented", "verified",
    "higher-is-better", "lower-is-better", "weekly", "monthly", "quarterly",
    "approved", "approved-with-conditions", "rejected",
    "ok", "warn", "breach", "insufficient-data", "improving", "stable", "worsening", "n/a",
    "kpi-breach", "unforeseen-impact", "grievance-pattern", "safeguard",
    "not-computed", "received", "acknowledged", "remedied", "closed",
)  # fmt: skip
_CALL = re.compile(r"""\b_\(\s*((?:"(?:[^"\\\n]|\\.)*"\s*|'(?:[^'\\\n]|\\.)*'\s*)+)""")


def messages() -> list[str]:
    """Every message the reports translate: the string literals given to the gettext function, and VALUE_WORDS."""
    package = resources.files("rightscope.report")
    sources = [t.read_text(encoding="utf-8") for t in package.joinpath("templates").iterdir() if t.name.endswith(".j2")]
    sources += [m.read_text(encoding="utf-8") for m in package.iterdir() if m.name.endswith(".py")]
    found = [ast.literal_eval("(" + m.group(1).strip() + ")") for text in sources for m in _CALL.finditer(text)]
    return sorted(set(found) | set(VALUE_WORDS))


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def pot() -> str:
    """A gettext template (``.pot``) of :func:`messages`, to start or update a catalogue."""
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    return header + "".join(f'\nmsgid {_po_string(m)}\nmsgstr ""\n' for m in messages())


if __name__ == "__main__":
    print(pot(), end="")
