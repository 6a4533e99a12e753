"""Writes the model bundle folder (docs/model-bundles.md): ONNX, vocab, golden cases, manifest (clinicoco_bundle writes the folder)."""

import hashlib
import math
import re
from pathlib import Path
from typing import Dict, List

import torch

from clinicoco_bundle.onnx_files import rounded
from clinicoco_bundle.writer import GOLDEN_FILE, bundle_stamp, write_bundle_folder, write_golden

from .training_bundle import TrainingBundle
from .model import DocumentModel
from .onnx_export import export_onnx

BUNDLE_FORMAT = "clinicoco-model-bundle"
FORMAT_VERSION = 1
ONNX_FILE = "document-model.onnx"


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
    """Writes the model bundle into `out` (replacing an earlier model bundle there, never anything else) and returns the manifest."""

    def write_files(folder: Path):
        onnx_bytes = export_onnx(model, folder / ONNX_FILE)
        vocab_file = bundle.vocab_file
        (folder / vocab_file).write_bytes(bundle.vocab_bytes)
        write_model_golden(folder / GOLDEN_FILE, model)
        version, created_at = bundle_stamp(_slug(name), onnx_bytes)
        manifest = {
            "format": BUNDLE_FORMAT,
            "formatVersion": FORMAT_VERSION,
            "modelVersion": version,
            "createdAt": created_at,
            "codeSet": bundle.code_set,
            "codes": [code.code for code in bundle.codes],
            "tokenizer": {"vocabFile": vocab_file, "vocabSha256": hashlib.sha256(bundle.vocab_bytes).hexdigest()},
            "documentModel": {"file": ONNX_FILE, "maxTokens": max_tokens, "embeddingDim": model.embedding_dim()},
            "knn": knn,
            "threshold": threshold,
            "trainer": trainer,
            "metrics": {split: _json_numbers(values) for split, values in metrics.items()},
        }
        return manifest, (ONNX_FILE, vocab_file, GOLDEN_FILE)

    return write_bundle_folder(out, "a model bundle", write_files)


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


def write_model_golden(path: Path, model: DocumentModel) -> None:
    def outputs(token_ids: torch.Tensor) -> dict:
        result = model(token_ids)
        return {"logits": rounded(result.logits), "embedding": rounded(result.embedding), "attention": rounded(result.attention)}

    write_golden(path, model, golden_inputs(model.shape.vocab_size), outputs)


def _json_numbers(values: dict) -> dict:
    """NaN (e.g. AUC of a split without positives) is not JSON: it becomes null."""
    return {
        key: (None if isinstance(value, float) and math.isnan(value) else value) for key, value in values.items()
    }


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "model"
