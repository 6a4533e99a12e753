"""What both trainers' bundles share: a traced ONNX export checked by onnx.checker,
file hashes for the manifest, and golden values rounded for golden.json.

Both trainers import these, so the two bundles are written the same way.
"""

import hashlib
import io
import warnings
from pathlib import Path
from typing import Dict, List, Sequence

import numpy as np
import onnx
import torch


def export_checked_onnx(
    module: torch.nn.Module,
    example: torch.Tensor,
    path: Path,
    *,
    opset: int,
    input_names: Sequence[str],
    output_names: Sequence[str],
    dynamic_axes: Dict[str, Dict[int, str]],
) -> bytes:
    """Traces `module` in eval mode on `example`, writes `path`, returns its bytes; raises if onnx.checker rejects it."""
    was_training = module.training
    module.eval()
    buffer = io.BytesIO()
    with torch.no_grad(), warnings.catch_warnings():
        # The exporter warns about shape inference of constants and unfoldable slices;
        # the golden cases (checked in ONNX Runtime) are what tell whether it worked.
        warnings.simplefilter("ignore", UserWarning)
        torch.onnx.export(
            module,
            (example,),
            buffer,
            opset_version=opset,
            input_names=list(input_names),
            output_names=list(output_names),
            dynamic_axes=dynamic_axes,
            do_constant_folding=True,
        )
    module.train(was_training)
    onnx_bytes = buffer.getvalue()
    onnx.checker.check_model(onnx.load_from_string(onnx_bytes), full_check=True)
    path.write_bytes(onnx_bytes)
    return onnx_bytes


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def rounded(tensor: torch.Tensor) -> List:
    # 8 significant digits: float32 holds about 7, and the file stays small.
    return np.vectorize(lambda value: float(f"{value:.8g}"), otypes=[object])(tensor.numpy()).tolist()
