"""The document model: the co-occurrence graph on a hand case, and padding that changes nothing."""

import math
import unittest

import torch

from clinicoco_train.graph import CooccurrenceGraph, same_token_group, window_sum
from clinicoco_train.model import FULL_RANK_WIDE, BagOfTokens, DocumentModel, ModelShape


def small_model(seed: int = 0) -> DocumentModel:
    torch.manual_seed(seed)
    model = DocumentModel(ModelShape(vocab_size=50, label_count=7, embedding_dim=12, hidden_dim=12))
    return model.eval()


class CooccurrenceGraphTest(unittest.TestCase):
    def test_same_token_group_points_at_the_first_occurrence(self):
        groups = same_token_group(torch.tensor([[2, 5, 6, 5, 0, 0]]))
        self.assertEqual(groups.tolist(), [[0, 1, 2, 1, 4, 4]])

    def test_messages_pool_the_neighbours_of_every_occurrence(self):
        # Tokens [CLS] a b a with window 1 and scalar states 1, 10, 100, 1000.
        # Window neighbours: pos0 {10}, pos1 {1, 100}, pos2 {10, 1000}, pos3 {100}.
        # Both a's hear the neighbours of both occurrences: (1 + 100 + 100) / 3 = 67.
        states = torch.tensor([[[1.0], [10.0], [100.0], [1000.0]]])
        graph = CooccurrenceGraph(torch.tensor([[2, 5, 6, 5]]), window=1)
        self.assertEqual(graph.messages(states).flatten().tolist(), [10.0, 67.0, 505.0, 67.0])

    def test_window_three_reaches_three_positions_each_way(self):
        ids = torch.tensor([[2, 11, 12, 13, 14, 15, 16, 17]])
        states = torch.zeros(1, 8, 1)
        states[0, 7, 0] = 1.0
        messages = CooccurrenceGraph(ids, window=3).messages(states).flatten()
        # Position 7 is a neighbour of 4, 5, 6 only (degrees: 6, 5, 4 neighbours).
        self.assertEqual([position for position in range(8) if messages[position] > 0], [4, 5, 6])
        self.assertAlmostEqual(float(messages[4]), 1 / 6)

    def test_padding_neither_sends_nor_receives(self):
        states = torch.ones(1, 5, 1)
        messages = CooccurrenceGraph(torch.tensor([[2, 5, 6, 0, 0]]), window=3).messages(states).flatten()
        # Every real neighbour holds 1, so each real mean is 1; padding positions get 0.
        self.assertEqual(messages.tolist(), [1.0, 1.0, 1.0, 0.0, 0.0])

    def test_training_and_exported_window_sums_agree(self):
        # Training uses a depthwise convolution, the ONNX export a single-channel one.
        values = torch.randn(3, 40, 8, generator=torch.Generator().manual_seed(3))
        trained = window_sum(values, 3, exportable=False)
        exported = window_sum(values, 3, exportable=True)
        self.assertTrue(torch.allclose(trained, exported, atol=1e-6))
        # Position 10 sums positions 7-9 and 11-13.
        expected = values[:, 7:10].sum(dim=1) + values[:, 11:14].sum(dim=1)
        self.assertTrue(torch.allclose(trained[:, 10], expected, atol=1e-5))


class FullRankBagOfTokensTest(unittest.TestCase):
    def test_logits_are_the_tfidf_vector_times_one_weight_per_token_and_code(self):
        # Tokens [CLS] a b a: counts 1, 2, 1; idf 1, 2, 3 for [CLS], a, b.
        bag = BagOfTokens(vocab_size=10, dim=FULL_RANK_WIDE, label_count=2, dropout=0.5).eval()
        token_ids = torch.tensor([[2, 5, 6, 5]])
        self.assertEqual(float(bag(token_ids, CooccurrenceGraph(token_ids, 3)).abs().max()), 0.0)
        with torch.no_grad():
            bag.inverse_document_frequency[torch.tensor([2, 5, 6])] = torch.tensor([1.0, 2.0, 3.0])
            bag.token_vectors.weight[5] = torch.tensor([1.0, 0.0])
            bag.token_vectors.weight[6] = torch.tensor([0.0, 1.0])
        raw = torch.tensor([1.0, (1.0 + math.log(2.0)) * 2.0, 3.0])
        tfidf = raw / raw.norm()
        logits = bag(token_ids, CooccurrenceGraph(token_ids, 3))
        self.assertTrue(torch.allclose(logits, tfidf[1:].unsqueeze(0), atol=1e-6))


class PaddingTest(unittest.TestCase):
    def setUp(self):
        self.model = small_model()
        generator = torch.Generator().manual_seed(1)
        self.document = torch.randint(5, 50, (1, 20), generator=generator)
        self.document[0, 0] = 2

    def test_appended_padding_changes_no_output(self):
        padded = torch.cat([self.document, torch.zeros(1, 9, dtype=torch.int64)], dim=1)
        with torch.no_grad():
            plain = self.model(self.document)
            with_padding = self.model(padded)
        self.assertTrue(torch.allclose(plain.logits, with_padding.logits, atol=1e-5))
        self.assertTrue(torch.allclose(plain.embedding, with_padding.embedding, atol=1e-6))
        self.assertTrue(torch.allclose(plain.attention, with_padding.attention[:, :, :20], atol=1e-6))
        self.assertEqual(float(with_padding.attention[:, :, 20:].abs().max()), 0.0)

    def test_a_short_document_batched_with_a_long_one_gets_its_own_outputs(self):
        long_document = torch.randint(5, 50, (1, 35), generator=torch.Generator().manual_seed(2))
        batch = torch.zeros(2, 35, dtype=torch.int64)
        batch[0] = long_document[0]
        batch[1, :20] = self.document[0]
        with torch.no_grad():
            alone = self.model(self.document)
            together = self.model(batch)
        self.assertTrue(torch.allclose(alone.logits[0], together.logits[1], atol=1e-5))
        self.assertTrue(torch.allclose(alone.embedding[0], together.embedding[1], atol=1e-6))

    def test_attention_rows_sum_to_one_and_embedding_has_unit_length(self):
        padded = torch.cat([self.document, torch.zeros(1, 5, dtype=torch.int64)], dim=1)
        with torch.no_grad():
            outputs = self.model(padded)
        self.assertEqual(tuple(outputs.attention.shape), (1, 7, 25))
        self.assertTrue(torch.allclose(outputs.attention.sum(dim=-1), torch.ones(1, 7), atol=1e-5))
        self.assertAlmostEqual(float(outputs.embedding.norm()), 1.0, places=5)

    def test_the_padding_token_embedding_is_not_what_masks_it(self):
        # Masking must not rely on the padding row staying zero: set it to garbage.
        with torch.no_grad():
            self.model.token_embedding.weight[0] = 100.0
        self.test_appended_padding_changes_no_output()


if __name__ == "__main__":
    unittest.main()
