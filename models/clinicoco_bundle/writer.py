"""Writes a bundle folder the way both trainers do.

Everything goes to a sibling `.partial` folder first and is moved into place at the end,
so the output folder never holds a half-written bundle; a folder that holds something
other than a bundle is never overwritten. The manifest lists the sha256 of every file.
"""

import datetime
import hashlib
import json
import shutil
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Sequence, Tuple

import torch

from .onnx_files import sha256_file

MANIFEST_FILE = "manifest.json"
GOLDEN_FILE = "golden.json"
GOLDEN_TOLERANCE = 1e-4


def write_bundle_folder(out: Path, kind: str, write_files: Callable[[Path], Tuple[dict, Sequence[str]]]) -> dict:
    """`write_files(folder)` writes the bundle's files and returns (manifest without "files", the file names); returns the manifest."""
    if out.exists() and any(out.iterdir()) and not (out / MANIFEST_FILE).exists():
        raise FileExistsError(f"{out}: exists and is not {kind}; refusing to overwrite it")
    partial = out.with_name(out.name + ".partial")
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir(parents=True)
    manifest, files = write_files(partial)
    manifest = {**manifest, "files": {file: sha256_file(partial / file) for file in sorted(files)}}
    (partial / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, allow_nan=False) + "\n", encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    partial.rename(out)
    return manifest


def bundle_stamp(prefix: str, onnx_bytes: bytes) -> Tuple[str, str]:
    """(version, createdAt): the version names the day and the ONNX graph, `prefix-YYYY-MM-DD-<sha256[:8]>`."""
    created = datetime.datetime.now(datetime.timezone.utc)
    version = f"{prefix}-{created:%Y-%m-%d}-{hashlib.sha256(onnx_bytes).hexdigest()[:8]}"
    return version, created.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def write_golden(
    path: Path, model: torch.nn.Module, inputs: Iterable[torch.Tensor], outputs: Callable[[torch.Tensor], Dict[str, List]]
) -> None:
    """golden.json: for each input, its token ids and `outputs(token_ids)` (rounded values), computed in eval mode.

    The engine reproduces every case with ONNX Runtime (engine/bundle/golden.ts) within the tolerance.
    """
    was_training = model.training
    model.eval()
    with torch.no_grad():
        cases = [{"token_ids": token_ids.tolist(), **outputs(token_ids)} for token_ids in inputs]
    model.train(was_training)
    path.write_text(json.dumps({"tolerance": GOLDEN_TOLERANCE, "cases": cases}) + "\n", encoding="utf-8")
