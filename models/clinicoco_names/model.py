"""The name encoder: token embedding -> 1-D CNN -> masked mean pooling -> linear -> unit vector.

Small on purpose: the engine embeds every title and synonym of a code set (200k
ICD-10-CM terms) on a 2-core CPU, and one name per keystroke-sized request.
"""

from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional

from .name_bundle import PAD_ID


@dataclass(frozen=True)
class EncoderShape:
    vocab_size: int
    embedding_dim: int = 128
    hidden_dim: int = 128
    output_dim: int = 128
    kernel: int = 3
    dropout: float = 0.1


class NameEncoder(nn.Module):
    def __init__(self, shape: EncoderShape):
        super().__init__()
        self.shape = shape
        # The pad row stays zero, so a padded name convolves exactly like the same name alone.
        self.embedding = nn.Embedding(shape.vocab_size, shape.embedding_dim, padding_idx=PAD_ID)
        self.convolution = nn.Conv1d(shape.embedding_dim, shape.hidden_dim, shape.kernel, padding=shape.kernel // 2)
        self.dropout = nn.Dropout(shape.dropout)
        # Pooled word embeddings (a bag of words) beside the pooled n-gram features.
        self.projection = nn.Linear(shape.embedding_dim + shape.hidden_dim, shape.output_dim)

    def forward(self, token_ids: torch.Tensor) -> torch.Tensor:
        """token_ids: [batch, tokens] int64, 0 = padding. Returns [batch, output_dim], L2-normalised."""
        mask = (token_ids != PAD_ID).unsqueeze(-1).to(torch.float32)
        embedded = self.dropout(self.embedding(token_ids)) * mask
        convolved = torch.relu(self.convolution(embedded.transpose(1, 2))).transpose(1, 2) * mask
        count = mask.sum(dim=1).clamp(min=1.0)
        pooled = torch.cat([embedded.sum(dim=1), convolved.sum(dim=1)], dim=-1) / count
        projected = self.projection(self.dropout(pooled))
        return functional.normalize(projected, dim=-1, eps=1e-8)
