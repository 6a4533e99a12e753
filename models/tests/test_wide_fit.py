"""The bag-of-tokens path's logistic-regression fit at step 3's start (wide_fit.py)."""

import unittest

import numpy as np
import torch

from clinicoco_train.batching import EncodedRecords, label_matrix
from clinicoco_train.training_bundle import CLS_ID, read_training_bundle
from clinicoco_train.evaluation import predict
from clinicoco_train.metrics import best_micro_f1_threshold, classification_metrics
from clinicoco_train.options import TrainingOptions
from clinicoco_train.training import build_model, regression_records, train
from clinicoco_train.wide_fit import fit_bag_of_tokens, tfidf_matrix

from .training_fixture import TrainingFixture

L2 = 1e-3


def silent(_line: str) -> None:
    pass


class WideFitTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.fixture = TrainingFixture()
        cls.bundle = read_training_bundle(cls.fixture.bundle_dir)
        cls.options = cls.fixture.options("--wide-fit-l2", str(L2))
        cls.clean = EncodedRecords.of(cls.bundle.split("clean"))
        cls.model = build_model(cls.bundle, cls.options)
        fit_bag_of_tokens(cls.model, cls.clean, cls.options.max_tokens, L2, silent)

    @classmethod
    def tearDownClass(cls):
        cls.fixture.cleanup()

    def test_tfidf_rows_are_unit_length_with_one_entry_per_distinct_token(self):
        features = tfidf_matrix(self.model, self.clean, self.options.max_tokens).to_dense()
        np.testing.assert_allclose(features.norm(dim=1).numpy(), 1.0, rtol=1e-5)
        distinct = [len(set(tokens[: self.options.max_tokens].tolist())) for tokens in self.clean.tokens]
        self.assertEqual((features > 0).sum(dim=1).tolist(), distinct)

    def test_model_logits_are_exactly_the_regression(self):
        # The path's logits are TF-IDF · W + bias, and with the network's weight at 0 they are the model's.
        features = tfidf_matrix(self.model, self.clean, self.options.max_tokens)
        bag = self.model.bag_of_tokens
        expected = (torch.sparse.mm(features, bag.token_vectors.weight) + bag.bias).detach().numpy()
        predictions = predict(self.model, self.clean, len(self.bundle.codes), self.options.max_tokens, 32)
        np.testing.assert_allclose(predictions.wide_logits, expected, atol=1e-5)
        with torch.no_grad():
            self.model.deep_weight.fill_(0.0)
        try:
            alone = predict(self.model, self.clean, len(self.bundle.codes), self.options.max_tokens, 32)
        finally:
            with torch.no_grad():
                self.model.deep_weight.fill_(1.0)
        np.testing.assert_allclose(alone.probabilities, 1.0 / (1.0 + np.exp(-expected)), atol=1e-5)

    def test_evidence_shows_the_tokens_that_raise_each_code(self):
        # Synthetic codes follow from their two trigger tokens (ids 5 + 2c and 6 + 2c).
        self.model.eval()
        with torch.no_grad():
            self.model.deep_weight.fill_(0.0)
            try:
                for tokens, labels in list(zip(self.clean.tokens, self.clean.labels))[:10]:
                    evidence = self.model(torch.from_numpy(tokens).unsqueeze(0)).attention[0]
                    torch.testing.assert_close(evidence.sum(dim=-1), torch.ones(len(self.bundle.codes)))
                    for code in labels:
                        strongest = int(tokens[int(evidence[code].argmax())])
                        self.assertIn(strongest, (5 + 2 * code, 6 + 2 * code))
            finally:
                self.model.deep_weight.fill_(1.0)
                self.model.train()

    def test_fit_reaches_the_optimum_of_the_regularised_objective(self):
        weights = self.model.bag_of_tokens.token_vectors.weight.detach().clone().requires_grad_(True)
        bias = self.model.bag_of_tokens.bias.detach().clone().requires_grad_(True)
        features = tfidf_matrix(self.model, self.clean, self.options.max_tokens)
        gold = label_matrix(self.clean.labels, len(self.bundle.codes))
        logits = torch.sparse.mm(features, weights) + bias
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, gold, reduction="sum") / len(self.clean)
        (loss + L2 * (weights[1:] ** 2).sum()).backward()
        self.assertLess(float(weights.grad[1:].abs().max()), 1e-3)
        self.assertLess(float(bias.grad.abs().max()), 1e-3)

    def test_the_regression_alone_already_codes_the_dev_split(self):
        dev = EncodedRecords.of(self.bundle.split("dev"))
        predictions = predict(self.model, dev, len(self.bundle.codes), self.options.max_tokens, 32)
        predictions.probabilities = 1.0 / (1.0 + np.exp(-predictions.wide_logits))
        threshold = best_micro_f1_threshold(predictions.probabilities, predictions.gold)
        self.assertGreater(classification_metrics(predictions.probabilities, predictions.gold, threshold)["micro_f1"], 0.8)

    def test_training_keeps_the_fitted_path_fixed_and_selects_from_epoch_0(self):
        lines = []
        result = train(self.bundle, self.fixture.options("--raw-epochs", "0", "--noisy-epochs", "0", "--clean-epochs", "2",
                                                         out_name="trained"), lines.append)
        fitted = build_model(self.bundle, self.fixture.options())
        clean_and_noisy = self.clean.concatenate(EncodedRecords.of(self.bundle.split("noisy")))
        fit_bag_of_tokens(fitted, clean_and_noisy, self.options.max_tokens, self.fixture.options().wide_fit_l2, silent)
        torch.testing.assert_close(result.model.bag_of_tokens.token_vectors.weight, fitted.bag_of_tokens.token_vectors.weight)
        self.assertTrue(any(line.startswith("clean step starts from the fitted bag-of-tokens path") for line in lines), lines)
        self.assertTrue(any(line.startswith("step=clean epoch=2/2") for line in lines), lines)
        # The network's weight is one of the choices, stored with the selected model.
        selected = [line for line in lines if line.startswith("selected step=clean")]
        self.assertEqual(len(selected), 1, lines)
        self.assertIn(float(result.model.deep_weight), (0.0, 0.25, 0.5, 1.0))
        self.assertTrue(selected[0].endswith(f"network weight {float(result.model.deep_weight):g}"), selected)

    def test_the_regression_learns_from_noisy_records_unless_step_2_is_off(self):
        lines = []
        options = self.fixture.options("--raw-epochs", "0", "--noisy-epochs", "0", "--clean-epochs", "1", out_name="noisy")
        train(self.bundle, options, lines.append)
        clean, noisy = len(self.bundle.split("clean")), len(self.bundle.split("noisy"))
        self.assertTrue(any(f"logistic regression on {clean + noisy} documents" in line for line in lines), lines)
        lines.clear()
        train(self.bundle, self.fixture.options("--raw-epochs", "0", "--no-noisy", "--clean-epochs", "1", out_name="clean-only"),
              lines.append)
        self.assertTrue(any(f"logistic regression on {clean} documents" in line for line in lines), lines)

    def test_the_fit_honours_each_documents_weight(self):
        # With the first record weighing 10, the fit is the optimum of the weighted objective, not of the plain one.
        weights = [10.0] + [1.0] * (len(self.clean) - 1)
        weighted = build_model(self.bundle, self.options)
        fit_bag_of_tokens(weighted, self.clean, self.options.max_tokens, L2, silent, weights)
        self.assertLess(self.objective_gradient(weighted, weights), 1e-4)  # measured 9e-6
        self.assertGreater(self.objective_gradient(weighted, [1.0] * len(self.clean)), 1e-3)  # measured 5e-3

    def objective_gradient(self, model, record_weights) -> float:
        """Largest gradient entry of (1/Σw)·Σ w_i·BCE_i + L2·‖W‖² at the model's path."""
        weights = model.bag_of_tokens.token_vectors.weight.detach().clone().requires_grad_(True)
        features = tfidf_matrix(model, self.clean, self.options.max_tokens)
        gold = label_matrix(self.clean.labels, len(self.bundle.codes))
        logits = torch.sparse.mm(features, weights) + model.bag_of_tokens.bias.detach()
        per_record = torch.tensor(record_weights).unsqueeze(1)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, gold, weight=per_record, reduction="sum")
        (loss / per_record.sum() + L2 * (weights[1:] ** 2).sum()).backward()
        return float(weights.grad[1:].abs().max())

    def test_no_wide_fit_trains_the_path_by_sgd(self):
        result = train(self.bundle, self.fixture.options("--raw-epochs", "0", "--noisy-epochs", "0", "--clean-epochs", "1",
                                                         "--no-wide-fit", out_name="sgd"), silent)
        self.assertIsNone(self.fixture.options("--no-wide-fit").wide_fit_l2)
        self.assertTrue(result.model.bag_of_tokens.token_vectors.weight.requires_grad)
        self.assertGreater(float(result.model.bag_of_tokens.token_vectors.weight.abs().sum()), 0.0)


class NameDocumentsTest(unittest.TestCase):
    """Labelled records' diagnosis names join the regression's fit as documents of their own."""

    @classmethod
    def setUpClass(cls):
        cls.fixture = TrainingFixture(with_names=True)
        cls.bundle = read_training_bundle(cls.fixture.bundle_dir)
        cls.clean = EncodedRecords.of(cls.bundle.split("clean"))

    @classmethod
    def tearDownClass(cls):
        cls.fixture.cleanup()

    def test_each_labelled_record_adds_a_names_document_with_its_codes(self):
        regression = regression_records(self.bundle, self.clean, self.fixture.options())
        clean, noisy = self.bundle.split("clean"), self.bundle.split("noisy")
        texts = len(clean) + len(noisy)
        self.assertEqual(len(regression.records), 2 * texts)
        self.assertEqual(regression.weights, [1.0] * texts + [TrainingOptions.name_document_weight] * texts)
        document = regression.records.tokens[texts]
        self.assertEqual(document.tolist(), [CLS_ID] + [token for name in clean[0].names for token in name])
        self.assertEqual(regression.records.labels[texts], clean[0].labels)
        self.assertEqual(regression.records.ids[texts], f"{clean[0].id}#names")

    def test_step_2_off_leaves_out_the_noisy_records_names_too(self):
        regression = regression_records(self.bundle, self.clean, self.fixture.options("--no-noisy"))
        self.assertEqual(len(regression.records), 2 * len(self.clean))

    def test_the_ablation_flag_and_the_weight_option(self):
        without = regression_records(self.bundle, self.clean, self.fixture.options("--no-name-documents"))
        self.assertEqual(without.weights, [1.0] * (len(self.clean) + len(self.bundle.split("noisy"))))
        heavier = regression_records(self.bundle, self.clean, self.fixture.options("--name-document-weight", "5"))
        self.assertEqual(max(heavier.weights), 5.0)

    def test_training_logs_the_documents_it_fitted_on(self):
        lines = []
        train(self.bundle, self.fixture.options("--raw-epochs", "0", "--noisy-epochs", "0", "--clean-epochs", "1"), lines.append)
        texts = len(self.bundle.split("clean")) + len(self.bundle.split("noisy"))
        total = texts * (1 + TrainingOptions.name_document_weight)
        self.assertTrue(any(f"logistic regression on {2 * texts} documents (weight {total:g})" in line for line in lines), lines)


if __name__ == "__main__":
    unittest.main()
