"""Multi-label metrics on numpy arrays: F1, precision, recall, AUC, best threshold.

scikit-learn is not installed for /usr/bin/python3, so these are written out and
checked against hand-computed cases in tests/test_metrics.py.
"""

from typing import Dict, Optional, Sequence

import numpy as np


def best_micro_f1_threshold(probabilities: np.ndarray, gold: np.ndarray) -> float:
    """The probability threshold that maximises micro-F1 (exact search over all cut points).

    Predicting the k most probable (document, code) pairs gives F1 = 2 TP_k / (k + P);
    the returned threshold sits halfway between the k-th and (k+1)-th probability of
    the best k, so that `probability >= threshold` reproduces that cut.
    """
    scores = probabilities.ravel()
    labels = gold.ravel().astype(bool)
    positives = labels.sum()
    if positives == 0 or scores.size == 0:
        return 0.5
    order = np.argsort(-scores, kind="stable")
    sorted_scores = scores[order]
    true_positives = np.cumsum(labels[order])
    predicted = np.arange(1, scores.size + 1)
    f1 = 2.0 * true_positives / (predicted + positives)
    # Only cut between distinct scores: ties are predicted together.
    distinct_cut = np.append(sorted_scores[:-1] > sorted_scores[1:], True)
    f1 = np.where(distinct_cut, f1, -1.0)
    best = int(np.argmax(f1))
    if best + 1 < scores.size:
        return float((sorted_scores[best] + sorted_scores[best + 1]) / 2.0)
    return float(sorted_scores[best] / 2.0)


def classification_metrics(
    probabilities: np.ndarray, gold: np.ndarray, threshold: float, labels: Optional[Sequence[int]] = None
) -> Dict[str, float]:
    """micro/macro F1, precision, recall (micro) and micro/macro AUC at one threshold.

    `labels` restricts everything to those columns (e.g. the 50 most frequent codes).
    Macro averages run over the codes that have at least one gold positive in these
    documents (F1) or both positives and negatives (AUC); a code never seen in the
    split says nothing about the model.
    """
    if labels is not None:
        probabilities = probabilities[:, list(labels)]
        gold = gold[:, list(labels)]
    gold = gold.astype(bool)
    predicted = probabilities >= threshold
    true_positives = (predicted & gold).sum(axis=0)
    predicted_counts = predicted.sum(axis=0)
    gold_counts = gold.sum(axis=0)
    micro_precision = _ratio(true_positives.sum(), predicted_counts.sum())
    micro_recall = _ratio(true_positives.sum(), gold_counts.sum())
    per_code_f1 = np.array(
        [_ratio(2 * tp, p + g) for tp, p, g in zip(true_positives, predicted_counts, gold_counts)]
    )
    present = gold_counts > 0
    return {
        "micro_f1": _ratio(2 * true_positives.sum(), predicted_counts.sum() + gold_counts.sum()),
        "macro_f1": float(per_code_f1[present].mean()) if present.any() else 0.0,
        "micro_auc": roc_auc(probabilities.ravel(), gold.ravel()),
        "macro_auc": _macro_auc(probabilities, gold),
        "precision": micro_precision,
        "recall": micro_recall,
    }


def roc_auc(scores: np.ndarray, gold: np.ndarray) -> float:
    """Area under the ROC curve via the Mann-Whitney U statistic (ties count one half)."""
    gold = gold.astype(bool)
    positives = int(gold.sum())
    negatives = gold.size - positives
    if positives == 0 or negatives == 0:
        return float("nan")
    ranks = _average_ranks(scores)
    return float((ranks[gold].sum() - positives * (positives + 1) / 2.0) / (positives * negatives))


def most_frequent_labels(label_lists: Sequence[Sequence[int]], count: int) -> list:
    """The `count` most frequent label indices (ties broken by the lower index)."""
    frequency: Dict[int, int] = {}
    for labels in label_lists:
        for label in labels:
            frequency[label] = frequency.get(label, 0) + 1
    return sorted(frequency, key=lambda label: (-frequency[label], label))[:count]


def _macro_auc(probabilities: np.ndarray, gold: np.ndarray) -> float:
    values = [
        roc_auc(probabilities[:, code], gold[:, code])
        for code in range(gold.shape[1])
        if 0 < gold[:, code].sum() < gold.shape[0]
    ]
    return float(np.mean(values)) if values else float("nan")


def _average_ranks(values: np.ndarray) -> np.ndarray:
    """Ranks 1..n, tied values sharing the mean of their ranks."""
    _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    last_rank = np.cumsum(counts)
    return (last_rank - (counts - 1) / 2.0)[inverse]


def _ratio(numerator, denominator) -> float:
    return float(numerator) / float(denominator) if denominator else 0.0
