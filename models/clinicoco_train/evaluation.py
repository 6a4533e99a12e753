"""Runs the model over a split and scores it."""

from dataclasses import dataclass
from typing import Dict, Optional, Sequence

import numpy as np
import torch

from .batching import EncodedRecords, evaluation_batches, label_matrix
from .training_bundle import TrainingBundle
from .metrics import best_micro_f1_threshold, classification_metrics, most_frequent_labels
from .model import DocumentModel

# Metrics over the most frequent codes are reported beside those over all codes: with
# ~1,700 codes most appear once or twice, and the top codes are what coders see most.
FREQUENT_CODE_COUNT = 50


def frequent_codes(bundle: TrainingBundle) -> list:
    """The FREQUENT_CODE_COUNT codes most often labelled in the training splits (clean + noisy)."""
    training_labels = [record.labels for split in ("clean", "noisy") for record in bundle.split(split)]
    return most_frequent_labels(training_labels, FREQUENT_CODE_COUNT)


@dataclass
class Predictions:
    probabilities: np.ndarray  # [records, codes], in record order
    embeddings: np.ndarray  # [records, dim]
    gold: np.ndarray  # [records, codes] 0/1
    network_logits: np.ndarray  # [records, codes]: the two paths the logits combine
    wide_logits: Optional[np.ndarray]  # None without a bag-of-tokens path


def predict(model: DocumentModel, records: EncodedRecords, code_count: int, max_tokens: int, batch_size: int) -> Predictions:
    probabilities = np.zeros((len(records), code_count), dtype=np.float32)
    network_logits = np.zeros((len(records), code_count), dtype=np.float32)
    wide_logits = np.zeros((len(records), code_count), dtype=np.float32) if model.bag_of_tokens is not None else None
    embeddings = np.zeros((len(records), model.embedding_dim()), dtype=np.float32)
    was_training = model.training
    model.eval()
    with torch.no_grad():
        for batch in evaluation_batches(records, batch_size, code_count, max_tokens):
            states = model.document_states(batch.token_ids)
            network, wide, _ = model.path_logits(states)
            probabilities[batch.record_indices] = torch.sigmoid(model.combine(network, wide)).numpy()
            network_logits[batch.record_indices] = network.numpy()
            if wide_logits is not None:
                wide_logits[batch.record_indices] = wide.numpy()
            embeddings[batch.record_indices] = model.document_embedding(states).numpy()
    model.train(was_training)
    gold = label_matrix(records.labels, code_count).numpy()
    return Predictions(probabilities, embeddings, gold, network_logits, wide_logits)


def score(
    predictions: Predictions, threshold: Optional[float] = None, frequent_labels: Sequence[int] = ()
) -> Dict[str, float]:
    """Metrics over every code at `threshold` (default: this split's best micro-F1 threshold).

    With `frequent_labels`, adds the same metrics over those codes as `top{N}_…`, and
    `top{N}_best_micro_f1`: their micro-F1 at the threshold best for them alone (how
    the top-N setting is usually reported; the engine uses the one exported threshold).
    """
    if threshold is None:
        threshold = best_micro_f1_threshold(predictions.probabilities, predictions.gold)
    metrics = classification_metrics(predictions.probabilities, predictions.gold, threshold)
    metrics["threshold"] = threshold
    if frequent_labels:
        top = classification_metrics(predictions.probabilities, predictions.gold, threshold, frequent_labels)
        prefix = f"top{len(frequent_labels)}_"
        metrics.update({prefix + key: value for key, value in top.items()})
        columns = list(frequent_labels)
        own_threshold = best_micro_f1_threshold(predictions.probabilities[:, columns], predictions.gold[:, columns])
        metrics[prefix + "best_micro_f1"] = classification_metrics(
            predictions.probabilities, predictions.gold, own_threshold, columns
        )["micro_f1"]
    return metrics
