"""Writes the encoder bundle: ONNX (token_ids -> embedding), vocab, golden cases, manifest.

Everything goes to a sibling `.partial` folder first and is moved into place at the
end, so the output folder never holds a half-written bundle.
"""

import datetime
import hashlib
import json
import shutil
from pathlib import Path
from typing import List

import torch

from clinicoco_train.onnx_files import export_checked_onnx, rounded, sha256_file

from .bundle import NameBundle
from .model import NameEncoder

BUNDLE_FORMAT = "clinicoco-name-encoder"
FORMAT_VERSION = 1
ONNX_FILE = "name-encoder.onnx"
VOCAB_FILE = "vocab.txt"
GOLDEN_FILE = "golden.json"
MANIFEST_FILE = "manifest.json"
GOLDEN_TOLERANCE = 1e-4
ONNX_OPSET = 13


def export_onnx(model: NameEncoder, path: Path) -> bytes:
    example = torch.tensor([[5, 6, 7, 8], [6, 7, 0, 0]], dtype=torch.int64).clamp(max=model.shape.vocab_size - 1)
    return export_checked_onnx(
        model,
        example,
        path,
        opset=ONNX_OPSET,
        input_names=["token_ids"],
        output_names=["embedding"],
        dynamic_axes={"token_ids": {0: "batch", 1: "tokens"}, "embedding": {0: "batch"}},
    )


def golden_inputs(vocab_size: int) -> List[torch.Tensor]:
    """One token, 12 tokens, and both in one batch (the short one padded)."""
    generator = torch.Generator().manual_seed(0)
    top = max(6, min(vocab_size, 60))
    short = torch.randint(5, top, (1,), generator=generator).clamp(max=vocab_size - 1)
    long = torch.randint(5, top, (12,), generator=generator).clamp(max=vocab_size - 1)
    padded_short = torch.cat([short, torch.zeros(11, dtype=torch.int64)])
    return [short.unsqueeze(0), long.unsqueeze(0), torch.stack([long, padded_short])]


def write_golden(path: Path, model: NameEncoder) -> None:
    was_training = model.training
    model.eval()
    cases = []
    with torch.no_grad():
        for token_ids in golden_inputs(model.shape.vocab_size):
            embedding = model(token_ids)
            cases.append({"token_ids": token_ids.tolist(), "embedding": rounded(embedding)})
    model.train(was_training)
    path.write_text(json.dumps({"tolerance": GOLDEN_TOLERANCE, "cases": cases}) + "\n", encoding="utf-8")


def write_encoder_bundle(out: Path, model: NameEncoder, bundle: NameBundle, *, trainer: dict, metrics: dict) -> dict:
    if out.exists() and any(out.iterdir()) and not (out / MANIFEST_FILE).exists():
        raise FileExistsError(f"{out}: exists and is not an encoder bundle; refusing to overwrite it")
    partial = out.with_name(out.name + ".partial")
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir(parents=True)
    onnx_bytes = export_onnx(model, partial / ONNX_FILE)
    (partial / VOCAB_FILE).write_bytes(bundle.vocab_bytes)
    write_golden(partial / GOLDEN_FILE, model)
    created = datetime.datetime.now(datetime.timezone.utc)
    manifest = {
        "format": BUNDLE_FORMAT,
        "formatVersion": FORMAT_VERSION,
        "encoderVersion": f"name-encoder-{created:%Y-%m-%d}-{hashlib.sha256(onnx_bytes).hexdigest()[:8]}",
        "createdAt": created.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "tokenizer": {"vocabFile": VOCAB_FILE, "vocabSha256": bundle.vocab_sha256},
        "encoder": {"file": ONNX_FILE, "maxTokens": bundle.max_tokens, "embeddingDim": model.shape.output_dim},
        "trainer": trainer,
        "metrics": metrics,
        "files": {file: sha256_file(partial / file) for file in sorted((ONNX_FILE, VOCAB_FILE, GOLDEN_FILE))},
    }
    (partial / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, allow_nan=False) + "\n", encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    partial.rename(out)
    return manifest
