"""Reads a training bundle (docs/model-bundles.md) into plain Python objects.

Every failure names the file, the line where there is one, and the reason, because
the bundle is written by another program (the TypeScript exporter) and a coder's IT
person has to be able to tell which side is wrong.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from clinicoco_bundle.vocabulary import CLS_ID, PAD_ID, BundleFileError, check_vocabulary

BUNDLE_FORMAT = "clinicoco-training-bundle"
SUPPORTED_FORMAT_VERSION = 1
SPLIT_NAMES = ("raw", "noisy", "clean", "dev", "test")


class BundleError(BundleFileError):
    """A training bundle that does not follow the file contract."""


@dataclass(frozen=True)
class Code:
    code: str
    title: str
    title_tokens: List[int]
    parent: Optional[int]
    chapter: Optional[str]


@dataclass(frozen=True)
class Record:
    id: str
    split: str
    tokens: List[int]
    labels: List[int]
    names: List[List[int]] = field(default_factory=list)  # tokenised diagnosis names, one list per name


@dataclass(frozen=True)
class TrainingBundle:
    directory: Path
    code_set: Dict[str, str]
    tokenizer: Dict[str, str]
    max_tokens: int
    codes: List[Code]
    vocab_size: int
    vocab_bytes: bytes
    records_by_split: Dict[str, List[Record]]

    @property
    def vocab_file(self) -> str:
        return self.tokenizer["vocabFile"]

    def split(self, name: str) -> List[Record]:
        return self.records_by_split.get(name, [])


def read_training_bundle(directory) -> TrainingBundle:
    directory = Path(directory)
    manifest_path = directory / "bundle.json"
    manifest = _read_json_object(manifest_path)
    _check_manifest(manifest, manifest_path)

    vocab_path = directory / manifest["tokenizer"]["vocabFile"]
    vocab_bytes = _read_bytes(vocab_path)
    vocab_size = check_vocabulary(vocab_bytes, vocab_path, manifest["tokenizer"]["vocabSha256"], declared_in="bundle.json tokenizer.vocabSha256", error=BundleError)

    codes = _read_codes(manifest["codes"], manifest_path, vocab_size)
    records_path = directory / "records.jsonl"
    records_by_split = _read_records(records_path, len(codes), vocab_size)
    _check_split_counts(manifest["splits"], records_by_split, manifest_path)

    return TrainingBundle(
        directory=directory,
        code_set=manifest["codeSet"],
        tokenizer=manifest["tokenizer"],
        max_tokens=manifest["maxTokens"],
        codes=codes,
        vocab_size=vocab_size,
        vocab_bytes=vocab_bytes,
        records_by_split=records_by_split,
    )


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise BundleError(path, "file is missing") from None


def _read_json_object(path: Path) -> dict:
    text = _read_bytes(path).decode("utf-8", errors="strict")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise BundleError(path, f"invalid JSON ({error.msg})", error.lineno) from None
    if not isinstance(value, dict):
        raise BundleError(path, "expected a JSON object")
    return value


def _check_manifest(manifest: dict, path: Path) -> None:
    if manifest.get("format") != BUNDLE_FORMAT:
        raise BundleError(path, f'"format" must be "{BUNDLE_FORMAT}", got {manifest.get("format")!r}')
    if manifest.get("formatVersion") != SUPPORTED_FORMAT_VERSION:
        raise BundleError(
            path, f'"formatVersion" {manifest.get("formatVersion")!r} is not supported (expected {SUPPORTED_FORMAT_VERSION})'
        )
    for key, kind in (("codeSet", dict), ("tokenizer", dict), ("codes", list), ("splits", dict)):
        if not isinstance(manifest.get(key), kind):
            raise BundleError(path, f'"{key}" must be a {kind.__name__}')
    for key in ("vocabFile", "vocabSha256"):
        if not isinstance(manifest["tokenizer"].get(key), str):
            raise BundleError(path, f'"tokenizer.{key}" must be a string')
    max_tokens = manifest.get("maxTokens")
    if not isinstance(max_tokens, int) or isinstance(max_tokens, bool) or max_tokens < 2:
        raise BundleError(path, f'"maxTokens" must be an integer >= 2, got {max_tokens!r}')
    if not manifest["codes"]:
        raise BundleError(path, '"codes" is empty: there is no label to train')


def _read_codes(raw_codes: list, path: Path, vocab_size: int) -> List[Code]:
    codes = []
    for index, entry in enumerate(raw_codes):
        where = f"codes[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("code"), str):
            raise BundleError(path, f'{where} must be an object with a string "code"')
        title_tokens = entry.get("titleTokens", [])
        _check_token_ids(title_tokens, vocab_size, lambda reason: BundleError(path, f"{where}.titleTokens {reason}"))
        parent = entry.get("parent")
        if parent is not None and not (isinstance(parent, int) and 0 <= parent < len(raw_codes)):
            raise BundleError(path, f"{where}.parent must be null or an index into codes, got {parent!r}")
        codes.append(Code(entry["code"], entry.get("title", ""), title_tokens, parent, entry.get("chapter")))
    return codes


def _check_token_ids(tokens, vocab_size: int, error) -> None:
    if not isinstance(tokens, list):
        raise error("must be a list of token ids")
    for token in tokens:
        if not isinstance(token, int) or isinstance(token, bool) or not 0 <= token < vocab_size:
            raise error(f"holds {token!r}, not a token id in [0, {vocab_size})")


def _read_records(path: Path, code_count: int, vocab_size: int) -> Dict[str, List[Record]]:
    records_by_split: Dict[str, List[Record]] = {name: [] for name in SPLIT_NAMES}
    try:
        handle = path.open("r", encoding="utf-8")
    except FileNotFoundError:
        raise BundleError(path, "file is missing") from None
    seen_ids = set()
    with handle:
        for line_number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            record = _parse_record(line, path, line_number, code_count, vocab_size)
            if record.id in seen_ids:
                raise BundleError(path, f'record id "{record.id}" appears twice', line_number)
            seen_ids.add(record.id)
            records_by_split[record.split].append(record)
    return records_by_split


def _parse_record(line: str, path: Path, line_number: int, code_count: int, vocab_size: int) -> Record:
    def error(reason: str) -> BundleError:
        return BundleError(path, reason, line_number)

    try:
        value = json.loads(line)
    except json.JSONDecodeError as decode_error:
        raise error(f"invalid JSON ({decode_error.msg})") from None
    if not isinstance(value, dict):
        raise error("a record must be a JSON object")
    if not isinstance(value.get("id"), str):
        raise error('"id" must be a string')
    split = value.get("split")
    if split not in SPLIT_NAMES:
        raise error(f'"split" must be one of {", ".join(SPLIT_NAMES)}, got {split!r}')
    tokens = value.get("tokens")
    _check_token_ids(tokens, vocab_size, lambda reason: error(f'"tokens" {reason}'))
    if not tokens:
        raise error('"tokens" is empty')
    if PAD_ID in tokens:
        raise error('"tokens" holds the padding id 0')
    labels = value.get("labels", [])
    if not isinstance(labels, list) or any(
        not isinstance(label, int) or isinstance(label, bool) or not 0 <= label < code_count for label in labels
    ):
        raise error(f'"labels" must be a list of indices into codes [0, {code_count}), got {labels!r}')
    if split == "raw" and labels:
        raise error('a "raw" record has no labels')
    names = value.get("names", [])
    if not isinstance(names, list):
        raise error('"names" must be a list of token-id lists')
    for index, name in enumerate(names):
        _check_token_ids(name, vocab_size, lambda reason: error(f'"names[{index}]" {reason}'))
    return Record(value["id"], split, tokens, sorted(set(labels)), names)


def _check_split_counts(declared: dict, records_by_split: Dict[str, List[Record]], path: Path) -> None:
    for name in SPLIT_NAMES:
        expected = declared.get(name, 0)
        actual = len(records_by_split[name])
        if expected != actual:
            raise BundleError(path, f'"splits.{name}" says {expected} records but records.jsonl holds {actual}')
