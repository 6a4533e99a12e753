"""Exports the document model to ONNX (input token_ids; outputs logits, attention, embedding)."""

import warnings
from pathlib import Path

import torch
from torch.onnx import symbolic_helper

from .model import DocumentModel
from clinicoco_bundle.onnx_files import export_checked_onnx

# ScatterElements gained reduction="add" in opset 16; ONNX Runtime 1.30 runs it.
ONNX_OPSET = 16
INPUT_NAMES = ["token_ids"]
OUTPUT_NAMES = ["logits", "attention", "embedding"]
DYNAMIC_AXES = {
    "token_ids": {0: "batch", 1: "tokens"},
    "logits": {0: "batch"},
    "attention": {0: "batch", 2: "tokens"},
    "embedding": {0: "batch"},
}


@symbolic_helper.parse_args("v", "i", "v", "v")
def _scatter_add_with_reduction(graph, target, dim, index, source):
    # torch 1.13 exports scatter_add as a plain ScatterElements (last write wins), which
    # is wrong when two positions hold the same token and so share a group index.
    return graph.op("ScatterElements", target, index, source, axis_i=dim, reduction_s="add")


class _ExportedOutputs(torch.nn.Module):
    """The model as a function of token ids returning the three named outputs as a tuple."""

    def __init__(self, model: DocumentModel):
        super().__init__()
        self.model = model

    def forward(self, token_ids: torch.Tensor):
        outputs = self.model(token_ids)
        return outputs.logits, outputs.attention, outputs.embedding


def export_onnx(model: DocumentModel, path: Path) -> bytes:
    """Writes `path` and returns its bytes; raises if onnx.checker rejects the graph."""
    torch.onnx.register_custom_op_symbolic("aten::scatter_add", _scatter_add_with_reduction, ONNX_OPSET)
    was_training = model.training
    # Two documents of different lengths, so the traced graph keeps padding handling.
    example = torch.tensor([[2, 7, 8, 7, 9, 10, 11, 7], [2, 8, 9, 0, 0, 0, 0, 0]], dtype=torch.int64)
    example = example.clamp(max=model.shape.vocab_size - 1)
    with warnings.catch_warnings():
        # DocumentModel.evidence reads deep_weight as a Python number on purpose: the
        # network's share is left out of the graph when its weight is 0.
        warnings.filterwarnings("ignore", message="Converting a tensor to a Python float", category=torch.jit.TracerWarning)
        onnx_bytes = export_checked_onnx(
            _ExportedOutputs(model),
            example,
            path,
            opset=ONNX_OPSET,
            input_names=INPUT_NAMES,
            output_names=OUTPUT_NAMES,
            dynamic_axes=DYNAMIC_AXES,
        )
    model.train(was_training)  # the wrapper is new, so its mode is not the model's
    return onnx_bytes
