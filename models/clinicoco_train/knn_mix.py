"""Chooses the kNN mix weight λ on dev, mixing exactly as the engine does (engine/coding/knn-mix.ts).

ŷ = λ·ŷ_kNN + (1−λ)·ŷ_model, ŷ_kNN = Σ softmax(−d/τ)·y over the k nearest records of
the datastore (Euclidean distance between the unit-length document embeddings). The
engine's datastore holds every clean or coder-submitted record; at training time that
is the clean split. The paper fixes λ = 0.3; on CodiEsp free text that *lowered* dev
micro-F1 from 0.398 to 0.334, because neighbours found by an embedding trained on 500
records are worse evidence than the model. So the weight is chosen on dev, and 0 (the
model alone) is one of the choices.

The grid is finer near 0 because the model's probabilities can be small: on CodiEsp
the best threshold was 0.019, so at λ = 0.1 a single neighbour's code (share ⅓ at
k = 3) already outranks everything the model is sure of. λ of 0.01–0.05 is where a
neighbour can still break the model's near-ties without overruling it.
"""

from dataclasses import dataclass, field
from typing import Dict, Sequence

import numpy as np

from .metrics import best_micro_f1_threshold, classification_metrics

LAMBDA_CHOICES = (0.0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5)
# The paper's values; λ is the one used when there is no dev split to choose it on.
KNN_DEFAULTS = {"k": 3, "lambda": 0.3, "tau": 0.1}


@dataclass
class KnnMix:
    k: int
    tau: float
    weight: float  # λ
    threshold: float  # dev's best micro-F1 threshold for the mixed probabilities
    dev_micro_f1_by_weight: Dict[float, float] = field(default_factory=dict)

    def manifest_entry(self) -> dict:
        return {"k": self.k, "lambda": self.weight, "tau": self.tau}


def knn_probabilities(
    store_embeddings: np.ndarray, store_labels: np.ndarray, query_embeddings: np.ndarray, k: int, tau: float
) -> np.ndarray:
    """[queries, codes]: the softmax(−d/τ)-weighted share of the k nearest stored records holding each code."""
    if len(store_embeddings) == 0:
        return np.zeros((len(query_embeddings), store_labels.shape[1]), dtype=np.float32)
    squared = (
        (query_embeddings ** 2).sum(axis=1, keepdims=True)
        + (store_embeddings ** 2).sum(axis=1)[None, :]
        - 2.0 * query_embeddings @ store_embeddings.T
    )
    distances = np.sqrt(np.maximum(squared, 0.0))
    k = min(k, len(store_embeddings))
    nearest = np.argsort(distances, axis=1, kind="stable")[:, :k]
    nearest_distances = np.take_along_axis(distances, nearest, axis=1)
    weights = np.exp(-(nearest_distances - nearest_distances[:, :1]) / tau)
    weights /= weights.sum(axis=1, keepdims=True)
    return np.einsum("qk,qkc->qc", weights, store_labels[nearest]).astype(np.float32)


def choose_knn_mix(
    model_probabilities: np.ndarray,
    neighbour_probabilities: np.ndarray,
    gold: np.ndarray,
    k: int,
    tau: float,
    choices: Sequence[float] = LAMBDA_CHOICES,
) -> KnnMix:
    """The λ with the highest dev micro-F1 (each at its own best threshold); ties go to the smaller λ."""
    best = None
    scores: Dict[float, float] = {}
    for weight in choices:
        mixed = mix(model_probabilities, neighbour_probabilities, weight)
        threshold = best_micro_f1_threshold(mixed, gold)
        micro_f1 = classification_metrics(mixed, gold, threshold)["micro_f1"]
        scores[weight] = micro_f1
        if best is None or micro_f1 > best[0] + 1e-12:
            best = (micro_f1, weight, threshold)
    _, weight, threshold = best
    return KnnMix(k, tau, weight, threshold, scores)


def mix(model_probabilities: np.ndarray, neighbour_probabilities: np.ndarray, weight: float) -> np.ndarray:
    return weight * neighbour_probabilities + (1.0 - weight) * model_probabilities
