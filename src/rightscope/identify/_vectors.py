"""The corpus vectors shipped as package data: rights and harm patterns, embedded once at build time.

``data/corpus-vectors.npy`` holds float16 rows (rights first, then patterns, in knowledge-base order);
``data/corpus-vectors.json`` records the encoder, its model file's hash, and a hash of the embedded
texts. At start-up the texts are hashed again (cheap); when the knowledge base changed and the vectors
were not regenerated, the corpus is embedded at start-up instead (correct, slower) and the test suite
fails with the command to run: ``make vectors``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np

from rightscope.identify._dense import DATA, MODEL_FILE, Encoder

VECTORS_FILE = DATA / "corpus-vectors.npy"
VECTORS_INFO = DATA / "corpus-vectors.json"
REGENERATE = "make vectors"
# float16 keeps cosine similarities within about 1e-3 of the float32 vectors.
TOLERANCE = 2e-3


def texts_hash(texts: list[str]) -> str:
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def shipped(texts: list[str]) -> np.ndarray | None:
    """The shipped vectors for exactly these texts, or ``None`` when they were built for other texts."""
    if not (VECTORS_FILE.exists() and VECTORS_INFO.exists()):
        return None
    info = json.loads(VECTORS_INFO.read_text(encoding="utf-8"))
    if info.get("texts_sha256") != texts_hash(texts) or info.get("count") != len(texts):
        return None
    return np.asarray(np.load(VECTORS_FILE), dtype=np.float32)


def corpus_vectors(encoder: Encoder, texts: list[str]) -> np.ndarray:
    """Shipped vectors when they fit the texts and the encoder is the shipped one; else embed now."""
    from rightscope.identify._dense import OnnxEncoder

    vectors = shipped(texts) if isinstance(encoder, OnnxEncoder) else None
    return vectors if vectors is not None else encoder.encode(texts)


def write(encoder: Encoder, texts: list[str]) -> dict[str, Any]:
    vectors = encoder.encode(texts)
    DATA.mkdir(parents=True, exist_ok=True)
    np.save(VECTORS_FILE, vectors.astype(np.float16))
    info = {
        "encoder": encoder.name,
        "model_sha256": file_hash(MODEL_FILE),
        "dtype": "float16",
        "dimensions": int(vectors.shape[1]),
        "count": len(texts),
        "texts_sha256": texts_hash(texts),
        "layout": "rights then harm patterns, in knowledge-base order (identify.corpus_texts)",
        "regenerate": REGENERATE,
    }
    VECTORS_INFO.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info
