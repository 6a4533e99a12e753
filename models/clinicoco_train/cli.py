"""`python -m clinicoco_train`: read the training bundle, train, write the model bundle."""

import os
import sys

import torch

from .training_bundle import BundleError, read_training_bundle
from .batching import EncodedRecords
from .evaluation import frequent_codes, predict, score
from .knn_mix import KnnMix, knn_probabilities, mix
from .model_bundle import write_model_bundle
from .options import TrainingOptions, parse_options
from .signing import SigningError, load_signing_key, sign_bundle
from .training import train

def main(argv=None) -> int:
    options = parse_options(argv)
    # torch uses one thread by default on these machines.
    torch.set_num_threads(training_threads())
    try:
        bundle = read_training_bundle(options.bundle)
    except BundleError as error:
        print(f"error: malformed training bundle: {error}", file=sys.stderr)
        return 2
    try:
        # Loaded before training: a wrong key path or a missing package fails now, not after hours.
        signing_key = load_signing_key(options.sign_key) if options.sign_key else None
    except SigningError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    log(f"bundle {options.bundle}: {len(bundle.codes)} codes, vocabulary {bundle.vocab_size}, "
        + ", ".join(f"{name} {len(records)}" for name, records in bundle.records_by_split.items()))
    result = train(bundle, options, log)
    max_tokens = options.max_tokens or bundle.max_tokens
    metrics = evaluate_splits(result.model, bundle, options, max_tokens, result.knn_mix)
    manifest = write_model_bundle(
        options.out,
        result.model,
        bundle,
        name=options.name or bundle.code_set.get("name", "model"),
        max_tokens=max_tokens,
        threshold=result.threshold,
        knn=result.knn_mix.manifest_entry(),
        trainer={
            "torch": torch.__version__,
            "seed": options.seed,
            "seconds": round(result.progress.seconds, 1),
            "steps": dict(result.progress.epochs_run),
            "stoppedByBudget": result.stopped_by_budget,
            "knnDevMicroF1ByLambda": {f"{weight:g}": round(f1, 4) for weight, f1 in result.knn_mix.dev_micro_f1_by_weight.items()},
            "hyperparameters": options.hyperparameters() | {"max_tokens": max_tokens},
        },
        metrics=metrics,
    )
    for split, values in metrics.items():
        log(f"{split}: " + " ".join(f"{key}={value:.4f}" for key, value in values.items() if isinstance(value, float)))
    if signing_key is not None:
        signature = sign_bundle(options.out, signing_key)
        log(f"signed {options.out}/manifest.json with key {signature['keyId']}")
    log(f"wrote {options.out} ({manifest['modelVersion']}); checkpoint at {options.checkpoint}")
    return 0


def training_threads(environ=os.environ) -> int:
    """Threads for torch: OMP_NUM_THREADS when set to a positive number, else the CPUs this process may run on.

    IT (or an experiment sharing the machine) caps the trainer with OMP_NUM_THREADS or
    taskset; os.cpu_count() alone counts every core and ignored both.
    """
    requested = environ.get("OMP_NUM_THREADS", "").strip()
    if requested.isdigit() and int(requested) > 0:
        return int(requested)
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # no affinity on this OS (macOS, Windows)
        return os.cpu_count() or 1


def evaluate_splits(model, bundle, options: TrainingOptions, max_tokens: int, knn_mix: KnnMix) -> dict:
    """Metrics on dev and test (splits that exist) of the model mixed with kNN over the clean split, at the exported threshold.

    That is what the engine suggests before the diagnosis names are added.
    """
    frequent = frequent_codes(bundle)
    code_count = len(bundle.codes)
    store = predict(model, EncodedRecords.of(bundle.split("clean")), code_count, max_tokens, options.evaluation_batch_size)
    metrics = {}
    for split in ("dev", "test"):
        records = EncodedRecords.of(bundle.split(split))
        if len(records) == 0:
            continue
        predictions = predict(model, records, code_count, max_tokens, options.evaluation_batch_size)
        neighbours = knn_probabilities(store.embeddings, store.gold, predictions.embeddings, knn_mix.k, knn_mix.tau)
        predictions.probabilities = mix(predictions.probabilities, neighbours, knn_mix.weight)
        metrics[split] = score(predictions, knn_mix.threshold, frequent) | {"records": len(records)}
    return metrics


def log(line: str) -> None:
    print(line, flush=True)
