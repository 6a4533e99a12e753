"""Signing a model bundle in Python: the signature.json the engine verifies (engine/bundle/bundle-signature.ts)."""

import base64
import hashlib
import json
import subprocess
import tempfile
import unittest
from pathlib import Path

from clinicoco_train.signing import SigningError, load_signing_key, sign_bundle

DEMO_KEY = Path(__file__).resolve().parents[1] / "demo-signing-key" / "DEMO-ONLY-NOT-SECRET.private.pem"
DEMO_PUBLIC = Path(__file__).resolve().parents[1] / "demo-signing-key" / "demo.public.pem"


class BundleSigningTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.bundle = Path(self.folder.name)
        # Bytes that JSON re-serialising would change: the signature must cover the file as stored.
        self.manifest = b'{"format": "clinicoco-model-bundle",  "modelVersion": "m-1", "files": {}}\n'
        (self.bundle / "manifest.json").write_bytes(self.manifest)

    def tearDown(self):
        self.folder.cleanup()

    def test_signs_the_manifest_bytes_with_the_demo_key(self):
        signature = sign_bundle(self.bundle, load_signing_key(DEMO_KEY))
        written = json.loads((self.bundle / "signature.json").read_text())
        self.assertEqual(written, signature)
        self.assertEqual(set(written), {"format", "formatVersion", "algorithm", "signedFile", "manifestSha256", "publicKey", "keyId", "signedAt", "signature"})
        self.assertEqual(written["manifestSha256"], hashlib.sha256(self.manifest).hexdigest())
        # The public key is the base64 line of the .public.pem, as the machine policy lists it.
        self.assertEqual(written["publicKey"], DEMO_PUBLIC.read_text().splitlines()[1])
        self.assertEqual(written["keyId"], hashlib.sha256(base64.b64decode(written["publicKey"])).hexdigest()[:16])
        self.assertRegex(written["signedAt"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        self.assertEqual(len(base64.b64decode(written["signature"])), 64)

    def test_signature_verifies_with_openssl_and_fails_on_an_edited_manifest(self):
        signature = sign_bundle(self.bundle, load_signing_key(DEMO_KEY))
        sig_file = self.bundle / "sig.bin"
        sig_file.write_bytes(base64.b64decode(signature["signature"]))

        def openssl_verify() -> int:
            return subprocess.run(
                ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(DEMO_PUBLIC), "-rawin", "-in", str(self.bundle / "manifest.json"), "-sigfile", str(sig_file)],
                capture_output=True,
            ).returncode

        self.assertEqual(openssl_verify(), 0)
        (self.bundle / "manifest.json").write_bytes(self.manifest.replace(b"m-1", b"m-2"))
        self.assertNotEqual(openssl_verify(), 0)

    def test_refuses_a_key_that_is_not_ed25519(self):
        rsa = self.bundle / "rsa.pem"
        subprocess.run(["openssl", "genpkey", "-algorithm", "rsa", "-pkeyopt", "rsa_keygen_bits:1024", "-out", str(rsa)], check=True, capture_output=True)
        with self.assertRaises(SigningError) as raised:
            load_signing_key(rsa)
        self.assertIn("not an Ed25519 key", str(raised.exception))

    def test_refuses_a_missing_key_file_by_name(self):
        with self.assertRaises(SigningError) as raised:
            load_signing_key(self.bundle / "nowhere.pem")
        self.assertIn("nowhere.pem", str(raised.exception))


if __name__ == "__main__":
    unittest.main()
