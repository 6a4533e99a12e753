"""Writes small synthetic name bundles: each code's title is three concept words; its
names use some of those words and the synonyms of the others, in another order."""

import hashlib
import json
import random
from pathlib import Path

FIXED_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[NUM]"]


def write_synthetic_name_bundle(directory: Path, code_count: int = 40, names_per_code: int = 3, seed: int = 0, max_tokens: int = 16) -> Path:
    random_source = random.Random(seed)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    concepts = [f"concept{index}" for index in range(code_count * 3)]
    synonyms = [f"synonym{index}" for index in range(code_count * 3)]
    shared = ["of", "the", "unspecified", "other"]
    vocabulary = FIXED_TOKENS + concepts + synonyms + shared
    token_id = {token: index for index, token in enumerate(vocabulary)}
    texts, pairs = [], []
    for code in range(code_count):
        words = [3 * code, 3 * code + 1, 3 * code + 2]
        title = [token_id[concepts[word]] for word in words] + [token_id[random_source.choice(shared)]]
        texts.append(title)
        for _ in range(names_per_code):
            name = [token_id[synonyms[word]] if random_source.random() < 0.5 else token_id[concepts[word]] for word in words]
            random_source.shuffle(name)
            pairs.append([name, title, code])
    vocab_bytes = "".join(token + "\n" for token in vocabulary).encode("utf-8")
    (directory / "vocab.txt").write_bytes(vocab_bytes)
    names = {
        "format": "clinicoco-name-bundle",
        "formatVersion": 1,
        "vocabSha256": hashlib.sha256(vocab_bytes).hexdigest(),
        "maxTokens": max_tokens,
        "texts": texts,
        "pairs": pairs,
    }
    (directory / "names.json").write_text(json.dumps(names), encoding="utf-8")
    return directory
