"""`python -m clinicoco_train`: read the training bundle, train, write the model bundle."""

import os
import sys

import torch

from .bundle import BundleError, read_training_bundle
from .batching import EncodedRecords
from .evaluation import frequent_codes, predict, score
from .model_bundle import write_model_bundle
from .options import TrainingOptions, parse_options
from .training import train

def main(argv=None) -> int:
    options = parse_options(argv)
    # torch uses one thread by default on these machines.
    torch.set_num_threads(os.cpu_count() or 1)
    try:
        bundle = read_training_bundle(options.bundle)
    except BundleError as error:
        print(f"error: malformed training bundle: {error}", file=sys.stderr)
        return 2
    log(f"bundle {options.bundle}: {len(bundle.codes)} codes, vocabulary {bundle.vocab_size}, "
        + ", ".join(f"{name} {len(records)}" for name, records in bundle.records_by_split.items()))
    result = train(bundle, options, log)
    max_tokens = options.max_tokens or bundle.max_tokens
    metrics = evaluate_splits(result.model, bundle, options, max_tokens, result.threshold)
    manifest = write_model_bundle(
        options.out,
        result.model,
        bundle,
        name=options.name or bundle.code_set.get("name", "model"),
        max_tokens=max_tokens,
        threshold=result.threshold,
        trainer={
            "torch": torch.__version__,
            "seed": options.seed,
            "seconds": round(result.progress.seconds, 1),
            "steps": dict(result.progress.epochs_run),
            "stoppedByBudget": result.stopped_by_budget,
            "hyperparameters": options.hyperparameters() | {"max_tokens": max_tokens},
        },
        metrics=metrics,
    )
    for split, values in metrics.items():
        log(f"{split}: " + " ".join(f"{key}={value:.4f}" for key, value in values.items() if isinstance(value, float)))
    log(f"wrote {options.out} ({manifest['modelVersion']}); checkpoint at {options.checkpoint}")
    return 0


def evaluate_splits(model, bundle, options: TrainingOptions, max_tokens: int, threshold: float) -> dict:
    """Model-only metrics on dev and test at the exported threshold (splits that exist)."""
    frequent = frequent_codes(bundle)
    metrics = {}
    for split in ("dev", "test"):
        records = EncodedRecords.of(bundle.split(split))
        if len(records) == 0:
            continue
        predictions = predict(model, records, len(bundle.codes), max_tokens, options.evaluation_batch_size)
        metrics[split] = score(predictions, threshold, frequent) | {"records": len(records)}
    return metrics


def log(line: str) -> None:
    print(line, flush=True)
