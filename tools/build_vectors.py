"""Embed the identify corpus (rights and harm patterns) with the runtime encoder; no torch needed.

    .venv/bin/python tools/build_vectors.py      # or: make vectors (also run by make kb)

Writes ``src/rightscope/identify/data/corpus-vectors.npy`` (float16) and ``corpus-vectors.json``
(encoder, model hash, texts hash). Run it whenever the knowledge base's rights or harm patterns change;
``tests/test_identify_vectors.py`` fails until the shipped vectors match the corpus.
"""

from __future__ import annotations

from rightscope import law
from rightscope.identify._dense import OnnxEncoder
from rightscope.identify._engine import corpus_texts
from rightscope.identify._vectors import VECTORS_FILE, write


def main() -> int:
    kb = law.load()
    texts = corpus_texts(list(kb.rights.values()), list(kb.harm_patterns.values()))
    info = write(OnnxEncoder(), texts)
    print(f"wrote {VECTORS_FILE} ({info['count']} texts, {VECTORS_FILE.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
