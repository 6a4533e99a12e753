"""Step 3 begins by fitting the bag-of-tokens path to convergence, as the TF-IDF logistic regression it is.

Trained by SGD jointly with the network, the path stayed below that baseline (CodiEsp
free text, dev top-50 micro-F1: 0.43 after 12 epochs alone, 0.40 inside the whole
model after 9, against 0.46 converged): the network fits the 500 training records
within a few epochs and the path's gradient vanishes before it has converged.

So the path is fitted first, by L-BFGS with L2, on the clean and the noisy records
(training.regression_records), and then held fixed. The network is
trained by step 3 on its own (behind a regression that already fits the training
records it would get no gradient: measured, dev micro-F1 did not move), and the two
are combined as logits = deep_weight · network + regression, with deep_weight chosen
on dev at every epoch (training.py, DEEP_WEIGHTS); 0 means the regression alone.

The objective is separable by code (one-vs-rest), so codes are fitted in chunks: the
full [vocabulary × codes] table and L-BFGS's history for it would not fit in memory
for CodiEsp (16,000 × 1,767 floats = 113 MB per copy).
"""

from typing import Callable, Optional, Sequence

import numpy as np
import torch

from .batching import EncodedRecords, evaluation_batches, label_matrix
from .graph import CooccurrenceGraph
from .model import DocumentModel
from .options import TrainingOptions

CODE_CHUNK = 128
LBFGS_ITERATIONS = 200


def fits_bag_of_tokens(model: DocumentModel, options: TrainingOptions) -> bool:
    return options.wide_fit_l2 is not None and model.bag_of_tokens is not None and model.bag_of_tokens.full_rank


def tfidf_matrix(model: DocumentModel, records: EncodedRecords, max_tokens: int, batch_size: int = 32) -> torch.Tensor:
    """[records, vocabulary] sparse: the TF-IDF vectors the bag-of-tokens path computes (first max_tokens tokens)."""
    rows, columns, values = [], [], []
    code_count = model.shape.label_count
    with torch.no_grad():
        for batch in evaluation_batches(records, batch_size, code_count, max_tokens):
            graph = CooccurrenceGraph(batch.token_ids, model.shape.graph_window)
            weights = model.bag_of_tokens.tfidf_weights(batch.token_ids, graph)
            batch_rows, positions = torch.nonzero(weights, as_tuple=True)
            rows.append(torch.tensor(batch.record_indices)[batch_rows])
            columns.append(batch.token_ids[batch_rows, positions])
            values.append(weights[batch_rows, positions])
    indices = torch.stack([torch.cat(rows), torch.cat(columns)])
    return torch.sparse_coo_tensor(indices, torch.cat(values), (len(records), model.shape.vocab_size)).coalesce()


def fit_bag_of_tokens(
    model: DocumentModel,
    records: EncodedRecords,
    max_tokens: int,
    l2: float,
    log: Callable[[str], None],
    weights: Optional[Sequence[float]] = None,
    basis: Optional[torch.Tensor] = None,
    basis_l2: float = 0.0,
) -> None:
    """Sets the path's weights and intercepts to the L2-regularised logistic regression on `records`.

    Minimises (1/Σw)·Σ w_i·BCE_i summed over codes + l2·‖W‖² (intercepts not penalised), per
    code chunk; every record weighs 1 unless `weights` says otherwise.

    With a `basis` P [vocabulary × d] (raw_basis.py) the logits are x·(W + P·U) + b, with
    basis_l2·‖U‖² added: the same linear model of the TF-IDF vector x, so W + P·U goes into
    the path's table and the exported graph does not change.
    """
    features = tfidf_matrix(model, records, max_tokens)
    projected = torch.sparse.mm(features, basis) if basis is not None else None
    gold = label_matrix(records.labels, model.shape.label_count)
    count = len(records)
    record_weights = torch.ones(count, 1) if weights is None else torch.tensor(weights, dtype=torch.float32).reshape(count, 1)
    total_weight = float(record_weights.sum())
    table = model.bag_of_tokens.token_vectors.weight
    bias = model.bag_of_tokens.bias
    for start in range(0, model.shape.label_count, CODE_CHUNK):
        codes = slice(start, min(start + CODE_CHUNK, model.shape.label_count))
        weights = torch.zeros(model.shape.vocab_size, codes.stop - codes.start, requires_grad=True)
        chunk_bias = torch.zeros(codes.stop - codes.start, requires_grad=True)
        parameters = [weights, chunk_bias]
        if basis is not None:
            basis_weights = torch.zeros(basis.shape[1], codes.stop - codes.start, requires_grad=True)
            parameters.append(basis_weights)
        optimizer = torch.optim.LBFGS(
            parameters, lr=1.0, max_iter=LBFGS_ITERATIONS, history_size=10, line_search_fn="strong_wolfe"
        )
        target = gold[:, codes]

        def objective() -> torch.Tensor:
            optimizer.zero_grad()
            logits = torch.sparse.mm(features, weights) + chunk_bias
            if basis is not None:
                logits = logits + projected @ basis_weights
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                logits, target, weight=record_weights, reduction="sum"
            ) / total_weight
            loss = loss + l2 * (weights ** 2).sum()
            if basis is not None:
                loss = loss + basis_l2 * (basis_weights ** 2).sum()
            loss.backward()
            return loss

        optimizer.step(objective)
        with torch.no_grad():
            table[:, codes] = weights if basis is None else weights + basis @ basis_weights
            bias[codes] = chunk_bias
    table.data[0].zero_()  # padding row
    log(f"bag-of-tokens path fitted: logistic regression on {count} documents (weight {total_weight:g}), "
        f"{model.shape.label_count} codes, {features._nnz()} non-zero TF-IDF entries, L2 {l2:g}"
        + (f"; with the raw token space ({basis.shape[1]} dimensions, L2 {basis_l2:g})" if basis is not None else ""))


def freeze_bag_of_tokens(model: DocumentModel) -> None:
    for parameter in model.bag_of_tokens.parameters():
        parameter.requires_grad_(False)
