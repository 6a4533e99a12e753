"""Command-line options of the trainer.

The defaults are the settings measured to learn on small data (models/README.md);
the paper's values stay available by flags: `--bce-mean-codes --batch-size 64
--lr 1e-3 --weight-decay 1e-3 --wide-dim 0`.
"""

import argparse
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Dict, Optional

from .model import FULL_RANK_WIDE, ModelShape

# Epoch defaults fit a CodiEsp-sized bundle (3,251 raw+clean, 500 clean, 250 dev
# records, 1,767 codes) into 30 minutes on 2 cores; see models/README.md.
DEFAULT_EPOCHS = {"raw": 2, "noisy": 3, "clean": 30}


@dataclass
class TrainingOptions:
    bundle: Path
    out: Path
    checkpoint: Path
    resume: bool = False
    seed: int = 13
    epochs: Dict[str, int] = field(default_factory=lambda: dict(DEFAULT_EPOCHS))
    use_raw_step: bool = True
    use_noisy_step: bool = True
    budget_minutes: Optional[float] = None
    name: Optional[str] = None
    sign_key: Optional[Path] = None  # Ed25519 private key (PEM): sign the bundle's manifest (signing.py)
    # Paper values (eqs. 8 and 10).
    bce_weight: float = 1.0  # theta
    multilabel_contrastive_weight: float = 0.5  # gamma
    unsupervised_contrastive_weight: float = 0.02  # delta
    # Small-data values; the paper's: lr 1e-3, weight decay 1e-3, batch 64 (models/README.md).
    learning_rate: float = 3e-3
    weight_decay: float = 0.0
    batch_size: int = 16
    wide_learning_rate: float = 1.0  # SGD on the bag-of-tokens path (only with wide_fit_l2 None, or rank < full)
    # Full-rank bag-of-tokens path fitted by L-BFGS at step 3's start with this L2, then fixed
    # (wide_fit.py); None trains it by SGD with the network. 3e-6: above 1e-5 and 3e-5 on CodiEsp
    # dev with the names documents (without them 1e-5 was the best of 1e-3..1e-6).
    wide_fit_l2: Optional[float] = 3e-6
    # Weight of each labelled record's names document in that fit (training.name_documents); 0: none.
    name_document_weight: float = 6.0
    # Step 1's token space from the raw records (raw_basis.py): its dimensions (0: none) and the
    # L2 of the regression's weights in it. 128 and 3e-6: above 256 and 1e-5/1e-6 on CodiEsp dev.
    raw_basis_dim: int = 128
    raw_basis_l2: float = 3e-6
    # Not given by the paper.
    unsupervised_temperature: float = 0.1
    multilabel_temperature: float = 0.1
    max_tokens: Optional[int] = None  # None: the bundle's maxTokens
    train_tokens: Optional[int] = None  # training crop; None: max_tokens
    # The architecture's defaults live in one place, ModelShape.
    embedding_dim: int = ModelShape.embedding_dim
    hidden_dim: int = ModelShape.hidden_dim
    cnn_layers: int = ModelShape.cnn_layers
    cnn_kernel: int = ModelShape.cnn_kernel
    ggnn_layers: int = ModelShape.ggnn_layers
    graph_window: int = ModelShape.graph_window
    dropout: float = ModelShape.dropout
    wide_dim: int = FULL_RANK_WIDE
    title_queries: bool = False
    bce_per_code_mean: bool = False
    evaluation_batch_size: int = 32
    # One JSON line per progress event (progress.ProgressReporter), for the app's training job.
    progress_json: bool = False

    def hyperparameters(self) -> dict:
        """What the manifest records under trainer.hyperparameters."""
        skip = {"bundle", "out", "checkpoint", "resume", "seed", "epochs", "budget_minutes", "name", "sign_key", "progress_json"}
        return {key: value for key, value in asdict(self).items() if key not in skip}


TINY_OVERRIDES = {
    "embedding_dim": 16,
    "hidden_dim": 16,
    "cnn_layers": 1,
    "ggnn_layers": 2,
    "batch_size": 16,
    "max_tokens": 128,
}


def parse_options(argv=None) -> TrainingOptions:
    parser = argparse.ArgumentParser(
        prog="python -m clinicoco_train",
        description="Train the CliniCoCo document model on a training bundle and write a model bundle.",
    )
    parser.add_argument("--bundle", type=Path, required=True, help="training bundle folder (bundle.json, vocab.txt, records.jsonl)")
    parser.add_argument("--out", type=Path, required=True, help="model bundle folder to write")
    parser.add_argument("--checkpoint", type=Path, help="checkpoint file (default: OUT.checkpoint.pt beside the bundle folder)")
    parser.add_argument("--resume", action="store_true", help="continue from the checkpoint")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--raw-epochs", type=int, default=DEFAULT_EPOCHS["raw"], help="step 1 epochs (raw+noisy+clean, unsupervised contrastive)")
    parser.add_argument("--noisy-epochs", type=int, default=DEFAULT_EPOCHS["noisy"], help="step 2 epochs (noisy, multi-label contrastive)")
    parser.add_argument("--clean-epochs", type=int, default=DEFAULT_EPOCHS["clean"], help="step 3 epochs (clean, BCE + contrastive)")
    parser.add_argument("--no-raw", action="store_true", help="skip step 1 (ablation)")
    parser.add_argument("--no-noisy", action="store_true", help="skip step 2 (ablation)")
    parser.add_argument("--budget-minutes", type=float, help="stop training after this many minutes and export the best model so far")
    parser.add_argument("--name", help="model name in modelVersion (default: the code set name)")
    parser.add_argument("--sign-key", type=Path, help="Ed25519 private key (PEM) to sign the bundle's manifest with (signature.json)")
    parser.add_argument("--theta", type=float, default=1.0, dest="bce_weight", help="BCE weight (eq. 10)")
    parser.add_argument("--gamma", type=float, default=0.5, dest="multilabel_contrastive_weight", help="multi-label contrastive weight")
    parser.add_argument("--delta", type=float, default=0.02, dest="unsupervised_contrastive_weight", help="unsupervised contrastive weight")
    parser.add_argument("--lr", type=float, default=TrainingOptions.learning_rate, dest="learning_rate", help="Adam learning rate (paper: 1e-3)")
    parser.add_argument("--weight-decay", type=float, default=TrainingOptions.weight_decay, help="Adam weight decay (paper: 1e-3)")
    parser.add_argument("--batch-size", type=int, default=TrainingOptions.batch_size, help="(paper: 64)")
    parser.add_argument("--wide-lr", type=float, default=TrainingOptions.wide_learning_rate, dest="wide_learning_rate",
                        help="SGD learning rate of the bag-of-tokens path")
    parser.add_argument("--wide-fit-l2", type=float, default=TrainingOptions.wide_fit_l2,
                        help="L2 of the bag-of-tokens path's logistic-regression fit at step 3's start")
    parser.add_argument("--no-wide-fit", action="store_const", const=None, dest="wide_fit_l2",
                        help="train the bag-of-tokens path by SGD with the network instead of fitting it first")
    parser.add_argument("--name-document-weight", type=float, default=TrainingOptions.name_document_weight,
                        help="weight of each labelled record's diagnosis names, as a document, in the bag-of-tokens fit")
    parser.add_argument("--no-name-documents", action="store_const", const=0.0, dest="name_document_weight",
                        help="fit the bag-of-tokens path on the records' text only (ablation)")
    parser.add_argument("--raw-basis-dim", type=int, default=TrainingOptions.raw_basis_dim,
                        help="dimensions of the token space step 1 learns from the raw records for the regression (0: none)")
    parser.add_argument("--raw-basis-l2", type=float, default=TrainingOptions.raw_basis_l2,
                        help="L2 of the regression's weights in that token space")
    parser.add_argument("--us-temperature", type=float, default=0.1, dest="unsupervised_temperature")
    parser.add_argument("--ml-temperature", type=float, default=0.1, dest="multilabel_temperature")
    parser.add_argument("--max-tokens", type=int, help="tokens the model sees at inference (default: the bundle's maxTokens)")
    parser.add_argument("--train-tokens", type=int, help="random training crop length (default: --max-tokens)")
    parser.add_argument("--embedding-dim", type=int, default=ModelShape.embedding_dim)
    parser.add_argument("--hidden-dim", type=int, default=ModelShape.hidden_dim)
    parser.add_argument("--cnn-layers", type=int, default=ModelShape.cnn_layers)
    parser.add_argument("--cnn-kernel", type=int, default=ModelShape.cnn_kernel)
    parser.add_argument("--ggnn-layers", type=int, default=ModelShape.ggnn_layers)
    parser.add_argument("--graph-window", type=int, default=ModelShape.graph_window)
    parser.add_argument("--dropout", type=float, default=ModelShape.dropout)
    parser.add_argument("--wide-dim", type=int, default=FULL_RANK_WIDE,
                        help=f"rank of the bag-of-tokens (TF-IDF) path; {FULL_RANK_WIDE}: full rank, 0: none (the paper's model)")
    parser.add_argument("--title-queries", action="store_true", help="start each code's attention query at its title's mean token embedding")
    parser.add_argument("--bce-mean-codes", action="store_true", dest="bce_per_code_mean",
                        help="average BCE over codes (the paper's) instead of summing")
    parser.add_argument("--progress-json", action="store_true",
                        help="also print one JSON line per progress event (prefix '@progress '), for the app")
    parser.add_argument("--tiny", action="store_true", help="toy sizes for CI: " + ", ".join(f"{k}={v}" for k, v in TINY_OVERRIDES.items()))
    # --tiny changes defaults only, so `--tiny --hidden-dim 32` still means 32.
    if parser.parse_known_args(argv)[0].tiny:
        parser.set_defaults(**TINY_OVERRIDES)
    values = vars(parser.parse_args(argv))
    values.pop("tiny")
    epochs = {"raw": values.pop("raw_epochs"), "noisy": values.pop("noisy_epochs"), "clean": values.pop("clean_epochs")}
    use_raw_step = not values.pop("no_raw")
    use_noisy_step = not values.pop("no_noisy")
    if values["checkpoint"] is None:
        out = values["out"]
        values["checkpoint"] = out.parent / f"{out.name}.checkpoint.pt"
    return TrainingOptions(epochs=epochs, use_raw_step=use_raw_step, use_noisy_step=use_noisy_step, **values)
