"""The whole command on a synthetic bundle: it learns, and writes a model bundle the engine accepts."""

import contextlib
import hashlib
import io
import json
import unittest

import numpy as np
import onnx
import torch

from clinicoco_train.batching import EncodedRecords
from clinicoco_train.training_bundle import read_training_bundle
from clinicoco_train.cli import main
from clinicoco_train.evaluation import predict
from clinicoco_train.knn_mix import LAMBDA_CHOICES
from clinicoco_train.metrics import classification_metrics
from clinicoco_train.model_bundle import golden_inputs
from clinicoco_train.options import parse_options
from clinicoco_train.training import build_model

from .training_fixture import TrainingFixture


class EndToEndTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.fixture = TrainingFixture()
        cls.out = cls.fixture.root / "model"
        cls.arguments = ["--bundle", str(cls.fixture.bundle_dir), "--out", str(cls.out), "--tiny",
                         "--raw-epochs", "1", "--noisy-epochs", "1", "--clean-epochs", "25",
                         # With the default lr 3e-3 the graph path needs more than 25 epochs of 60 records.
                         "--lr", "1e-2"]
        cls.stdout = io.StringIO()
        with contextlib.redirect_stdout(cls.stdout):
            cls.exit_code = main(cls.arguments)
        cls.manifest = json.loads((cls.out / "manifest.json").read_text())
        cls.bundle = read_training_bundle(cls.fixture.bundle_dir)

    @classmethod
    def tearDownClass(cls):
        cls.fixture.cleanup()

    def test_command_succeeds_and_logs_every_epoch(self):
        self.assertEqual(self.exit_code, 0)
        self.assertEqual(self.stdout.getvalue().count("\nstep="), 1 + 1 + 25)

    def test_learns_codes_that_follow_from_tokens(self):
        model = self.exported_model()
        clean = EncodedRecords.of(self.bundle.split("clean"))
        predictions = predict(model, clean, len(self.bundle.codes), 64, 32)
        train_f1 = classification_metrics(predictions.probabilities, predictions.gold, self.manifest["threshold"])["micro_f1"]
        self.assertGreater(train_f1, 0.9)
        self.assertGreater(self.manifest["metrics"]["dev"]["micro_f1"], 0.8)

    def test_bundle_holds_exactly_the_documented_files_with_matching_hashes(self):
        files = sorted(path.name for path in self.out.iterdir())
        self.assertEqual(files, ["document-model.onnx", "golden.json", "manifest.json", "vocab.txt"])
        self.assertEqual(sorted(self.manifest["files"]), ["document-model.onnx", "golden.json", "vocab.txt"])
        for name, digest in self.manifest["files"].items():
            self.assertEqual(hashlib.sha256((self.out / name).read_bytes()).hexdigest(), digest, name)

    def test_vocabulary_is_copied_byte_for_byte(self):
        self.assertEqual((self.out / "vocab.txt").read_bytes(), (self.fixture.bundle_dir / "vocab.txt").read_bytes())
        self.assertEqual(self.manifest["tokenizer"]["vocabSha256"], hashlib.sha256(self.bundle.vocab_bytes).hexdigest())

    def test_manifest_follows_the_contract(self):
        manifest = self.manifest
        self.assertEqual(manifest["format"], "clinicoco-model-bundle")
        self.assertEqual(manifest["formatVersion"], 1)
        onnx_hash = hashlib.sha256((self.out / "document-model.onnx").read_bytes()).hexdigest()
        self.assertRegex(manifest["modelVersion"], r"^synthetic-\d{4}-\d{2}-\d{2}-" + onnx_hash[:8] + "$")
        self.assertRegex(manifest["createdAt"], r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
        self.assertEqual(manifest["codes"], [code.code for code in self.bundle.codes])
        self.assertEqual(manifest["codeSet"], {"name": "synthetic", "version": "1"})
        self.assertEqual(manifest["documentModel"], {"file": "document-model.onnx", "maxTokens": 128, "embeddingDim": 16})
        # λ chosen on dev among the candidates, the one with the best dev micro-F1.
        by_lambda = manifest["trainer"]["knnDevMicroF1ByLambda"]
        self.assertEqual(sorted(by_lambda), sorted(f"{weight:g}" for weight in LAMBDA_CHOICES))
        self.assertEqual(manifest["knn"], {"k": 3, "lambda": manifest["knn"]["lambda"], "tau": 0.1})
        self.assertEqual(by_lambda[f"{manifest['knn']['lambda']:g}"], max(by_lambda.values()))
        # The manifest's dev metrics are those of that mix, at the exported threshold.
        self.assertAlmostEqual(manifest["metrics"]["dev"]["micro_f1"], max(by_lambda.values()), places=4)
        self.assertEqual(manifest["trainer"]["seed"], 13)
        self.assertEqual(manifest["trainer"]["steps"], {"raw": 1, "noisy": 1, "clean": 25})
        self.assertTrue(0.0 < manifest["threshold"] < 1.0)
        self.assertEqual(manifest["metrics"]["dev"]["threshold"], manifest["threshold"])
        for split in ("dev", "test"):
            for key in ("micro_f1", "macro_f1", "micro_auc", "macro_auc", "precision", "recall"):
                self.assertIsInstance(manifest["metrics"][split][key], float, f"{split}.{key}")

    def test_onnx_graph_passes_the_checker_with_the_documented_signature(self):
        graph_model = onnx.load(str(self.out / "document-model.onnx"))
        onnx.checker.check_model(graph_model, full_check=True)
        self.assertEqual([value.name for value in graph_model.graph.input], ["token_ids"])
        self.assertEqual([value.name for value in graph_model.graph.output], ["logits", "attention", "embedding"])
        token_ids = graph_model.graph.input[0].type.tensor_type
        self.assertEqual(token_ids.elem_type, onnx.TensorProto.INT64)
        self.assertEqual([dimension.dim_param for dimension in token_ids.shape.dim], ["batch", "tokens"])
        self.assertTrue(16 >= graph_model.opset_import[0].version >= 14)

    def test_golden_cases_are_the_exported_model_outputs(self):
        golden = json.loads((self.out / "golden.json").read_text())
        self.assertEqual(golden["tolerance"], 1e-4)
        self.assertEqual([np.array(case["token_ids"]).shape for case in golden["cases"]], [(1, 7), (1, 40), (2, 40)])
        self.assertEqual(golden["cases"][2]["token_ids"][1][7:], [0] * 33)
        model = self.exported_model()
        with torch.no_grad():
            for case, token_ids in zip(golden["cases"], golden_inputs(model.shape.vocab_size)):
                self.assertEqual(case["token_ids"], token_ids.tolist())
                outputs = model(token_ids)
                for name in ("logits", "attention", "embedding"):
                    self.assertTrue(np.allclose(case[name], getattr(outputs, name).numpy(), atol=1e-6), name)

    def exported_model(self):
        """The selected weights, reloaded from the checkpoint's best state."""
        options = parse_options(self.arguments)
        model = build_model(self.bundle, options)
        model.load_state_dict(torch.load(options.checkpoint)["progress"]["best"]["state"])
        return model.eval()


class MalformedBundleCommandTest(unittest.TestCase):
    def test_reports_the_file_and_line_and_exits_with_two(self):
        fixture = TrainingFixture()
        try:
            records = fixture.bundle_dir / "records.jsonl"
            lines = records.read_text().splitlines()
            lines[2] = lines[2].replace('"split": "raw"', '"split": "rawish"')
            records.write_text("\n".join(lines) + "\n")
            stderr = io.StringIO()
            with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
                exit_code = main(["--bundle", str(fixture.bundle_dir), "--out", str(fixture.root / "model")])
            self.assertEqual(exit_code, 2)
            self.assertIn("records.jsonl:3:", stderr.getvalue())
            self.assertIn("rawish", stderr.getvalue())
            self.assertFalse((fixture.root / "model").exists())
        finally:
            fixture.cleanup()


if __name__ == "__main__":
    unittest.main()
