"""Reading a training bundle, and the errors a malformed one gives."""

import json
import tempfile
import unittest
from pathlib import Path

from clinicoco_train.training_bundle import BundleError, read_training_bundle

from .synthetic_training_bundle import write_synthetic_bundle


class TrainingBundleReaderTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.bundle_dir = write_synthetic_bundle(Path(self.folder.name) / "bundle")

    def tearDown(self):
        self.folder.cleanup()

    def edit_record_line(self, line_number: int, change) -> None:
        path = self.bundle_dir / "records.jsonl"
        lines = path.read_text().splitlines()
        lines[line_number - 1] = change(lines[line_number - 1])
        path.write_text("\n".join(lines) + "\n")

    def edit_manifest(self, change) -> None:
        path = self.bundle_dir / "bundle.json"
        manifest = json.loads(path.read_text())
        change(manifest)
        path.write_text(json.dumps(manifest))

    def assert_bundle_error(self, file_name: str, line, reason_part: str) -> None:
        with self.assertRaises(BundleError) as raised:
            read_training_bundle(self.bundle_dir)
        self.assertEqual(raised.exception.file.name, file_name)
        self.assertEqual(raised.exception.line, line)
        self.assertIn(reason_part, raised.exception.reason)

    def test_reads_codes_splits_and_vocabulary(self):
        bundle = read_training_bundle(self.bundle_dir)
        self.assertEqual(len(bundle.codes), 6)
        self.assertEqual(bundle.codes[0].code, "C00")
        self.assertEqual({name: len(records) for name, records in bundle.records_by_split.items()},
                         {"raw": 24, "noisy": 16, "clean": 48, "dev": 24, "test": 12})
        self.assertEqual(bundle.vocab_size, 5 + 12 + 40)
        self.assertEqual(bundle.max_tokens, 64)
        first_clean = bundle.split("clean")[0]
        self.assertEqual(first_clean.tokens[0], 2)
        self.assertTrue(first_clean.labels)

    def test_reads_each_records_tokenised_names(self):
        self.bundle_dir = write_synthetic_bundle(Path(self.folder.name) / "named", with_names=True)
        bundle = read_training_bundle(self.bundle_dir)
        record = bundle.split("clean")[0]
        self.assertEqual(len(record.names), len(record.labels))
        self.assertEqual([name[0] for name in record.names], [5 + 2 * code for code in record.labels])
        self.assertEqual(bundle.split("raw")[0].names, [])

    def test_name_token_outside_the_vocabulary_names_the_line(self):
        self.edit_record_line(40, lambda line: line.replace('"names": []', '"names": [[7], [9999]]'))
        self.assert_bundle_error("records.jsonl", 40, '"names[1]" holds 9999')

    def test_invalid_json_names_the_line(self):
        self.edit_record_line(5, lambda line: line[:-3])
        self.assert_bundle_error("records.jsonl", 5, "invalid JSON")

    def test_label_outside_the_code_list_names_the_line(self):
        self.edit_record_line(30, lambda line: line.replace('"labels": [', '"labels": [99, '))
        self.assert_bundle_error("records.jsonl", 30, "indices into codes [0, 6)")

    def test_token_outside_the_vocabulary_names_the_line(self):
        self.edit_record_line(2, lambda line: line.replace('"tokens": [2,', '"tokens": [2, 5000,'))
        self.assert_bundle_error("records.jsonl", 2, "not a token id in [0, 57)")

    def test_padding_inside_a_record_is_refused(self):
        self.edit_record_line(2, lambda line: line.replace('"tokens": [2,', '"tokens": [2, 0,'))
        self.assert_bundle_error("records.jsonl", 2, "padding id 0")

    def test_labels_on_a_raw_record_are_refused(self):
        self.edit_record_line(1, lambda line: line.replace('"labels": []', '"labels": [1]'))
        self.assert_bundle_error("records.jsonl", 1, 'a "raw" record has no labels')

    def test_duplicate_record_id_is_refused(self):
        first_id = json.loads((self.bundle_dir / "records.jsonl").read_text().splitlines()[0])["id"]
        self.edit_record_line(2, lambda line: json.dumps({**json.loads(line), "id": first_id}))
        self.assert_bundle_error("records.jsonl", 2, "appears twice")

    def test_split_counts_must_match_the_records(self):
        self.edit_manifest(lambda manifest: manifest["splits"].update(clean=47))
        self.assert_bundle_error("bundle.json", None, '"splits.clean" says 47 records but records.jsonl holds 48')

    def test_vocabulary_hash_must_match(self):
        (self.bundle_dir / "vocab.txt").write_bytes((self.bundle_dir / "vocab.txt").read_bytes() + b"extra\n")
        self.assert_bundle_error("vocab.txt", None, "differs from bundle.json tokenizer.vocabSha256")

    def test_wrong_format_is_refused(self):
        self.edit_manifest(lambda manifest: manifest.update(formatVersion=2))
        self.assert_bundle_error("bundle.json", None, '"formatVersion" 2 is not supported')

    def test_missing_records_file_is_named(self):
        (self.bundle_dir / "records.jsonl").unlink()
        self.assert_bundle_error("records.jsonl", None, "file is missing")

    def test_parent_must_index_the_code_list(self):
        self.edit_manifest(lambda manifest: manifest["codes"][1].update(parent=17))
        self.assert_bundle_error("bundle.json", None, "codes[1].parent must be null or an index into codes")


if __name__ == "__main__":
    unittest.main()
