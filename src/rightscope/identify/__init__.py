"""Identify the rights at stake in a text: a system description, a grievance, a news report or case facts.

Examples:
    >>> from rightscope import identify
    >>> result = identify.identify("The police ran live facial recognition on CCTV at a protest and kept the images.")
    >>> "privacy" in [r.id for r in result.rights]
    True
    >>> result.rights[0].evidence[0].kind in {"pattern", "provision", "guidance"}
    True

The JSON contract (``rightscope identify --format json``) is :class:`Identification`; see
``docs/identify.md`` for the method, its calibration and its measured accuracy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from rightscope import law
from rightscope.errors import RightscopeError
from rightscope.identify._dense import embeddings_available, load_encoder
from rightscope.identify._engine import Engine, RightScore, round_score, select
from rightscope.identify._text import EmptyTextError, has_words, prepare
from rightscope.identify.models import Evidence, Finding, Identification, ProvisionRef
from rightscope.law.models import Provision, Right

__all__ = [
    "EmptyTextError",
    "Evidence",
    "Finding",
    "Identification",
    "Identifier",
    "ProvisionRef",
    "embeddings_available",
    "has_words",
    "identify",
    "identify_many",
]

EVIDENCE_PER_FINDING = 4
GROUP_INSTRUMENTS = frozenset(
    {"crc", "crc-opac", "crc-opsc", "crc-opic", "crpd", "crpd-op", "cedaw", "cedaw-op", "cmw", "icerd"}
)


class Identifier:
    """Holds the loaded knowledge base, indexes and (optionally) the embedding model."""

    def __init__(self, *, embeddings: bool | None = None) -> None:
        use_dense = embeddings_available() if embeddings is None else embeddings
        if use_dense and not embeddings_available():
            raise RightscopeError(
                "embeddings were requested but the encoder runtime (onnxruntime, tokenizers) is not installed"
                " or RIGHTSCOPE_EMBEDDINGS=0 is set"
            )
        self.kb = law.load()
        self.engine = Engine(self.kb, load_encoder() if use_dense else None)
        self._ranked_text: str | None = None
        self._rank: dict[str, int] = {}

    @property
    def mode(self) -> str:
        return self.engine.mode

    def identify(
        self, text: str, *, top: int = 5, instrument: str | None = None, countries: Iterable[str] = ()
    ) -> Identification:
        return next(self.identify_many([text], top=top, instrument=instrument, countries=countries))

    def identify_many(
        self, texts: list[str], *, top: int = 5, instrument: str | None = None, countries: Iterable[str] = ()
    ) -> Iterator[Identification]:
        """Identify a batch of texts; embeddings are computed for the whole batch at once."""
        if top < 1:
            raise RightscopeError(f"--top: must be at least 1, got {top}")
        instrument_ids = self._instrument_ids(instrument)
        country_codes, binding = self._binding(countries)
        prepared = [prepare(t) for t in texts]
        scored = self.engine.score_many([p[0] for p in prepared])
        for (text, warnings), scores in zip(prepared, scored, strict=True):
            if self.mode == "reduced":
                warnings = [
                    *warnings,
                    "reduced mode (fallback, slightly less accurate): embeddings are off or their runtime is"
                    " missing; lexical and harm-pattern signals only",
                ]
            if instrument_ids:
                findings = self._article_findings(text, scores, instrument_ids, top)
            else:
                findings = [self._finding(text, s, binding) for s in select(scores, top, self.engine.params.threshold)]
            yield Identification(
                rights=findings,
                instrument=instrument_ids[0] if instrument_ids else None,
                countries=country_codes,
                mode="full" if self.mode == "full" else "reduced",
                warnings=warnings,
            )

    def _instrument_ids(self, instrument: str | None) -> list[str]:
        if instrument is None:
            return []
        main = law.instrument(instrument).id
        # The ECHR's protocols add substantive rights (property, education, elections, movement).
        protocols = [i.id for i in self.kb.instruments.values() if i.parent == main and main == "echr"]
        return [main, *protocols]

    def _binding(self, countries: Iterable[str]) -> tuple[list[str], set[str] | None]:
        wanted = list(countries)
        if not wanted:
            return [], None
        from rightscope.law import jurisdiction

        resolved = [jurisdiction.country(c).code for c in wanted]
        return resolved, jurisdiction.binding_instruments(resolved)

    def _provisions(self, right: Right, binding: set[str] | None) -> list[Provision]:
        items = [self.kb.provisions[ref] for ref in right.provisions]
        if binding is not None:
            items = [p for p in items if p.instrument in binding]
        return items

    def _best_provision(self, text: str, candidates: list[Provision]) -> Provision | None:
        """The candidate whose wording is closest to the text; the curated order breaks ties."""
        with_text = [p for p in candidates if p.text_available]
        if not with_text:
            return None
        # General instruments first: a provision protecting everyone is the better first citation than
        # one protecting a specific group, which the right's provision list still names.
        general = [p for p in with_text if p.instrument not in GROUP_INSTRUMENTS]
        with_text = general or with_text
        rank = self._provision_rank(text)
        return min(with_text, key=lambda p: rank.get(p.id, len(rank) + with_text.index(p)))

    def _provision_rank(self, text: str) -> dict[str, int]:
        # One search per text, shared by all its findings.
        if self._ranked_text != text:
            hits = law.search(text[:2000], k=300, kind="provision")
            self._ranked_text, self._rank = text, {h.ref: i for i, h in enumerate(hits)}
        return self._rank

    def _evidence(self, text: str, score: RightScore, provisions: list[Provision]) -> list[Evidence]:
        evidence: list[Evidence] = []
        right = self.kb.rights[score.right]
        guidance_refs: list[tuple[str, str | None]] = []
        for p, _, indicators in score.patterns[:2]:
            pattern = self.engine.patterns[p]
            rationale = next(r.rationale for r in pattern.rights if r.right == right.id)
            matched = f" Matched: {', '.join(indicators)}." if indicators else ""
            evidence.append(Evidence(kind="pattern", ref=pattern.id, text=f"{pattern.name}. {rationale}{matched}"))
            for ref in pattern.guidance:
                guidance_refs.append((ref.id, ref.paragraphs[0] if ref.paragraphs else None))
        best = self._best_provision(text, provisions)
        if best is not None:
            heading = f"{self.kb.instruments[best.instrument].short_title} art. {best.article}"
            evidence.append(Evidence(kind="provision", ref=best.id, text=f"{heading}: {_clip(best.text)}"))
        for doc_id, paragraph in guidance_refs:
            item = self._guidance_evidence(doc_id, paragraph, right.id)
            if item is not None and item.ref not in {e.ref for e in evidence}:
                evidence.append(item)
                break
        return evidence[:EVIDENCE_PER_FINDING]

    def _guidance_evidence(self, doc_id: str, paragraph: str | None, right_id: str) -> Evidence | None:
        doc = self.kb.guidance.get(doc_id)
        if doc is None or not doc.verified:
            return None
        label = doc.symbol or doc.title
        if paragraph is not None:
            for item in self.kb.guidance_paragraphs.get(doc.id, []):
                if item.num == paragraph:
                    return Evidence(
                        kind="guidance",
                        ref=f"{doc.id}#{paragraph}",
                        text=f"{label}, para. {paragraph}: {_clip(item.text)}",
                    )
            return Evidence(
                kind="guidance", ref=f"{doc.id}#{paragraph}", text=f"{label}, para. {paragraph} ({doc.title})"
            )
        for key in doc.key_paragraphs:
            if key.verified:
                return Evidence(
                    kind="guidance", ref=f"{doc.id}#{key.num}", text=f"{label}, para. {key.num}: {key.summary}"
                )
        return Evidence(kind="guidance", ref=doc.id, text=f"{label}: {doc.title}")

    def _finding(self, text: str, score: RightScore, binding: set[str] | None) -> Finding:
        right = self.kb.rights[score.right]
        provisions = self._provisions(right, binding)
        return Finding(
            id=right.id,
            name=right.name,
            score=round_score(score.score),
            udhr=right.udhr,
            provisions=[ProvisionRef(instrument=p.instrument, article=p.article) for p in provisions],
            evidence=self._evidence(text, score, provisions),
        )

    def _article_findings(
        self, text: str, scores: list[RightScore], instrument_ids: list[str], top: int
    ) -> list[Finding]:
        by_right = {s.right: s for s in scores}
        ranked: list[tuple[float, Provision, RightScore]] = []
        for provision in self.kb.provisions.values():
            if provision.instrument not in instrument_ids or not provision.rights:
                continue
            best = max((by_right[r] for r in provision.rights), key=lambda s: s.score)
            ranked.append((best.score, provision, best))
        ranked.sort(key=lambda item: -item[0])
        threshold = self.engine.params.threshold
        chosen = [item for item in ranked[:top] if item[0] >= threshold] or ranked[:1]
        findings = []
        for value, provision, best in chosen:
            instrument = self.kb.instruments[provision.instrument]
            title = (
                provision.title or provision.subject or ", ".join(self.kb.rights[r].name for r in provision.rights[:2])
            )
            right = self.kb.rights[best.right]
            findings.append(
                Finding(
                    id=provision.id,
                    name=f"{instrument.short_title} art. {provision.article}: {title}",
                    score=round_score(value),
                    udhr=right.udhr,
                    provisions=[ProvisionRef(instrument=provision.instrument, article=provision.article)],
                    evidence=self._evidence(text, best, [provision]),
                )
            )
        return findings


def _clip(text: str, limit: int = 280) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3].rstrip() + "..."


@cache
def _default(embeddings: bool) -> Identifier:
    return Identifier(embeddings=embeddings)


def identify(
    text: str, *, top: int = 5, instrument: str | None = None, countries: Iterable[str] = ()
) -> Identification:
    """Rank the rights (or, with ``instrument``, that instrument's articles) a text engages."""
    return _default(embeddings_available()).identify(text, top=top, instrument=instrument, countries=countries)


def identify_many(
    texts: list[str], *, top: int = 5, instrument: str | None = None, countries: Iterable[str] = ()
) -> list[Identification]:
    """Identify many texts at once (faster per text with embeddings)."""
    identifier = _default(embeddings_available())
    return list(identifier.identify_many(texts, top=top, instrument=instrument, countries=countries))
