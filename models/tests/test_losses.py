"""The paper's losses against numbers worked out by hand."""

import math
import unittest

import torch

from clinicoco_train.losses import (
    classification_loss,
    label_overlap_weights,
    multilabel_contrastive_loss,
    unsupervised_contrastive_loss,
)


class UnsupervisedContrastiveLossTest(unittest.TestCase):
    def test_two_orthogonal_documents_at_temperature_one(self):
        # Readout and sequence vectors agree: cos(own) = 1, cos(other) = 0, so each row
        # is softmax([1, 0]) and the loss is -log(e / (e + 1)) = log(1 + e^-1).
        readouts = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
        sequences = torch.tensor([[2.0, 0.0], [0.0, 3.0]])  # lengths do not matter: cosine
        loss = unsupervised_contrastive_loss(readouts, sequences, temperature=1.0)
        self.assertAlmostEqual(float(loss), math.log(1 + math.exp(-1)), places=6)

    def test_lower_temperature_sharpens_a_correct_match(self):
        readouts = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
        # At t = 0.5 the row is softmax([2, 0]): -log(e^2 / (e^2 + 1)) = log(1 + e^-2).
        loss = unsupervised_contrastive_loss(readouts, readouts, temperature=0.5)
        self.assertAlmostEqual(float(loss), math.log(1 + math.exp(-2)), places=6)

    def test_swapped_sequence_vectors_cost_more_than_matching_ones(self):
        readouts = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
        swapped = torch.tensor([[0.0, 1.0], [1.0, 0.0]])
        # Each row is softmax([0, 1]) with the target on the 0: log(1 + e).
        loss = unsupervised_contrastive_loss(readouts, swapped, temperature=1.0)
        self.assertAlmostEqual(float(loss), math.log(1 + math.e), places=6)


class LabelOverlapTest(unittest.TestCase):
    def test_jaccard_of_label_sets_with_zero_diagonal(self):
        labels = torch.tensor([[1, 1, 0], [0, 1, 1], [0, 0, 1]])
        overlap = label_overlap_weights(labels)
        # {0,1} vs {1,2}: 1 shared of 3; {0,1} vs {2}: 0; {1,2} vs {2}: 1 of 2.
        expected = torch.tensor([[0.0, 1 / 3, 0.0], [1 / 3, 0.0, 0.5], [0.0, 0.5, 0.0]])
        self.assertTrue(torch.allclose(overlap, expected))

    def test_documents_without_labels_overlap_with_nothing(self):
        overlap = label_overlap_weights(torch.tensor([[0, 0], [0, 0]]))
        self.assertTrue(torch.equal(overlap, torch.zeros(2, 2)))


class MultilabelContrastiveLossTest(unittest.TestCase):
    # Points z1 = (0, 0), z2 = (1, 0), z3 = (0, 2): d12 = 1, d13 = 2, d23 = sqrt(5).
    points = torch.tensor([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0]])

    def test_one_positive_pair_and_one_document_without_partner(self):
        labels = torch.tensor([[1, 0], [1, 0], [0, 1]])
        # Anchor 1: -log(e^-1 / (e^-1 + e^-2)) = log(1 + e^-1).
        # Anchor 2: -log(e^-1 / (e^-1 + e^-sqrt5)) = log(1 + e^(1 - sqrt5)).
        # Document 3 shares no label, so it is not an anchor; the loss is the mean of two.
        expected = (math.log(1 + math.exp(-1)) + math.log(1 + math.exp(1 - math.sqrt(5)))) / 2
        loss = multilabel_contrastive_loss(self.points, labels, temperature=1.0)
        self.assertAlmostEqual(float(loss), expected, places=5)

    def test_partial_overlaps_weight_the_positives(self):
        labels = torch.tensor([[1, 1], [1, 0], [0, 1]])
        # beta12 = beta13 = 1/2, beta23 = 0.
        # Anchor 1 splits its weight: -(1/2)(-1 - s) - (1/2)(-2 - s) with s = log(e^-1 + e^-2)
        #   = 3/2 + s = 1/2 + log(1 + e^-1).
        # Anchor 2's only positive is 1: log(1 + e^(1 - sqrt5)).
        # Anchor 3's only positive is 1 (d = 2, other d = sqrt5): log(1 + e^(2 - sqrt5)).
        expected = (
            0.5 + math.log(1 + math.exp(-1)) + math.log(1 + math.exp(1 - math.sqrt(5))) + math.log(1 + math.exp(2 - math.sqrt(5)))
        ) / 3
        loss = multilabel_contrastive_loss(self.points, labels, temperature=1.0)
        self.assertAlmostEqual(float(loss), expected, places=5)

    def test_a_batch_without_shared_labels_gives_zero_and_a_gradient(self):
        points = self.points.clone().requires_grad_(True)
        loss = multilabel_contrastive_loss(points, torch.eye(3), temperature=1.0)
        loss.backward()
        self.assertEqual(float(loss), 0.0)
        self.assertTrue(torch.equal(points.grad, torch.zeros(3, 2)))

    def test_gradient_is_finite_when_two_embeddings_coincide(self):
        points = torch.tensor([[0.5, 0.5], [0.5, 0.5], [1.0, 0.0]], requires_grad=True)
        loss = multilabel_contrastive_loss(points, torch.tensor([[1], [1], [0]]), temperature=0.1)
        loss.backward()
        self.assertTrue(torch.isfinite(points.grad).all())


class ClassificationLossTest(unittest.TestCase):
    def test_zero_logits_cost_log_two_per_code(self):
        logits = torch.zeros(2, 3)
        labels = torch.tensor([[1, 0, 0], [0, 1, 1]])
        self.assertAlmostEqual(float(classification_loss(logits, labels)), math.log(2), places=6)
        self.assertAlmostEqual(float(classification_loss(logits, labels, per_code_mean=False)), 3 * math.log(2), places=5)

    def test_confident_right_answers_cost_almost_nothing(self):
        labels = torch.tensor([[1.0, 0.0]])
        logits = torch.tensor([[20.0, -20.0]])
        # -log(sigmoid(20)) = log(1 + e^-20) ~ 2e-9.
        self.assertLess(float(classification_loss(logits, labels)), 1e-8)


if __name__ == "__main__":
    unittest.main()
