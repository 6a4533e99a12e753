"""Metrics against hand-computed cases (there is no scikit-learn to compare with here)."""

import math
import unittest

import numpy as np

from clinicoco_train.metrics import best_micro_f1_threshold, classification_metrics, most_frequent_labels, roc_auc


class RocAucTest(unittest.TestCase):
    def test_perfect_and_reversed_rankings(self):
        gold = np.array([0, 0, 1, 1])
        self.assertEqual(roc_auc(np.array([0.1, 0.2, 0.8, 0.9]), gold), 1.0)
        self.assertEqual(roc_auc(np.array([0.9, 0.8, 0.2, 0.1]), gold), 0.0)

    def test_ties_count_one_half(self):
        # Positive pairs (pos, neg): (0.5, 0.5) tie = 1/2, (0.5, 0.1) = 1, (0.9, 0.5) = 1,
        # (0.9, 0.1) = 1 -> 3.5 / 4.
        auc = roc_auc(np.array([0.5, 0.9, 0.5, 0.1]), np.array([1, 1, 0, 0]))
        self.assertAlmostEqual(auc, 3.5 / 4)

    def test_undefined_without_negatives(self):
        self.assertTrue(math.isnan(roc_auc(np.array([0.3, 0.4]), np.array([1, 1]))))


class ClassificationMetricsTest(unittest.TestCase):
    probabilities = np.array([[0.9, 0.2, 0.6], [0.4, 0.7, 0.1]])
    gold = np.array([[1, 0, 0], [1, 1, 0]])

    def test_micro_and_macro_at_one_half(self):
        metrics = classification_metrics(self.probabilities, self.gold, 0.5)
        # Predicted: (0,0) TP, (0,2) FP, (1,1) TP; missed (1,0). TP 2, FP 1, FN 1.
        self.assertAlmostEqual(metrics["precision"], 2 / 3)
        self.assertAlmostEqual(metrics["recall"], 2 / 3)
        self.assertAlmostEqual(metrics["micro_f1"], 2 / 3)
        # Code 0: TP 1, FN 1 -> F1 2/3; code 1: F1 1; code 2 has no gold positive: left out.
        self.assertAlmostEqual(metrics["macro_f1"], (2 / 3 + 1) / 2)

    def test_restricting_to_some_codes(self):
        metrics = classification_metrics(self.probabilities, self.gold, 0.5, labels=[1])
        self.assertEqual(metrics["micro_f1"], 1.0)

    def test_micro_auc_over_all_pairs(self):
        # Positives 0.9, 0.4, 0.7 against negatives 0.2, 0.6, 0.1: 0.4 loses to 0.6 only -> 8/9.
        metrics = classification_metrics(self.probabilities, self.gold, 0.5)
        self.assertAlmostEqual(metrics["micro_auc"], 8 / 9)


class BestThresholdTest(unittest.TestCase):
    def test_threshold_reproduces_the_best_cut(self):
        probabilities = np.array([[0.9, 0.2, 0.6], [0.4, 0.7, 0.1]])
        gold = np.array([[1, 0, 0], [1, 1, 0]])
        # Sorted: 0.9 T, 0.7 T, 0.6 F, 0.4 T, 0.2 F, 0.1 F with 3 positives:
        # k=2 -> F1 4/5, k=4 -> F1 6/7 (best). The cut lies between 0.4 and 0.2.
        threshold = best_micro_f1_threshold(probabilities, gold)
        self.assertAlmostEqual(threshold, 0.3)
        self.assertAlmostEqual(classification_metrics(probabilities, gold, threshold)["micro_f1"], 6 / 7)

    def test_tied_scores_are_never_split(self):
        probabilities = np.array([[0.5, 0.5, 0.1]])
        gold = np.array([[1, 0, 0]])
        # Cutting inside the tie would need the positive 0.5 alone; the best legal cut
        # takes both 0.5s: F1 = 2/3 (the alternative, nothing, gives 0).
        threshold = best_micro_f1_threshold(probabilities, gold)
        self.assertAlmostEqual(threshold, 0.3)


class MostFrequentLabelsTest(unittest.TestCase):
    def test_orders_by_count_then_index(self):
        self.assertEqual(most_frequent_labels([[3, 1], [1], [2, 3], [0]], 3), [1, 3, 0])


if __name__ == "__main__":
    unittest.main()
