"""Writes the model bundle folder (docs/model-bundles.md): ONNX, vocab, golden cases, manifest."""

import datetime
import hashlib
import json
import math
import re
import shutil
from pathlib import Path
from typing import Dict, List

import torch

from .bundle import TrainingBundle
from .model import DocumentModel
from .onnx_export import export_onnx
from .onnx_files import rounded, sha256_file

BUNDLE_FORMAT = "clinicoco-model-bundle"
FORMAT_VERSION = 1
ONNX_FILE = "document-model.onnx"
GOLDEN_FILE = "golden.json"
MANIFEST_FILE = "manifest.json"
GOLDEN_TOLERANCE = 1e-4


def write_model_bundle(
    out: Path,
    model: DocumentModel,
    bundle: TrainingBundle,
    *,
    name: str,
    max_tokens: int,
    threshold: float,
    knn: dict,
    trainer: dict,
    metrics: Dict[str, dict],
) -> dict:
    """Writes the bundle into `out` (replacing an earlier model bundle there) and returns the manifest.

    Everything is written to a sibling `.partial` folder first and moved into place at
    the end, so `out` never holds a half-written bundle.
    """
    if out.exists() and any(out.iterdir()) and not (out / MANIFEST_FILE).exists():
        raise FileExistsError(f"{out}: exists and is not a model bundle; refusing to overwrite it")
    partial = out.with_name(out.name + ".partial")
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir(parents=True)

    onnx_bytes = export_onnx(model, partial / ONNX_FILE)
    vocab_file = bundle.vocab_file
    (partial / vocab_file).write_bytes(bundle.vocab_bytes)
    write_golden(partial / GOLDEN_FILE, model)

    created = datetime.datetime.now(datetime.timezone.utc)
    manifest = {
        "format": BUNDLE_FORMAT,
        "formatVersion": FORMAT_VERSION,
        "modelVersion": f"{_slug(name)}-{created:%Y-%m-%d}-{hashlib.sha256(onnx_bytes).hexdigest()[:8]}",
        "createdAt": created.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "codeSet": bundle.code_set,
        "codes": [code.code for code in bundle.codes],
        "tokenizer": {"vocabFile": vocab_file, "vocabSha256": hashlib.sha256(bundle.vocab_bytes).hexdigest()},
        "documentModel": {"file": ONNX_FILE, "maxTokens": max_tokens, "embeddingDim": model.embedding_dim()},
        "knn": knn,
        "threshold": threshold,
        "trainer": trainer,
        "metrics": {split: _json_numbers(values) for split, values in metrics.items()},
        "files": {
            file: sha256_file(partial / file) for file in sorted((ONNX_FILE, vocab_file, GOLDEN_FILE))
        },
    }
    (partial / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, allow_nan=False) + "\n", encoding="utf-8")

    if out.exists():
        shutil.rmtree(out)
    partial.rename(out)
    return manifest


def golden_inputs(vocab_size: int) -> List[torch.Tensor]:
    """7 tokens, 40 tokens, and both in one batch (the short one padded).

    Ids come from a small range so that tokens repeat and the same-token graph edges
    are exercised; each document starts with [CLS] (id 2), as the tokenizer's do.
    """
    generator = torch.Generator().manual_seed(0)
    top = min(vocab_size, 40)

    def document(length: int) -> torch.Tensor:
        ids = torch.randint(5 if top > 5 else 1, top, (length,), generator=generator)
        ids[0] = 2
        return ids

    short, long = document(7), document(40)
    padded_short = torch.cat([short, torch.zeros(33, dtype=torch.int64)])
    return [short.unsqueeze(0), long.unsqueeze(0), torch.stack([long, padded_short])]


def write_golden(path: Path, model: DocumentModel) -> None:
    was_training = model.training
    model.eval()
    cases = []
    with torch.no_grad():
        for token_ids in golden_inputs(model.shape.vocab_size):
            outputs = model(token_ids)
            cases.append(
                {
                    "token_ids": token_ids.tolist(),
                    "logits": rounded(outputs.logits),
                    "embedding": rounded(outputs.embedding),
                    "attention": rounded(outputs.attention),
                }
            )
    model.train(was_training)
    path.write_text(json.dumps({"tolerance": GOLDEN_TOLERANCE, "cases": cases}) + "\n", encoding="utf-8")


def _json_numbers(values: dict) -> dict:
    """NaN (e.g. AUC of a split without positives) is not JSON: it becomes null."""
    return {
        key: (None if isinstance(value, float) and math.isnan(value) else value) for key, value in values.items()
    }


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "model"
