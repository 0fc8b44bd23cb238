"""identify's shipped model data: the corpus vectors match a rebuild, and full mode needs no torch."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from rightscope import law
from rightscope.errors import RightscopeError
from rightscope.identify import Identifier
from rightscope.identify._dense import ENCODER_INFO, MODEL_FILE, THREADS_ENV, OnnxEncoder, embeddings_available
from rightscope.identify._engine import corpus_texts
from rightscope.identify._vectors import REGENERATE, TOLERANCE, VECTORS_FILE, VECTORS_INFO, file_hash, shipped

pytestmark = pytest.mark.skipif(not embeddings_available(), reason="full mode is switched off or its runtime missing")


def _texts() -> list[str]:
    kb = law.load()
    return corpus_texts(list(kb.rights.values()), list(kb.harm_patterns.values()))


def test_shipped_vectors_are_for_todays_corpus() -> None:
    vectors = shipped(_texts())
    assert vectors is not None, (
        f"{VECTORS_FILE.name} was built for other texts: the rights or harm patterns changed. "
        f"Regenerate it with `{REGENERATE}` and commit the result."
    )


def test_shipped_vectors_match_a_rebuild_with_the_runtime_encoder() -> None:
    texts = _texts()
    vectors = shipped(texts)
    assert vectors is not None, f"stale corpus vectors: run `{REGENERATE}`"
    info = json.loads(VECTORS_INFO.read_text(encoding="utf-8"))
    assert info["model_sha256"] == file_hash(MODEL_FILE), f"the encoder changed since the vectors: run `{REGENERATE}`"
    rebuilt = OnnxEncoder().encode(texts)
    # float16 storage: each component within TOLERANCE of the float32 rebuild, cosine practically 1.
    worst = float(np.abs(rebuilt - vectors).max())
    assert worst <= TOLERANCE, f"shipped vectors differ from a rebuild by {worst:.4f}: run `{REGENERATE}`"
    assert float(np.min(np.sum(rebuilt * vectors, axis=1))) > 0.999


def test_a_text_gets_the_same_vector_alone_and_in_any_batch() -> None:
    # Identification must not depend on what else is encoded with a text: the former int8-activation
    # encoder quantized each batch with one range, padding included, so batch-mates moved a vector.
    encoder = OnnxEncoder()
    short = "Facial recognition at a protest."
    others = [" ".join(["A welfare agency scores every applicant for fraud risk."] * 12), "Tax law.", short]
    alone = encoder.encode([short])[0]
    for batch in (others, [short, *others], others[::-1]):
        together = encoder.encode(batch)
        for index, text in enumerate(batch):
            if text == short:
                assert float(np.abs(together[index] - alone).max()) < 1e-5


def test_encoder_threads_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(THREADS_ENV, "1")
    options = OnnxEncoder()._session.get_session_options()
    assert options.intra_op_num_threads == 1
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"


@pytest.mark.parametrize("given", ["0", "two", "-1", "1.5"])
def test_encoder_threads_that_are_not_a_count_are_refused_by_name(monkeypatch: pytest.MonkeyPatch, given: str) -> None:
    monkeypatch.setenv(THREADS_ENV, given)
    with pytest.raises(RightscopeError, match=f"{THREADS_ENV}: expected a whole number.*{re.escape(repr(given))}"):
        OnnxEncoder()


def test_encoder_records_its_source_and_licence() -> None:
    info = json.loads(ENCODER_INFO.read_text(encoding="utf-8"))
    assert info["model"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert info["licence"] == "Apache-2.0"
    assert info["bytes"] == MODEL_FILE.stat().st_size
    assert {"torch", "onnx", "onnxruntime"} <= set(info["tools"])


def test_encoder_gives_unit_vectors_that_rank_paraphrases_first() -> None:
    encoder = OnnxEncoder()
    vectors = encoder.encode(["Police scan faces at a protest.", "Facial recognition of demonstrators.", "Tax law."])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert encoder.encode([]).shape == (0, 384)


def test_full_mode_imports_no_torch() -> None:
    code = (
        "import sys; from rightscope.identify import Identifier; "
        "r = Identifier().identify('Police use live facial recognition at protests'); "
        "assert r.mode == 'full', r.mode; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'torch', 'transformers', 'sentence_transformers'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_embeddings_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RIGHTSCOPE_EMBEDDINGS", "0")
    assert not embeddings_available()
    assert Identifier().mode == "reduced"


def test_search_index_cache_gives_the_same_ranking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    search_module = importlib.import_module("rightscope.law.search")

    kb = law.load()
    monkeypatch.setenv("RIGHTSCOPE_CACHE_DIR", str(tmp_path))
    built = search_module._Index(kb).query("facial recognition at a protest", 20, "provision")
    assert any(p.name.startswith("search-") for p in tmp_path.iterdir())
    loaded = search_module._Index(kb).query("facial recognition at a protest", 20, "provision")
    assert [h.ref for h in loaded] == [h.ref for h in built]
    monkeypatch.setenv("RIGHTSCOPE_CACHE_DIR", "off")
    assert search_module.cache_dir() is None
