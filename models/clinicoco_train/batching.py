"""Turns records into padded token-id and label tensors, in length-bucketed batches."""

from dataclasses import dataclass
from typing import Iterator, List, Optional, Sequence

import numpy as np
import torch

from .training_bundle import PAD_ID, Record

# Batches are formed inside windows of this many batches sorted by length, so that
# a batch holds documents of similar length (less padding to compute over) while
# the batch order and membership still change every epoch.
BUCKET_WINDOW_BATCHES = 20


@dataclass(frozen=True)
class Batch:
    token_ids: torch.Tensor  # [batch, tokens] int64, PAD_ID after each document
    labels: torch.Tensor  # [batch, codes] float 0/1
    record_indices: List[int]


@dataclass(frozen=True)
class EncodedRecords:
    """Records as numpy arrays, encoded once; labels stay as index lists."""

    tokens: List[np.ndarray]
    labels: List[List[int]]
    ids: List[str]

    @staticmethod
    def of(records: Sequence[Record]) -> "EncodedRecords":
        return EncodedRecords(
            tokens=[np.asarray(record.tokens, dtype=np.int64) for record in records],
            labels=[list(record.labels) for record in records],
            ids=[record.id for record in records],
        )

    def __len__(self) -> int:
        return len(self.tokens)

    def concatenate(self, other: "EncodedRecords") -> "EncodedRecords":
        return EncodedRecords(self.tokens + other.tokens, self.labels + other.labels, self.ids + other.ids)


def crop(tokens: np.ndarray, max_tokens: int, random: Optional[np.random.Generator]) -> np.ndarray:
    """At most max_tokens tokens: a random window in training, the beginning otherwise.

    Inference (the engine) keeps the first maxTokens tokens, so evaluation does too.
    """
    if len(tokens) <= max_tokens:
        return tokens
    start = int(random.integers(0, len(tokens) - max_tokens + 1)) if random is not None else 0
    return tokens[start : start + max_tokens]


def pad_token_ids(sequences: Sequence[np.ndarray]) -> torch.Tensor:
    width = max(len(sequence) for sequence in sequences)
    padded = np.full((len(sequences), width), PAD_ID, dtype=np.int64)
    for row, sequence in enumerate(sequences):
        padded[row, : len(sequence)] = sequence
    return torch.from_numpy(padded)


def label_matrix(label_lists: Sequence[Sequence[int]], code_count: int) -> torch.Tensor:
    matrix = torch.zeros(len(label_lists), code_count)
    for row, labels in enumerate(label_lists):
        if labels:
            matrix[row, list(labels)] = 1.0
    return matrix


def make_batch(
    records: EncodedRecords,
    indices: Sequence[int],
    code_count: int,
    max_tokens: int,
    random: Optional[np.random.Generator],
) -> Batch:
    token_ids = pad_token_ids([crop(records.tokens[index], max_tokens, random) for index in indices])
    labels = label_matrix([records.labels[index] for index in indices], code_count)
    return Batch(token_ids, labels, list(indices))


def training_batch_count(record_count: int, batch_size: int) -> int:
    """How many batches training_batches yields for `record_count` records (for progress reports)."""
    window = batch_size * BUCKET_WINDOW_BATCHES
    full, rest = divmod(record_count, window)
    return full * BUCKET_WINDOW_BATCHES + -(-rest // batch_size)


def training_batches(
    records: EncodedRecords,
    batch_size: int,
    code_count: int,
    max_tokens: int,
    random: np.random.Generator,
) -> Iterator[Batch]:
    """One shuffled epoch, batched by similar length; every record exactly once."""
    order = random.permutation(len(records))
    window = batch_size * BUCKET_WINDOW_BATCHES
    batches = []
    for start in range(0, len(order), window):
        chunk = order[start : start + window]
        chunk = sorted(chunk, key=lambda index: min(len(records.tokens[index]), max_tokens))
        batches.extend(chunk[offset : offset + batch_size] for offset in range(0, len(chunk), batch_size))
    for position in random.permutation(len(batches)):
        yield make_batch(records, batches[position], code_count, max_tokens, random)


def evaluation_batches(
    records: EncodedRecords, batch_size: int, code_count: int, max_tokens: int
) -> Iterator[Batch]:
    """Every record once, by length; `Batch.record_indices` maps rows back to records."""
    order = sorted(range(len(records)), key=lambda index: len(records.tokens[index]))
    for start in range(0, len(order), batch_size):
        yield make_batch(records, order[start : start + batch_size], code_count, max_tokens, None)
