"""`python -m clinicoco_names` on a synthetic name bundle: it learns, and writes a bundle the engine checks."""

import contextlib
import hashlib
import io
import json
import shutil
import tempfile
import unittest
from pathlib import Path

import onnx

from clinicoco_names.name_bundle import NameBundleError, read_name_bundle
from clinicoco_names.cli import main

from .synthetic_names import write_synthetic_name_bundle


class NameEncoderEndToEndTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root = Path(tempfile.mkdtemp(prefix="clinicoco-names-"))
        cls.bundle = write_synthetic_name_bundle(cls.root / "bundle")
        cls.out = cls.root / "encoder"
        cls.stdout = io.StringIO()
        with contextlib.redirect_stdout(cls.stdout):
            cls.exit_code = main(["--bundle", str(cls.bundle), "--out", str(cls.out), "--tiny", "--seed", "3",
                                  "--unsupervised-epochs", "2", "--supervised-epochs", "40", "--lr", "5e-3"])
        cls.manifest = json.loads((cls.out / "manifest.json").read_text())

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.root, ignore_errors=True)

    def test_command_succeeds_and_logs_both_steps(self):
        self.assertEqual(self.exit_code, 0)
        log = self.stdout.getvalue()
        self.assertIn("step=unsupervised epoch=2/2", log)
        self.assertIn("step=supervised epoch=40/40", log)

    def test_bundle_files_match_the_manifest(self):
        self.assertEqual(sorted(path.name for path in self.out.iterdir()), ["golden.json", "manifest.json", "name-encoder.onnx", "vocab.txt"])
        for file, sha in self.manifest["files"].items():
            self.assertEqual(hashlib.sha256((self.out / file).read_bytes()).hexdigest(), sha)
        self.assertEqual(self.manifest["format"], "clinicoco-name-encoder")
        self.assertEqual(self.manifest["encoder"]["embeddingDim"], 32)
        graph = onnx.load(str(self.out / "name-encoder.onnx")).graph
        self.assertEqual([node.name for node in graph.input], ["token_ids"])
        self.assertEqual([node.name for node in graph.output], ["embedding"])

    def test_held_out_codes_are_retrieved_far_above_chance(self):
        # Held-out codes were never seen in a supervised pair: their names share only some
        # concept words with their title. Chance recall@1 is 1 / titles.
        held = self.manifest["metrics"]["held_out_pairs"]
        self.assertGreaterEqual(held["titles"], 5)
        self.assertGreater(held["recall_at_1"], 3 / held["titles"])
        self.assertGreater(held["recall_at_5"], 0.7)

    def test_golden_cases_hold_a_padded_batch(self):
        golden = json.loads((self.out / "golden.json").read_text())
        self.assertEqual(len(golden["cases"]), 3)
        single, batch = golden["cases"][0], golden["cases"][2]
        self.assertEqual(batch["token_ids"][1][1:], [0] * 11)
        for left, right in zip(single["embedding"][0], batch["embedding"][1]):
            self.assertAlmostEqual(left, right, places=5)


class NameBundleErrorTest(unittest.TestCase):
    def setUp(self):
        self.root = Path(tempfile.mkdtemp(prefix="clinicoco-names-bad-"))
        self.bundle = write_synthetic_name_bundle(self.root / "bundle", code_count=4)

    def tearDown(self):
        shutil.rmtree(self.root, ignore_errors=True)

    def rewrite(self, change):
        names = json.loads((self.bundle / "names.json").read_text())
        change(names)
        (self.bundle / "names.json").write_text(json.dumps(names))

    def test_a_token_id_outside_the_vocabulary_is_named(self):
        self.rewrite(lambda names: names["texts"].__setitem__(1, [5, 99999]))
        with self.assertRaisesRegex(NameBundleError, r"texts\[1\]: expected a non-empty list of token ids"):
            read_name_bundle(self.bundle)

    def test_an_empty_text_is_refused(self):
        self.rewrite(lambda names: names["texts"].__setitem__(0, []))
        with self.assertRaisesRegex(NameBundleError, r"texts\[0\]"):
            read_name_bundle(self.bundle)

    def test_a_changed_vocabulary_is_refused(self):
        (self.bundle / "vocab.txt").write_text((self.bundle / "vocab.txt").read_text() + "extra\n")
        with self.assertRaisesRegex(NameBundleError, "differs from names.json vocabSha256"):
            read_name_bundle(self.bundle)

    def test_long_names_are_cut_to_max_tokens(self):
        self.rewrite(lambda names: names["texts"].__setitem__(0, [5] * 500))
        self.assertEqual(len(read_name_bundle(self.bundle).texts[0]), 16)

    def test_command_exits_2_on_a_malformed_bundle(self):
        self.rewrite(lambda names: names.__setitem__("format", "something-else"))
        with contextlib.redirect_stderr(io.StringIO()) as stderr:
            code = main(["--bundle", str(self.bundle), "--out", str(self.root / "out"), "--tiny"])
        self.assertEqual(code, 2)
        self.assertIn("malformed name bundle", stderr.getvalue())


if __name__ == "__main__":
    unittest.main()
