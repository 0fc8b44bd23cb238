"""Lexical search (BM25, via bm25s) over provisions and interpretive guidance.

The index is built on first use from the loaded knowledge base and kept for the process, so each later
query costs a few milliseconds. Building it (tokenizing every provision and paragraph) takes about a
second, so the built index is also kept on disk, under the user's cache directory, keyed by a hash of
the indexed texts: a later process loads it in milliseconds, and a changed knowledge base gets a fresh
index. ``RIGHTSCOPE_CACHE_DIR`` moves the cache; ``RIGHTSCOPE_CACHE_DIR=off`` turns it off.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rightscope.law._store import KnowledgeBase, load
from rightscope.law.citation import guidance_citation

if TYPE_CHECKING:  # bm25s (and scipy under it) is imported on first search: commands that never search start faster
    from bm25s.tokenization import Tokenizer

HitKind = Literal["provision", "guidance"]


@dataclass(frozen=True)
class SearchHit:
    """One ranked result. ``ref`` is a provision id (``echr:8``) or ``guidance-id#paragraph``;
    ``citation`` is how a lawyer cites it (``ECHR art. 8``, ``CRC/C/GC/25, para. 28``)."""

    kind: HitKind
    ref: str
    citation: str
    title: str
    text: str
    score: float


@dataclass(frozen=True)
class _Document:
    kind: HitKind
    ref: str
    citation: str
    title: str
    text: str


def _documents(kb: KnowledgeBase) -> list[_Document]:
    docs: list[_Document] = []
    for p in kb.provisions.values():
        instrument = kb.instruments[p.instrument]
        heading = f"{instrument.short_title} art. {p.article}" + (f" ({p.title})" if p.title else "")
        body = p.text if p.text_available else (p.subject or "")
        if body:
            docs.append(_Document("provision", p.id, p.citation, heading, body))
    for g in kb.guidance.values():
        if not g.verified:
            continue
        label = g.short_title or g.title
        for para in kb.guidance_paragraphs.get(g.id, []):
            docs.append(
                _Document("guidance", f"{g.id}#{para.num}", para.citation, f"{label}, para. {para.num}", para.text)
            )
        if g.id not in kb.guidance_paragraphs:
            for key in g.key_paragraphs:
                if key.verified:
                    ref, citation = f"{g.id}#{key.num}", guidance_citation(g.citation, key.num)
                    docs.append(_Document("guidance", ref, citation, f"{label}, para. {key.num}", key.summary))
    return docs


def cache_dir() -> Path | None:
    """Where built indexes are kept between processes, or ``None`` when caching is off."""
    configured = os.environ.get("RIGHTSCOPE_CACHE_DIR", "").strip()
    if configured.lower() in {"off", "0", "none"}:
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rightscope"


class _Index:
    def __init__(self, kb: KnowledgeBase) -> None:
        import bm25s
        import Stemmer
        from bm25s.tokenization import Tokenizer

        self.documents = _documents(kb)
        self.tokenizer: Tokenizer = Tokenizer(stopwords="en", stemmer=Stemmer.Stemmer("english").stemWord)
        corpus = [f"{d.title} {d.text}" for d in self.documents]
        root = cache_dir()
        where = root / f"search-{_corpus_hash(corpus, bm25s.__version__)}" if root is not None else None
        if where is not None and self._load(where):
            return
        tokens = self.tokenizer.tokenize(corpus, show_progress=False)
        self.retriever: Any = bm25s.BM25()
        self.retriever.index(tokens, show_progress=False)
        if where is not None:
            self._save(where)

    def _load(self, where: Path) -> bool:
        import bm25s

        if not (where / "complete").exists():
            return False
        try:
            self.retriever = bm25s.BM25.load(str(where), show_progress=False, verbosity=0)
            self.tokenizer.load_vocab(str(where))
        except (OSError, ValueError, KeyError):
            return False
        return True

    def _save(self, where: Path) -> None:
        # Written to a sibling folder and renamed, so that concurrent processes never read half an index.
        # A cache that cannot be written (read-only home) only costs speed.
        try:
            where.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".search-", dir=where.parent))
            self.retriever.save(str(staging), show_progress=False)
            self.tokenizer.save_vocab(str(staging))
            (staging / "complete").touch()
            try:
                staging.rename(where)
            except OSError:  # another process got there first
                shutil.rmtree(staging, ignore_errors=True)
        except OSError as exc:
            logging.getLogger(__name__).debug("search index cache not written: %s", exc)

    def query(self, text: str, k: int, kind: HitKind | None) -> list[SearchHit]:
        ids = self.tokenizer.tokenize([text], update_vocab=False, show_progress=False)
        if not ids or not any(ids[0]):
            return []
        # Ask for more than k when filtering by kind, so that the filter still leaves k results.
        wanted = min(len(self.documents), k if kind is None else max(k * 5, 50))
        results, scores = self.retriever.retrieve(ids, k=wanted, show_progress=False, n_threads=1)
        hits = []
        for index, score in zip(results[0], scores[0], strict=True):
            doc = self.documents[int(index)]
            if score <= 0 or (kind is not None and doc.kind != kind):
                continue
            hits.append(SearchHit(doc.kind, doc.ref, doc.citation, doc.title, doc.text, float(score)))
        return hits[:k]


def _corpus_hash(corpus: list[str], version: str) -> str:
    digest = hashlib.sha256(f"bm25s {version}".encode())
    for text in corpus:
        digest.update(text.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:24]


@cache
def _index(include_noncommercial: bool) -> _Index:
    return _Index(load(include_noncommercial))


def search(query: str, k: int = 10, *, kind: HitKind | None = None) -> list[SearchHit]:
    """Provisions and guidance paragraphs ranked by BM25 for ``query``, best first.

    >>> best = search("arbitrary interference with privacy family home", k=1, kind="provision")[0]
    >>> best.ref in {"udhr:12", "iccpr:17", "crc:16", "achr:11"}
    True
    """
    if not query.strip():
        return []
    kb = load()
    return _index(kb.noncommercial).query(query, k, kind)
