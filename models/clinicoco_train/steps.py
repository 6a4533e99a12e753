"""The paper's three training steps: which records each sees and what it minimises."""

from dataclasses import dataclass
from typing import Callable, Dict, List

import torch

from .batching import Batch, EncodedRecords
from .training_bundle import TrainingBundle
from .losses import classification_loss, multilabel_contrastive_loss, unsupervised_contrastive_loss
from .model import DocumentModel
from .options import TrainingOptions
from .model import FULL_RANK_WIDE
from .wide_fit import fits_bag_of_tokens

STEP_NAMES = ("raw", "noisy", "clean")


@dataclass
class TrainingStep:
    name: str
    records: EncodedRecords
    epochs: int
    loss: Callable[[DocumentModel, Batch], torch.Tensor]


def plan_steps(bundle: TrainingBundle, options: TrainingOptions, log: Callable[[str], None]) -> List[TrainingStep]:
    """The steps to run, in order; a step that is switched off or has no records is left out."""
    records = {name: EncodedRecords.of(bundle.split(name)) for name in ("raw", "noisy", "clean")}
    losses = step_losses(options)
    candidates = [
        ("raw", records["raw"].concatenate(records["noisy"]).concatenate(records["clean"]), options.use_raw_step, "--no-raw"),
        ("noisy", records["noisy"], options.use_noisy_step, "--no-noisy"),
        ("clean", records["clean"], True, None),
    ]
    steps = []
    for name, step_records, enabled, flag in candidates:
        epochs = options.epochs[name]
        if not enabled:
            log(f"note: step {name} skipped ({flag})")
        elif len(step_records) == 0:
            log(f"note: step {name} skipped (the bundle has no records for it)")
        elif epochs <= 0 and name == "clean" and fits_regression(options):
            # The regression is fitted at the clean step's start: with 0 epochs the model is that
            # regression alone (the network untrained, weight 0) — a fast model for experiments.
            log("note: step clean fits the bag-of-tokens regression only (0 network epochs)")
            steps.append(TrainingStep(name, step_records, 0, losses[name]))
        elif epochs <= 0:
            log(f"note: step {name} skipped (0 epochs)")
        else:
            steps.append(TrainingStep(name, step_records, epochs, losses[name]))
    return steps


def step_losses(options: TrainingOptions) -> Dict[str, Callable[[DocumentModel, Batch], torch.Tensor]]:
    def unsupervised(states) -> torch.Tensor:
        return unsupervised_contrastive_loss(states.embedding, states.sequence_vector, options.unsupervised_temperature)

    def multilabel(states, batch: Batch) -> torch.Tensor:
        return multilabel_contrastive_loss(states.embedding, batch.labels, options.multilabel_temperature)

    def raw_loss(model: DocumentModel, batch: Batch) -> torch.Tensor:
        # Eq. 4.
        return unsupervised(model.document_states(batch.token_ids))

    def noisy_loss(model: DocumentModel, batch: Batch) -> torch.Tensor:
        # Eq. 8.
        states = model.document_states(batch.token_ids)
        return (
            options.multilabel_contrastive_weight * multilabel(states, batch)
            + options.unsupervised_contrastive_weight * unsupervised(states)
        )

    def clean_loss(model: DocumentModel, batch: Batch) -> torch.Tensor:
        # Eq. 10. With a fitted bag-of-tokens path the network learns the codes on its
        # own: behind a regression that already fits the training records it would get
        # no gradient (wide_fit.py); the two are combined on dev afterwards.
        states = model.document_states(batch.token_ids)
        if fits_bag_of_tokens(model, options):
            logits, _, _ = model.path_logits(states)
        else:
            logits, _ = model.classify(states)
        return (
            options.bce_weight * classification_loss(logits, batch.labels, options.bce_per_code_mean)
            + options.multilabel_contrastive_weight * multilabel(states, batch)
            + options.unsupervised_contrastive_weight * unsupervised(states)
        )

    return {"raw": raw_loss, "noisy": noisy_loss, "clean": clean_loss}


def fits_regression(options: TrainingOptions) -> bool:
    """Whether the model will have a fitted full-rank bag-of-tokens path (wide_fit.fits_bag_of_tokens, before a model exists)."""
    return options.wide_fit_l2 is not None and options.wide_dim == FULL_RANK_WIDE
