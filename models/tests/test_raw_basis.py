"""Step 1's token space from the raw records, and the regression fitted with it (raw_basis.py)."""

import contextlib
import io
import json
import shutil
import subprocess
import unittest
from pathlib import Path

import numpy as np
import torch

from clinicoco_train.batching import EncodedRecords
from clinicoco_train.training_bundle import read_training_bundle
from clinicoco_train.cli import main
from clinicoco_train.evaluation import predict
from clinicoco_train.metrics import best_micro_f1_threshold, classification_metrics
from clinicoco_train.raw_basis import fit_raw_basis
from clinicoco_train.training import build_model, train
from clinicoco_train.wide_fit import tfidf_matrix

from .training_fixture import TrainingFixture

DIM = 12
REPOSITORY = Path(__file__).resolve().parents[2]
ONNX_CHECK = REPOSITORY / "models" / "scripts" / "onnx-check.mjs"


class RawTokenSpaceTest(unittest.TestCase):
    """Labelled records name each code by its trigger "a" only, dev records by its trigger "b" only.

    Only the raw records, where both triggers of a code occur together, can tell the
    regression that "b" means what "a" means.
    """

    @classmethod
    def setUpClass(cls):
        cls.fixture = TrainingFixture(
            split_sizes={"raw": 200, "clean": 48, "dev": 24},
            trigger_sides={"raw": "ab", "clean": "a", "dev": "b"},
        )
        cls.bundle = read_training_bundle(cls.fixture.bundle_dir)
        cls.raw = EncodedRecords.of(cls.bundle.split("raw"))

    @classmethod
    def tearDownClass(cls):
        cls.fixture.cleanup()

    def options(self, *extra: str, out_name: str = "model"):
        # L2 1e-3 on the per-token weights, as for the other fits on this toy data (test_wide_fit.py):
        # at 3e-6 the 48 records are fitted through trigger "a" alone and the gain is smaller
        # (measured 0.62 against 0.40).
        return self.fixture.options("--raw-epochs", "0", "--noisy-epochs", "0", "--clean-epochs", "1",
                                    "--raw-basis-dim", str(DIM), "--wide-fit-l2", "1e-3", *extra, out_name=out_name)

    def basis(self, dim: int = DIM, lines=None):
        model = build_model(self.bundle, self.options())
        return fit_raw_basis(model, self.raw, dim, 64, seed=13, log=(lines.append if lines is not None else lambda line: None))

    def dev_micro_f1_of_the_regression(self, model) -> float:
        dev = predict(model, EncodedRecords.of(self.bundle.split("dev")), len(self.bundle.codes), 64, 32)
        probabilities = 1.0 / (1.0 + np.exp(-dev.wide_logits))
        return classification_metrics(probabilities, dev.gold, best_micro_f1_threshold(probabilities, dev.gold))["micro_f1"]

    def test_the_basis_is_orthonormal_reproducible_and_needs_enough_records(self):
        basis = self.basis()
        self.assertEqual(tuple(basis.shape), (self.bundle.vocab_size, DIM))
        torch.testing.assert_close(basis.T @ basis, torch.eye(DIM), atol=1e-4, rtol=0)
        torch.testing.assert_close(self.basis(), basis, atol=0, rtol=0)
        lines = []
        self.assertIsNone(self.basis(dim=len(self.raw) + 1, lines=lines))
        self.assertEqual(lines, [f"raw token space: none ({len(self.raw)} raw records, fewer than its {len(self.raw) + 1} dimensions)"])
        self.assertIsNone(self.basis(dim=0))

    def test_the_raw_records_teach_the_regression_a_word_no_labelled_record_used(self):
        with_basis = train(self.bundle, self.options(out_name="with"), lambda line: None).model
        without = train(self.bundle, self.options("--no-raw", out_name="without"), lambda line: None).model
        # Measured: 0.87 with the raw token space, 0.40 without (trigger "b" unseen: fillers and the
        # code priors only).
        self.assertGreater(self.dev_micro_f1_of_the_regression(with_basis), 0.8)
        self.assertLess(self.dev_micro_f1_of_the_regression(without), 0.5)

    def test_training_logs_the_token_space_unless_step_1_is_off(self):
        lines = []
        train(self.bundle, self.options(out_name="logged"), lines.append)
        self.assertTrue(any(line.startswith(f"raw token space: {DIM} dimensions from {len(self.raw)} raw records")
                            for line in lines), lines)
        self.assertTrue(any(line.endswith(f"with the raw token space ({DIM} dimensions, L2 3e-06)") for line in lines), lines)
        lines.clear()
        train(self.bundle, self.options("--no-raw", out_name="ablation"), lines.append)
        self.assertFalse(any("raw token space" in line for line in lines), lines)

    def test_the_document_embedding_is_the_tf_idf_vector_in_the_token_space(self):
        model = train(self.bundle, self.options(out_name="embedding"), lambda line: None).model
        dev = EncodedRecords.of(self.bundle.split("dev"))
        embeddings = predict(model, dev, len(self.bundle.codes), 64, 32).embeddings
        self.assertEqual(model.embedding_dim(), DIM)
        expected = torch.sparse.mm(tfidf_matrix(model, dev, 64), model.retrieval_basis)
        expected = torch.nn.functional.normalize(expected, dim=-1).numpy()
        np.testing.assert_allclose(embeddings, expected, atol=1e-5)
        # Without step 1 it is the graph readout, as before.
        without = train(self.bundle, self.options("--no-raw", out_name="readout"), lambda line: None).model
        self.assertEqual(without.embedding_dim(), without.shape.hidden_dim)
        self.assertFalse(hasattr(without, "retrieval_basis"))

    def test_the_exported_bundle_carries_it_and_onnx_runtime_agrees(self):
        out = self.fixture.root / "exported"
        with contextlib.redirect_stdout(io.StringIO()):
            exit_code = main(["--bundle", str(self.fixture.bundle_dir), "--out", str(out), "--tiny", "--raw-epochs", "0",
                              "--noisy-epochs", "0", "--clean-epochs", "1", "--raw-basis-dim", str(DIM)])
        self.assertEqual(exit_code, 0)
        manifest = json.loads((out / "manifest.json").read_text())
        self.assertEqual(manifest["documentModel"]["embeddingDim"], DIM)
        golden = json.loads((out / "golden.json").read_text())
        self.assertEqual(len(golden["cases"][0]["embedding"][0]), DIM)
        if shutil.which("node") is None or not (REPOSITORY / "node_modules" / "onnxruntime-node").exists():
            self.skipTest("node and onnxruntime-node (npm ci) run the exported graph")
        check = subprocess.run(["node", str(ONNX_CHECK), str(out), "64", "3"], cwd=REPOSITORY, capture_output=True, text=True)
        self.assertEqual(check.returncode, 0, check.stderr)
        self.assertIn("golden: 3 cases match", check.stdout)


if __name__ == "__main__":
    unittest.main()
