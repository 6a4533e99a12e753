"""The name encoder's loss and model against hand-worked numbers and stated behaviour."""

import math
import unittest

import torch

from clinicoco_names.losses import info_nce, simcse_loss
from clinicoco_names.model import EncoderShape, NameEncoder


class InfoNceTest(unittest.TestCase):
    def test_two_orthogonal_pairs_at_temperature_one(self):
        # cos(own) = 1, cos(other) = 0: each row is softmax([1, 0]), loss = log(1 + e^-1).
        queries = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
        keys = torch.tensor([[3.0, 0.0], [0.0, 0.5]])  # lengths do not matter: cosine
        self.assertAlmostEqual(float(info_nce(queries, keys, 1.0)), math.log(1 + math.exp(-1)), places=6)

    def test_simcse_temperature_sharpens_a_correct_match(self):
        queries = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
        # At t = 0.25 a row is softmax([4, 0]): loss = log(1 + e^-4).
        self.assertAlmostEqual(float(info_nce(queries, queries, 0.25)), math.log(1 + math.exp(-4)), places=6)

    def test_a_wrong_match_costs_more_than_a_right_one(self):
        queries = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
        swapped = torch.tensor([[0.0, 1.0], [1.0, 0.0]])
        # Row i prefers the other key: softmax([0, 1])_0, loss = log(1 + e).
        self.assertAlmostEqual(float(info_nce(queries, swapped, 1.0)), math.log(1 + math.e), places=6)

    def test_rows_of_the_same_group_are_not_negatives(self):
        # Three rows; rows 0 and 1 share a group. Row 0: the key of row 1 is masked, so
        # its softmax is over [cos 1 (own), cos 0 (row 2)] -> log(1 + e^-1); row 1 alike.
        # Row 2 is in no shared group: softmax over [0, 0, 1] -> log(1 + 2 e^-1).
        queries = torch.tensor([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
        keys = queries.clone()
        groups = torch.tensor([7, 7, 8])
        expected = (2 * math.log(1 + math.exp(-1)) + math.log(1 + 2 * math.exp(-1))) / 3
        self.assertAlmostEqual(float(info_nce(queries, keys, 1.0, groups)), expected, places=6)
        # Without groups, rows 0 and 1 each see a second key as close as their own.
        unmasked = (2 * math.log(2 + math.exp(-1)) + math.log(1 + 2 * math.exp(-1))) / 3
        self.assertAlmostEqual(float(info_nce(queries, keys, 1.0)), unmasked, places=6)


class NameEncoderTest(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)
        self.model = NameEncoder(EncoderShape(vocab_size=50, embedding_dim=16, hidden_dim=16, output_dim=8, dropout=0.1))
        self.ids = torch.tensor([[5, 6, 7, 8], [9, 10, 0, 0]])

    def test_two_dropout_views_differ_in_train_mode_and_agree_in_eval_mode(self):
        self.model.train()
        first, second = self.model(self.ids), self.model(self.ids)
        self.assertGreater(float((first - second).abs().max()), 1e-3)
        self.model.eval()
        first, second = self.model(self.ids), self.model(self.ids)
        self.assertEqual(float((first - second).abs().max()), 0.0)

    def test_outputs_are_unit_vectors_and_padding_changes_nothing(self):
        self.model.eval()
        vectors = self.model(self.ids)
        self.assertEqual(tuple(vectors.shape), (2, 8))
        self.assertTrue(torch.allclose(vectors.norm(dim=-1), torch.ones(2), atol=1e-6))
        alone = self.model(torch.tensor([[9, 10]]))
        self.assertTrue(torch.allclose(alone[0], vectors[1], atol=1e-6))

    def test_simcse_loss_falls_as_the_encoder_trains(self):
        optimizer = torch.optim.Adam(self.model.parameters(), lr=1e-2)
        batch = torch.randint(5, 50, (16, 6))
        self.model.train()
        first = float(simcse_loss(self.model, batch, 0.05))
        for _ in range(30):
            optimizer.zero_grad()
            loss = simcse_loss(self.model, batch, 0.05)
            loss.backward()
            optimizer.step()
        self.assertLess(float(simcse_loss(self.model, batch, 0.05)), first * 0.5)
        # Chance for 16 rows is log(16); a working SimCSE separates the rows.
        self.assertLess(float(simcse_loss(self.model, batch, 0.05)), math.log(16) / 2)


if __name__ == "__main__":
    unittest.main()
