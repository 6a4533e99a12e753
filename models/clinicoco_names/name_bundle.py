"""Reads a name bundle (written by engine/normalize/name-bundle.ts): token ids only, never text.

`names.json` holds the texts for unsupervised SimCSE (code titles, synonyms, the
workspace's diagnosis names) and the (name, title) pairs for the supervised step, each
pair with a group id (the code) so that two pairs of one code are not each other's
negatives. `vocab.txt` is the tokenizer's vocabulary, copied into the encoder bundle.
"""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import List, Tuple

from clinicoco_bundle.vocabulary import PAD_ID, BundleFileError, check_vocabulary

BUNDLE_FORMAT = "clinicoco-name-bundle"
SUPPORTED_FORMAT_VERSION = 1


class NameBundleError(BundleFileError):
    """A name bundle that does not follow the file contract; names the file and the reason."""


@dataclass(frozen=True)
class NameBundle:
    texts: List[List[int]]
    pairs: List[Tuple[List[int], List[int], int]]
    vocab_size: int
    vocab_bytes: bytes
    vocab_sha256: str
    max_tokens: int


def read_name_bundle(directory: Path) -> NameBundle:
    names_path = directory / "names.json"
    vocab_path = directory / "vocab.txt"
    for path in (names_path, vocab_path):
        if not path.exists():
            raise NameBundleError(path, "missing")
    vocab_bytes = vocab_path.read_bytes()
    try:
        raw = json.loads(names_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise NameBundleError(names_path, f"not JSON ({error})") from error
    if raw.get("format") != BUNDLE_FORMAT:
        raise NameBundleError(names_path, f"format must be {BUNDLE_FORMAT!r}, found {raw.get('format')!r}")
    if raw.get("formatVersion") != SUPPORTED_FORMAT_VERSION:
        raise NameBundleError(names_path, f"formatVersion {raw.get('formatVersion')!r} is not supported (expected {SUPPORTED_FORMAT_VERSION})")
    vocab_sha256 = hashlib.sha256(vocab_bytes).hexdigest()
    vocab_size = check_vocabulary(vocab_bytes, vocab_path, str(raw.get("vocabSha256")), declared_in="names.json vocabSha256", error=NameBundleError)
    max_tokens = raw.get("maxTokens")
    if not isinstance(max_tokens, int) or max_tokens < 2:
        raise NameBundleError(names_path, "maxTokens must be an integer of at least 2")

    def ids(value, where: str) -> List[int]:
        if not isinstance(value, list) or not value or not all(isinstance(i, int) and 0 < i < vocab_size for i in value):
            raise NameBundleError(names_path, f"{where}: expected a non-empty list of token ids from 1 to {vocab_size - 1}")
        return value[:max_tokens]

    texts = [ids(value, f"texts[{index}]") for index, value in enumerate(raw.get("texts", []))]
    pairs = []
    for index, pair in enumerate(raw.get("pairs", [])):
        if not isinstance(pair, list) or len(pair) != 3 or not isinstance(pair[2], int):
            raise NameBundleError(names_path, f"pairs[{index}]: expected [name ids, title ids, group]")
        pairs.append((ids(pair[0], f"pairs[{index}][0]"), ids(pair[1], f"pairs[{index}][1]"), pair[2]))
    if not texts and not pairs:
        raise NameBundleError(names_path, "no texts and no pairs: nothing to train on")
    return NameBundle(texts, pairs, vocab_size, vocab_bytes, vocab_sha256, max_tokens)
