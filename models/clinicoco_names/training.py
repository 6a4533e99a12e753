"""The two training steps, each bounded by epochs and by its share of the time budget.

Step 1, unsupervised SimCSE on every text (titles, synonyms, names); step 2, supervised
InfoNCE on (name, title) pairs. Without pairs, step 1 gets the whole budget.
"""

import random
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Sequence, Tuple

import torch

from .name_bundle import PAD_ID, NameBundle
from .losses import simcse_loss, supervised_loss
from .model import EncoderShape, NameEncoder
from .options import NameOptions


@dataclass
class TrainingResult:
    model: NameEncoder
    seconds: float
    epochs_run: Dict[str, int] = field(default_factory=dict)
    stopped_by_budget: bool = False
    held_out_pairs: List[Tuple[List[int], List[int], int]] = field(default_factory=list)


def pad(rows: Sequence[List[int]]) -> torch.Tensor:
    width = max(len(row) for row in rows)
    return torch.tensor([row + [PAD_ID] * (width - len(row)) for row in rows], dtype=torch.int64)


def build_encoder(options: NameOptions, vocab_size: int) -> NameEncoder:
    return NameEncoder(
        EncoderShape(
            vocab_size=vocab_size,
            embedding_dim=options.embedding_dim,
            hidden_dim=options.hidden_dim,
            output_dim=options.output_dim,
            dropout=options.dropout,
        )
    )


def split_pairs(pairs, share: float, limit: int, seed: int):
    """A held-out slice of the pairs, by group (code), for the manifest's retrieval metric."""
    groups = sorted({group for _, _, group in pairs})
    random.Random(seed).shuffle(groups)
    held_groups = set(groups[: min(limit, int(len(groups) * share))])
    return [pair for pair in pairs if pair[2] not in held_groups], [pair for pair in pairs if pair[2] in held_groups]


def train(bundle: NameBundle, options: NameOptions, log: Callable[[str], None]) -> TrainingResult:
    torch.manual_seed(options.seed)
    shuffler = random.Random(options.seed)
    model = build_encoder(options, bundle.vocab_size)
    optimizer = torch.optim.AdamW(model.parameters(), lr=options.learning_rate, weight_decay=options.weight_decay)
    training_pairs, held_out = split_pairs(bundle.pairs, options.held_out_share, options.held_out_limit, options.seed)
    # Names from the pairs are texts too: SimCSE sees the workspace's own wording.
    texts = bundle.texts + [pair[0] for pair in training_pairs]
    budget_seconds = None if options.budget_minutes is None else options.budget_minutes * 60
    unsupervised_share = 1.0 if not training_pairs else options.unsupervised_share
    started = time.monotonic()
    result = TrainingResult(model=model, seconds=0.0, held_out_pairs=held_out)
    model.train()

    def run_step(name: str, epochs: int, deadline, batches_of: Callable[[], List], loss_of: Callable) -> None:
        for epoch in range(1, epochs + 1):
            losses = []
            for batch in batches_of():
                if deadline is not None and time.monotonic() > deadline:
                    result.stopped_by_budget = True
                    break
                optimizer.zero_grad()
                loss = loss_of(batch)
                loss.backward()
                optimizer.step()
                losses.append(float(loss))
            mean = sum(losses) / max(1, len(losses))
            log(f"step={name} epoch={epoch}/{epochs} batches={len(losses)} loss={mean:.4f} seconds={time.monotonic() - started:.1f}")
            result.epochs_run[name] = epoch
            if deadline is not None and time.monotonic() > deadline:
                result.stopped_by_budget = True
                return

    def batches(items: List, size: int) -> List[List]:
        # Shuffled, then sorted by length within windows of 32 batches: padding (and the
        # convolution over it) shrinks about threefold on code titles, and every epoch
        # still sees other neighbours in its batches.
        order = list(items)
        shuffler.shuffle(order)
        window = size * 32
        length = (lambda item: len(item[0])) if order and isinstance(order[0], tuple) else len
        for start in range(0, len(order), window):
            order[start:start + window] = sorted(order[start:start + window], key=length)
        # Drop a last batch of one: InfoNCE needs negatives.
        cut = [order[start:start + size] for start in range(0, len(order), size) if len(order) - start > 1]
        shuffler.shuffle(cut)
        return cut

    if texts and options.unsupervised_epochs > 0:
        deadline = None if budget_seconds is None else started + budget_seconds * unsupervised_share
        run_step(
            "unsupervised",
            options.unsupervised_epochs,
            deadline,
            lambda: batches(texts, options.batch_size),
            lambda batch: simcse_loss(model, pad(batch), options.temperature),
        )
    if training_pairs and options.supervised_epochs > 0:
        deadline = None if budget_seconds is None else started + budget_seconds
        run_step(
            "supervised",
            options.supervised_epochs,
            deadline,
            lambda: batches(training_pairs, options.batch_size),
            lambda batch: supervised_loss(
                model,
                pad([pair[0] for pair in batch]),
                pad([pair[1] for pair in batch]),
                torch.tensor([pair[2] for pair in batch], dtype=torch.int64),
                options.temperature,
            ),
        )
    model.eval()
    result.seconds = time.monotonic() - started
    return result


@torch.no_grad()
def encode(model: NameEncoder, rows: List[List[int]], batch_size: int = 512) -> torch.Tensor:
    was_training = model.training
    model.eval()
    vectors = [model(pad(rows[start:start + batch_size])) for start in range(0, len(rows), batch_size)]
    model.train(was_training)
    return torch.cat(vectors) if vectors else torch.zeros((0, model.shape.output_dim))


def pair_retrieval(model: NameEncoder, pairs) -> Dict[str, float]:
    """Held-out names against the distinct held-out titles: recall@1 and @5 of the right group."""
    if not pairs:
        return {}
    titles: Dict[Tuple[int, ...], int] = {}
    for _, title, group in pairs:
        titles.setdefault(tuple(title), group)
    title_rows = [list(title) for title in titles]
    title_groups = torch.tensor(list(titles.values()))
    similarity = encode(model, [pair[0] for pair in pairs]) @ encode(model, title_rows).T
    top = similarity.topk(min(5, len(title_rows)), dim=1).indices
    hits = title_groups[top] == torch.tensor([pair[2] for pair in pairs]).unsqueeze(1)
    return {
        "pairs": len(pairs),
        "titles": len(title_rows),
        "recall_at_1": round(float(hits[:, 0].float().mean()), 4),
        "recall_at_5": round(float(hits.any(dim=1).float().mean()), 4),
    }
