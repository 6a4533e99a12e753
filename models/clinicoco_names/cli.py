"""`python -m clinicoco_names`: read the name bundle, train the encoder, write the encoder bundle."""

import sys

import torch

from .name_bundle import NameBundleError, read_name_bundle
from .encoder_bundle import write_encoder_bundle
from .options import parse_options
from .training import pair_retrieval, train


def log(line: str) -> None:
    print(line, flush=True)


def main(argv=None) -> int:
    options = parse_options(argv)
    # One thread: on the 2-core machines this runs on, beside the app or other jobs, two
    # threads made a SimCSE step 5x slower (0.76 s vs 0.15 s, batch 256, measured under load).
    torch.set_num_threads(1)
    try:
        bundle = read_name_bundle(options.bundle)
    except NameBundleError as error:
        print(f"error: malformed name bundle: {error}", file=sys.stderr)
        return 2
    log(f"bundle {options.bundle}: vocabulary {bundle.vocab_size}, texts {len(bundle.texts)}, pairs {len(bundle.pairs)}")
    result = train(bundle, options, log)
    metrics = {"held_out_pairs": pair_retrieval(result.model, result.held_out_pairs)} if result.held_out_pairs else {}
    manifest = write_encoder_bundle(
        options.out,
        result.model,
        bundle,
        trainer={
            "torch": torch.__version__,
            "seed": options.seed,
            "seconds": round(result.seconds, 1),
            "epochs": dict(result.epochs_run),
            "stoppedByBudget": result.stopped_by_budget,
            "hyperparameters": options.hyperparameters(),
        },
        metrics=metrics,
    )
    for name, values in metrics.items():
        log(f"{name}: " + " ".join(f"{key}={value}" for key, value in values.items()))
    log(f"wrote {options.out} ({manifest['encoderVersion']})")
    return 0
