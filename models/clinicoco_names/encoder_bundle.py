"""Writes the name-encoder bundle: ONNX (token_ids -> embedding), vocab, golden cases,
manifest (clinicoco_bundle writes the folder, as it does the coding model's).
"""

from pathlib import Path
from typing import List

import torch

from clinicoco_bundle.onnx_files import export_checked_onnx, rounded
from clinicoco_bundle.writer import GOLDEN_FILE, bundle_stamp, write_bundle_folder, write_golden

from .name_bundle import NameBundle
from .model import NameEncoder

BUNDLE_FORMAT = "clinicoco-name-encoder"
FORMAT_VERSION = 1
ONNX_FILE = "name-encoder.onnx"
VOCAB_FILE = "vocab.txt"
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


def write_encoder_golden(path: Path, model: NameEncoder) -> None:
    write_golden(path, model, golden_inputs(model.shape.vocab_size), lambda token_ids: {"embedding": rounded(model(token_ids))})


def write_encoder_bundle(out: Path, model: NameEncoder, bundle: NameBundle, *, trainer: dict, metrics: dict) -> dict:
    """Writes the encoder bundle into `out` (replacing an earlier encoder bundle there, never anything else) and returns the manifest."""

    def write_files(folder: Path):
        onnx_bytes = export_onnx(model, folder / ONNX_FILE)
        (folder / VOCAB_FILE).write_bytes(bundle.vocab_bytes)
        write_encoder_golden(folder / GOLDEN_FILE, model)
        version, created_at = bundle_stamp("name-encoder", onnx_bytes)
        manifest = {
            "format": BUNDLE_FORMAT,
            "formatVersion": FORMAT_VERSION,
            "encoderVersion": version,
            "createdAt": created_at,
            "tokenizer": {"vocabFile": VOCAB_FILE, "vocabSha256": bundle.vocab_sha256},
            "encoder": {"file": ONNX_FILE, "maxTokens": bundle.max_tokens, "embeddingDim": model.shape.output_dim},
            "trainer": trainer,
            "metrics": metrics,
        }
        return manifest, (ONNX_FILE, VOCAB_FILE, GOLDEN_FILE)

    return write_bundle_folder(out, "an encoder bundle", write_files)
