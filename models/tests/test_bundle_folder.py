"""clinicoco_bundle: the folder both trainers write (whole or not at all) and the vocabulary both read."""

import hashlib
import json
import tempfile
import unittest
from pathlib import Path

from clinicoco_bundle.vocabulary import BundleFileError, check_vocabulary
from clinicoco_bundle.writer import MANIFEST_FILE, write_bundle_folder

VOCAB = b"[PAD]\n[UNK]\n[CLS]\n[SEP]\n[NUM]\nfever\n"


class BundleFolderTest(unittest.TestCase):
    def setUp(self):
        self.root = Path(tempfile.mkdtemp())
        self.out = self.root / "bundle"

    def write(self, text: str, fail: bool = False) -> dict:
        def write_files(folder: Path):
            (folder / "a.txt").write_text(text, encoding="utf-8")
            if fail:
                raise RuntimeError("export failed")
            return {"format": "test-bundle"}, ("a.txt",)

        return write_bundle_folder(self.out, "a test bundle", write_files)

    def test_lists_the_sha256_of_every_file_last_in_the_manifest(self):
        manifest = self.write("one")
        self.assertEqual(list(manifest), ["format", "files"])
        self.assertEqual(manifest["files"], {"a.txt": hashlib.sha256(b"one").hexdigest()})
        self.assertEqual(json.loads((self.out / MANIFEST_FILE).read_text(encoding="utf-8")), manifest)
        self.assertFalse(self.out.with_name("bundle.partial").exists())

    def test_replaces_an_earlier_bundle_but_keeps_it_when_writing_fails(self):
        self.write("one")
        with self.assertRaises(RuntimeError):
            self.write("two", fail=True)
        self.assertEqual((self.out / "a.txt").read_text(encoding="utf-8"), "one")
        self.write("three")
        self.assertEqual((self.out / "a.txt").read_text(encoding="utf-8"), "three")

    def test_refuses_to_overwrite_a_folder_that_is_not_a_bundle(self):
        self.out.mkdir()
        (self.out / "notes.txt").write_text("keep me", encoding="utf-8")
        with self.assertRaisesRegex(FileExistsError, "is not a test bundle"):
            self.write("one")
        self.assertEqual((self.out / "notes.txt").read_text(encoding="utf-8"), "keep me")


class VocabularyTest(unittest.TestCase):
    def test_returns_the_size_of_a_vocabulary_that_matches_its_hash(self):
        self.assertEqual(check_vocabulary(VOCAB, Path("vocab.txt"), hashlib.sha256(VOCAB).hexdigest(), declared_in="bundle.json"), 6)

    def test_refuses_another_hash_naming_where_it_was_declared(self):
        with self.assertRaisesRegex(BundleFileError, r"^vocab.txt: sha256 \w+ differs from names.json vocabSha256 0+$"):
            check_vocabulary(VOCAB, Path("vocab.txt"), "0" * 64, declared_in="names.json vocabSha256")

    def test_refuses_a_vocabulary_without_the_fixed_tokens_naming_the_line(self):
        swapped = b"[PAD]\n[CLS]\n[UNK]\n[SEP]\n[NUM]\n"
        with self.assertRaises(BundleFileError) as raised:
            check_vocabulary(swapped, Path("vocab.txt"), hashlib.sha256(swapped).hexdigest(), declared_in="bundle.json")
        self.assertEqual(raised.exception.line, 2)
        self.assertIn("line 2 must be [UNK] (id 1), got '[CLS]'", str(raised.exception))


if __name__ == "__main__":
    unittest.main()
