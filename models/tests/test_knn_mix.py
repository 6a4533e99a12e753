"""The kNN mix the trainer chooses λ with, against hand-computed cases (the engine's formula, knn-mix.ts)."""

import math
import unittest

import numpy as np

from clinicoco_train.knn_mix import choose_knn_mix, knn_probabilities, mix


class KnnProbabilitiesTest(unittest.TestCase):
    # Three stored unit vectors at distances 0, sqrt(2) and 2 from the query (1, 0).
    store = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]], dtype=np.float32)
    labels = np.array([[1, 0], [1, 1], [0, 1]], dtype=np.float32)
    query = np.array([[1.0, 0.0]], dtype=np.float32)

    def test_softmax_of_negative_distance_over_tau(self):
        tau = 1.0
        weights = np.exp(-np.array([0.0, math.sqrt(2.0)]) / tau)
        weights /= weights.sum()
        # k = 2: the neighbours at 0 (codes {0}) and sqrt(2) (codes {0, 1}).
        expected = [weights[0] + weights[1], weights[1]]
        probabilities = knn_probabilities(self.store, self.labels, self.query, k=2, tau=tau)
        np.testing.assert_allclose(probabilities, [expected], rtol=1e-5)

    def test_small_tau_trusts_the_nearest(self):
        probabilities = knn_probabilities(self.store, self.labels, self.query, k=3, tau=0.01)
        np.testing.assert_allclose(probabilities, [[1.0, 0.0]], atol=1e-6)

    def test_k_larger_than_the_store_and_an_empty_store(self):
        probabilities = knn_probabilities(self.store, self.labels, self.query, k=10, tau=1e9)
        np.testing.assert_allclose(probabilities, [[2 / 3, 2 / 3]], rtol=1e-5)
        empty = knn_probabilities(np.zeros((0, 2), np.float32), np.zeros((0, 2), np.float32), self.query, k=3, tau=0.1)
        np.testing.assert_array_equal(empty, [[0.0, 0.0]])


class ChooseKnnMixTest(unittest.TestCase):
    gold = np.array([[1, 0], [0, 1]])

    def test_zero_when_the_neighbours_only_hurt(self):
        model = np.array([[0.9, 0.1], [0.2, 0.8]])  # separates the gold perfectly
        neighbours = np.array([[0.0, 1.0], [1.0, 0.0]])  # exactly wrong
        chosen = choose_knn_mix(model, neighbours, self.gold, k=3, tau=0.1)
        self.assertEqual(chosen.weight, 0.0)
        self.assertEqual(chosen.dev_micro_f1_by_weight[0.0], 1.0)
        self.assertLess(chosen.dev_micro_f1_by_weight[0.5], 1.0)
        self.assertEqual(chosen.manifest_entry(), {"k": 3, "lambda": 0.0, "tau": 0.1})

    def test_the_smallest_weight_that_fixes_the_model(self):
        # One threshold for all cells: the gold cells (0.5, 0.2) must all rank above the
        # others (0.3, 0.6). With right neighbours, λ·1 + (1−λ)·0.2 > (1−λ)·0.6 needs λ > 2/7:
        # λ = 0.2 gives gold 0.6, 0.36 against 0.24, 0.48 (not separable); λ = 0.3 gives
        # gold 0.65, 0.44 against 0.21, 0.42.
        model = np.array([[0.5, 0.3], [0.6, 0.2]])
        neighbours = np.array([[1.0, 0.0], [0.0, 1.0]])
        chosen = choose_knn_mix(model, neighbours, self.gold, k=3, tau=0.1)
        self.assertLess(chosen.dev_micro_f1_by_weight[0.2], 1.0)
        self.assertEqual(chosen.weight, 0.3)
        self.assertEqual(chosen.dev_micro_f1_by_weight[0.3], 1.0)
        mixed = mix(model, neighbours, chosen.weight)
        predicted = mixed >= chosen.threshold
        np.testing.assert_array_equal(predicted, self.gold.astype(bool))

    def test_a_small_weight_breaks_a_near_tie_of_small_probabilities(self):
        # A model whose probabilities are all near 0.02, as on CodiEsp: the negative 0.018
        # outranks the gold 0.016. λ = 0.01 lifts the gold cells the neighbours hold to
        # 0.0298 and 0.0258 against 0.0099 and 0.0178 — without the neighbours overruling
        # the model's order elsewhere.
        model = np.array([[0.020, 0.010], [0.018, 0.016]])
        neighbours = np.array([[1.0, 0.0], [0.0, 1.0]])
        chosen = choose_knn_mix(model, neighbours, self.gold, k=3, tau=0.1)
        self.assertLess(chosen.dev_micro_f1_by_weight[0.0], 1.0)
        self.assertEqual(chosen.weight, 0.01)
        predicted = mix(model, neighbours, chosen.weight) >= chosen.threshold
        np.testing.assert_array_equal(predicted, self.gold.astype(bool))


if __name__ == "__main__":
    unittest.main()
