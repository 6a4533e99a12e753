"""The tokenizer's vocabulary as both trainers read it: `vocab.txt`, one token a line,
written by the TypeScript tokenizer (engine/text) and checked against the sha256 that the
bundle declares, so ids mean the same tokens on both sides.
"""

import hashlib
from pathlib import Path
from typing import Optional

FIXED_TOKENS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[NUM]")
PAD_ID = FIXED_TOKENS.index("[PAD]")
CLS_ID = FIXED_TOKENS.index("[CLS]")


class BundleFileError(ValueError):
    """A bundle file that does not follow its contract: names the file, the line where there is one, and the reason.

    The bundles are written by another program (the TypeScript engine), and IT has to be able
    to tell which side is wrong.
    """

    def __init__(self, file: Path, reason: str, line: Optional[int] = None):
        where = f"{file}:{line}" if line is not None else str(file)
        super().__init__(f"{where}: {reason}")
        self.file = file
        self.line = line
        self.reason = reason


def check_vocabulary(vocab_bytes: bytes, path: Path, expected_sha256: str, *, declared_in: str, error=BundleFileError) -> int:
    """Checks the vocabulary's sha256 (as `declared_in` gives it) and its fixed first tokens; returns its size."""
    actual = hashlib.sha256(vocab_bytes).hexdigest()
    if actual != expected_sha256:
        raise error(path, f"sha256 {actual} differs from {declared_in} {expected_sha256}")
    lines = vocab_bytes.decode("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for token_id, expected in enumerate(FIXED_TOKENS):
        if token_id >= len(lines) or lines[token_id] != expected:
            got = lines[token_id] if token_id < len(lines) else "end of file"
            raise error(path, f"line {token_id + 1} must be {expected} (id {token_id}), got {got!r}", token_id + 1)
    return len(lines)
