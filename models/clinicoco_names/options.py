"""Command-line options of the name-encoder trainer."""

import argparse
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Optional

from .model import EncoderShape


@dataclass
class NameOptions:
    bundle: Path
    out: Path
    seed: int = 13
    budget_minutes: Optional[float] = None
    unsupervised_epochs: int = 2
    supervised_epochs: int = 20
    # Share of the time budget for step 1 when there are pairs for step 2.
    unsupervised_share: float = 0.3
    # SimCSE's value (Gao et al. 2021).
    temperature: float = 0.05
    learning_rate: float = 2e-3
    weight_decay: float = 1e-4
    batch_size: int = 256
    embedding_dim: int = EncoderShape.embedding_dim
    hidden_dim: int = EncoderShape.hidden_dim
    output_dim: int = EncoderShape.output_dim
    dropout: float = EncoderShape.dropout
    # A few codes' pairs are kept out of training, for the manifest's retrieval check.
    held_out_share: float = 0.02
    held_out_limit: int = 200

    def hyperparameters(self) -> dict:
        skip = {"bundle", "out", "seed", "budget_minutes"}
        return {key: value for key, value in asdict(self).items() if key not in skip}


TINY_OVERRIDES = {"embedding_dim": 32, "hidden_dim": 32, "output_dim": 32, "batch_size": 32, "held_out_share": 0.2, "held_out_limit": 20}


def parse_options(argv=None) -> NameOptions:
    parser = argparse.ArgumentParser(
        prog="python -m clinicoco_names",
        description="Train the diagnosis-name encoder (SimCSE, then supervised contrastive) on a name bundle and write an encoder bundle.",
    )
    parser.add_argument("--bundle", type=Path, required=True, help="name bundle folder (names.json, vocab.txt)")
    parser.add_argument("--out", type=Path, required=True, help="encoder bundle folder to write")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--budget-minutes", type=float, help="stop training after this many minutes (export follows)")
    parser.add_argument("--unsupervised-epochs", type=int, default=NameOptions.unsupervised_epochs)
    parser.add_argument("--supervised-epochs", type=int, default=NameOptions.supervised_epochs)
    parser.add_argument("--batch-size", type=int)
    parser.add_argument("--lr", type=float, default=NameOptions.learning_rate)
    parser.add_argument("--temperature", type=float, default=NameOptions.temperature)
    parser.add_argument("--tiny", action="store_true", help="toy sizes for tests")
    args = parser.parse_args(argv)
    options = NameOptions(
        bundle=args.bundle,
        out=args.out,
        seed=args.seed,
        budget_minutes=args.budget_minutes,
        unsupervised_epochs=args.unsupervised_epochs,
        supervised_epochs=args.supervised_epochs,
        learning_rate=args.lr,
        temperature=args.temperature,
    )
    if args.tiny:
        for key, value in TINY_OVERRIDES.items():
            setattr(options, key, value)
    if args.batch_size is not None:
        options.batch_size = args.batch_size
    return options
