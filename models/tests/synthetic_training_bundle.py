"""Writes small synthetic training bundles whose labels are predictable from their tokens.

Each code owns two trigger tokens; a record holding a code contains at least one of
its triggers among filler tokens, so a working model reaches a high F1 quickly and a
broken one does not.
"""

import hashlib
import json
import random
from pathlib import Path
from typing import Dict, Optional

FIXED_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[NUM]"]
DEFAULT_SPLIT_SIZES = {"raw": 24, "noisy": 16, "clean": 48, "dev": 24, "test": 12}


def synthetic_vocabulary(code_count: int, filler_count: int) -> list:
    triggers = [f"trigger{code}{side}" for code in range(code_count) for side in "ab"]
    fillers = [f"filler{index}" for index in range(filler_count)]
    return FIXED_TOKENS + triggers + fillers


def write_synthetic_bundle(
    directory: Path,
    split_sizes: Optional[Dict[str, int]] = None,
    code_count: int = 6,
    filler_count: int = 40,
    tokens_per_record: tuple = (12, 48),
    max_tokens: int = 64,
    seed: int = 0,
    with_names: bool = False,
    trigger_sides: Optional[Dict[str, str]] = None,
) -> Path:
    """With `with_names`, each labelled record has one diagnosis name per code: a trigger and a filler.

    `trigger_sides` fixes, per split, which of a code's triggers its records hold ("a", "b"
    or "ab"); other splits, and all without it, hold one or both at random.
    """
    split_sizes = dict(DEFAULT_SPLIT_SIZES if split_sizes is None else split_sizes)
    random_source = random.Random(seed)
    names_source = random.Random(seed + 1)  # its own stream: the records are the same with or without names
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)

    vocabulary = synthetic_vocabulary(code_count, filler_count)
    token_id = {token: index for index, token in enumerate(vocabulary)}
    vocab_bytes = "".join(token + "\n" for token in vocabulary).encode("utf-8")
    (directory / "vocab.txt").write_bytes(vocab_bytes)

    def trigger_ids(code: int) -> list:
        return [token_id[f"trigger{code}a"], token_id[f"trigger{code}b"]]

    def names_of(labels: list) -> list:
        return [[trigger_ids(code)[0], token_id[f"filler{names_source.randrange(filler_count)}"]] for code in labels]

    def record(split: str, number: int) -> dict:
        length = random_source.randint(*tokens_per_record)
        tokens = [token_id[f"filler{random_source.randrange(filler_count)}"] for _ in range(length)]
        labels = sorted(random_source.sample(range(code_count), random_source.randint(1, 2)))
        sides = (trigger_sides or {}).get(split)
        for code in labels:
            if sides is None:
                triggers = random_source.sample(trigger_ids(code), random_source.randint(1, 2))
            else:
                triggers = [token_id[f"trigger{code}{side}"] for side in sides]
            for trigger in triggers:
                tokens.insert(random_source.randrange(len(tokens) + 1), trigger)
        return {
            "id": f"{split}-{number}",
            "split": split,
            "tokens": [token_id["[CLS]"]] + tokens,
            "labels": [] if split == "raw" else labels,
            "names": names_of(labels) if with_names and split != "raw" else [],
        }

    with (directory / "records.jsonl").open("w", encoding="utf-8") as handle:
        for split, size in split_sizes.items():
            for number in range(size):
                handle.write(json.dumps(record(split, number)) + "\n")

    codes = [
        {
            "code": f"C{code:02d}",
            "title": f"Synthetic code {code}",
            "titleTokens": trigger_ids(code),
            "parent": None,
            "chapter": "I",
        }
        for code in range(code_count)
    ]
    manifest = {
        "format": "clinicoco-training-bundle",
        "formatVersion": 1,
        "createdAt": "2026-11-27T05:00:00.000Z",
        "codeSet": {"name": "synthetic", "version": "1"},
        "tokenizer": {"vocabFile": "vocab.txt", "vocabSha256": hashlib.sha256(vocab_bytes).hexdigest()},
        "maxTokens": max_tokens,
        "codes": codes,
        "splits": {split: split_sizes.get(split, 0) for split in ("raw", "noisy", "clean", "dev", "test")},
    }
    (directory / "bundle.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return directory
