"""Signs a model bundle: an Ed25519 signature over manifest.json's bytes, in signature.json.

The same format the engine writes and reads (contract/bundle-signature.ts,
engine/bundle/bundle-signature.ts): the TypeScript and Python signers must agree
byte for byte, and the engine's tests verify a bundle this module signed.
Uses the `cryptography` package (Debian: python3-cryptography); the key is a PEM
private key from `clinicoco keys generate` or `openssl genpkey -algorithm ed25519`.
"""

import base64
import datetime
import hashlib
import json
import os
from pathlib import Path


class SigningError(Exception):
    pass


def load_signing_key(path: Path):
    """The Ed25519 private key in `path`; fails before training, not after it."""
    try:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import load_pem_private_key
    except ImportError as error:
        raise SigningError("signing needs the Python package cryptography (Debian: apt-get install python3-cryptography)") from error
    try:
        key = load_pem_private_key(Path(path).read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as error:
        raise SigningError(f"{path}: not a readable PEM private key ({error})") from error
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningError(f"{path}: not an Ed25519 key; CliniCoCo signs with Ed25519")
    return key


def sign_bundle(bundle_dir: Path, key) -> dict:
    """Writes bundle_dir/signature.json for the manifest as it is on disk; returns its content."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    manifest = (Path(bundle_dir) / "manifest.json").read_bytes()
    public_der = key.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    signature = {
        "format": "clinicoco-bundle-signature",
        "formatVersion": 1,
        "algorithm": "ed25519",
        "signedFile": "manifest.json",
        "manifestSha256": hashlib.sha256(manifest).hexdigest(),
        "publicKey": base64.b64encode(public_der).decode("ascii"),
        "keyId": hashlib.sha256(public_der).hexdigest()[:16],
        "signedAt": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "signature": base64.b64encode(key.sign(manifest)).decode("ascii"),
    }
    target = Path(bundle_dir) / "signature.json"
    staging = target.with_name("signature.json.tmp")
    staging.write_text(json.dumps(signature, indent=2) + "\n", encoding="utf-8")
    os.replace(staging, target)
    return signature
