"""The training loop: steps and epochs, model selection on dev, time budget, checkpoints."""

import copy
import random
import time
from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np
import torch

from .batching import EncodedRecords, training_batch_count, training_batches
from .training_bundle import CLS_ID, Record, TrainingBundle
from .checkpoint import load_checkpoint, save_checkpoint
from .evaluation import frequent_codes, predict, score
from .knn_mix import KNN_DEFAULTS, KnnMix, choose_knn_mix, knn_probabilities
from .metrics import best_micro_f1_threshold
from .model import DocumentModel, ModelShape
from .options import TrainingOptions
from .progress import THRESHOLD_WITHOUT_DEV, BestModel, Progress, ProgressReporter
from .raw_basis import fit_raw_basis, raw_token_space_dim
from .steps import plan_steps
from .wide_fit import fit_bag_of_tokens, fits_bag_of_tokens, freeze_bag_of_tokens

@dataclass
class TrainingResult:
    model: DocumentModel
    threshold: float  # for the probabilities the engine shows: the model mixed with kNN at knn_mix.weight
    knn_mix: KnnMix
    progress: Progress
    stopped_by_budget: bool


def seed_everything(seed: int) -> np.random.Generator:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    # Every op used here has a deterministic CPU kernel; this makes a future
    # non-deterministic one fail loudly instead of silently breaking --seed.
    torch.use_deterministic_algorithms(True)
    return np.random.default_rng(seed)


def build_model(bundle: TrainingBundle, options: TrainingOptions) -> DocumentModel:
    shape = ModelShape(
        vocab_size=bundle.vocab_size,
        label_count=len(bundle.codes),
        embedding_dim=options.embedding_dim,
        hidden_dim=options.hidden_dim,
        cnn_layers=options.cnn_layers,
        cnn_kernel=options.cnn_kernel,
        ggnn_layers=options.ggnn_layers,
        graph_window=options.graph_window,
        dropout=options.dropout,
        wide_dim=options.wide_dim,
        retrieval_dim=raw_token_space_dim(bundle, options),
    )
    model = DocumentModel(shape)
    model.initialise_label_bias(label_frequency(bundle))
    if model.bag_of_tokens is not None:
        model.bag_of_tokens.inverse_document_frequency.copy_(inverse_document_frequency(bundle))
    if options.title_queries:
        model.initialise_label_queries([code.title_tokens for code in bundle.codes])
    return model


def label_frequency(bundle: TrainingBundle) -> torch.Tensor:
    """Share of labelled training records (clean + noisy) holding each code, smoothed by half a record."""
    labelled = bundle.split("clean") + bundle.split("noisy")
    counts = torch.zeros(len(bundle.codes))
    for record in labelled:
        counts[record.labels] += 1.0
    return (counts + 0.5) / (len(labelled) + 1.0)


def inverse_document_frequency(bundle: TrainingBundle) -> torch.Tensor:
    """Smoothed idf over the training documents (raw + noisy + clean): log((N+1)/(df+1)) + 1."""
    document_frequency = np.zeros(bundle.vocab_size, dtype=np.float64)
    documents = [record for split in ("raw", "noisy", "clean") for record in bundle.split(split)]
    for record in documents:
        document_frequency[np.unique(record.tokens)] += 1.0
    idf = np.log((len(documents) + 1.0) / (document_frequency + 1.0)) + 1.0
    return torch.from_numpy(idf.astype(np.float32))


# The network's weight in the logits beside a fitted bag-of-tokens path (wide_fit.py).
DEEP_WEIGHTS = (0.0, 0.25, 0.5, 1.0)


class StepOptimizers:
    """Adam for the network; SGD with momentum for the bag-of-tokens path, when there is one.

    The bag-of-tokens path is a logistic regression on sparse TF-IDF vectors. Adam
    gives a token seen in two records as large a step as a common one, and so fits
    the rare tokens of 500 records: alone on CodiEsp dev (top 50 codes, 12 epochs) it
    reached micro-F1 0.34 (rank 256) and 0.31 (full rank) with Adam, 0.43 full rank
    with SGD (lr 1, momentum 0.9), beside 0.46 for a converged TF-IDF logistic
    regression (L-BFGS, L2 1e-5) on the same tokens.
    """

    def __init__(self, model: DocumentModel, options: TrainingOptions):
        wide = list(model.bag_of_tokens.parameters()) if model.bag_of_tokens is not None else []
        wide_ids = {id(parameter) for parameter in wide}
        network = [parameter for parameter in model.parameters() if id(parameter) not in wide_ids]
        self.optimizers = [torch.optim.Adam(network, lr=options.learning_rate, weight_decay=options.weight_decay)]
        # A path fitted by wide_fit.py is never stepped.
        if wide and not fits_bag_of_tokens(model, options):
            self.optimizers.append(torch.optim.SGD(wide, lr=options.wide_learning_rate, momentum=0.9))

    def zero_grad(self) -> None:
        for optimizer in self.optimizers:
            optimizer.zero_grad()

    def step(self) -> None:
        for optimizer in self.optimizers:
            optimizer.step()

    def state_dict(self) -> dict:
        return {"optimizers": [optimizer.state_dict() for optimizer in self.optimizers]}

    def load_state_dict(self, state: dict) -> None:
        for optimizer, optimizer_state in zip(self.optimizers, state["optimizers"]):
            optimizer.load_state_dict(optimizer_state)


def make_optimizer(model: DocumentModel, options: TrainingOptions) -> StepOptimizers:
    return StepOptimizers(model, options)


class Budget:
    """Wall-clock limits of one invocation: the whole run, and what steps 1-2 may use of it.

    Without the shares, a small budget was spent entirely on step 1 (2,751 raw
    records) and the exported model had never seen a label. With them, steps before
    `clean` end early (mid-epoch) once their cumulative share is spent.
    """

    PRE_CLEAN_SHARE = {"raw": 0.3, "noisy": 0.15}

    def __init__(self, minutes: Optional[float], step_names: list, already_spent: float = 0.0):
        # A resumed run continues the budget of the runs before it: the budget is the training's, not one invocation's.
        self.started = time.monotonic() - already_spent
        self.seconds = minutes * 60.0 if minutes is not None else None
        self.step_deadlines = []
        share = 0.0
        for name in step_names:
            share += self.PRE_CLEAN_SHARE.get(name, 1.0)
            self.step_deadlines.append(min(share, 1.0))

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def spent(self) -> bool:
        return self.seconds is not None and self.elapsed() > self.seconds

    def step_spent(self, step_index: int) -> bool:
        return self.seconds is not None and self.elapsed() > self.seconds * self.step_deadlines[step_index]


def train(bundle: TrainingBundle, options: TrainingOptions, log: Callable[[str], None] = print) -> TrainingResult:
    sampler = seed_everything(options.seed)
    model = build_model(bundle, options)
    steps = plan_steps(bundle, options, log)
    max_tokens = options.max_tokens or bundle.max_tokens
    train_tokens = options.train_tokens or max_tokens
    code_count = len(bundle.codes)
    dev = EncodedRecords.of(bundle.split("dev"))
    frequent = frequent_codes(bundle)
    optimizer = make_optimizer(model, options)
    progress = Progress()
    if options.resume:
        progress, sampler = load_checkpoint(options.checkpoint, model, optimizer)
        log(f"resumed from {options.checkpoint}: step {progress.step_index + 1}/{len(steps)}, "
            f"{progress.epochs_done_in_step} epochs done in it, {progress.seconds:.0f} s of the budget spent")
    budget = Budget(options.budget_minutes, [step.name for step in steps], progress.seconds)
    reporter = ProgressReporter(log if options.progress_json else None, [step.name for step in steps], budget.seconds)

    model.train()
    stopped_by_budget = False
    while progress.step_index < len(steps) and not stopped_by_budget:
        step = steps[progress.step_index]
        if step.name == "clean" and fits_bag_of_tokens(model, options):
            if progress.epochs_done_in_step == 0:
                reporter.report("fitting", budget.elapsed(), progress.best, step=step.name, epochs=step.epochs)
                regression = regression_records(bundle, step.records, options)
                basis = raw_token_space(model, bundle, options, max_tokens, log)
                fit_bag_of_tokens(
                    model, regression.records, max_tokens, options.wide_fit_l2, log, regression.weights, basis, options.raw_basis_l2
                )
                start = select_model(model, progress.best, dev, frequent, code_count, max_tokens, options, step.name, 0)
                log(f"clean step starts from the fitted bag-of-tokens path (network not yet trained on codes): "
                    f"dev micro-F1 {start.get('micro_f1', float('nan')):.4f}")
            freeze_bag_of_tokens(model)  # no gradients computed for its [vocabulary × codes] table
        while progress.epochs_done_in_step < step.epochs:
            epoch = progress.epochs_done_in_step + 1
            epoch_started = time.monotonic()
            losses = []
            interrupted = False
            batches = training_batch_count(len(step.records), options.batch_size)
            last_dev = progress.history[-1].get("dev_micro_f1") if progress.history else None
            for batch_number, batch in enumerate(training_batches(step.records, options.batch_size, code_count, train_tokens, sampler), 1):
                optimizer.zero_grad()
                loss = step.loss(model, batch)
                loss.backward()
                optimizer.step()
                losses.append(float(loss))
                if batch_number < batches:  # the epoch's end is reported after its dev score
                    reporter.report("training", budget.elapsed(), progress.best, last_dev,
                                    step=step.name, epoch=epoch, epochs=step.epochs, batch=batch_number, batches=batches)
                if budget.spent() or budget.step_spent(progress.step_index):
                    interrupted = True
                    break
            if interrupted and budget.spent():
                log(f"step={step.name} epoch={epoch}/{step.epochs} stopped: the {options.budget_minutes} minute budget is spent")
                stopped_by_budget = True
                break
            if interrupted:
                log(f"step={step.name} epoch={epoch}/{step.epochs} stopped: this step's share of the budget is spent; "
                    "going on to the next step")
                progress.epochs_done_in_step = step.epochs
                save_checkpoint(options.checkpoint, model, optimizer, progress, sampler)
                break
            dev_scores = {}
            if step.name == "clean":
                dev_scores = select_model(model, progress.best, dev, frequent, code_count, max_tokens, options, step.name, epoch)
            progress.epochs_done_in_step = epoch
            progress.epochs_run[step.name] = epoch
            progress.seconds = budget.elapsed()
            entry = {
                "step": step.name,
                "epoch": epoch,
                "loss": float(np.mean(losses)) if losses else float("nan"),
                "dev_micro_f1": dev_scores.get("micro_f1"),
                "dev_top_micro_f1": dev_scores.get(f"top{len(frequent)}_micro_f1"),
                "dev_top_best_micro_f1": dev_scores.get(f"top{len(frequent)}_best_micro_f1"),
                "deep_weight": dev_scores.get("deep_weight"),
                "seconds": time.monotonic() - epoch_started,
            }
            progress.history.append(entry)
            log(format_epoch(entry, step.epochs))
            save_checkpoint(options.checkpoint, model, optimizer, progress, sampler)
            reporter.report("training", budget.elapsed(), progress.best, entry["dev_micro_f1"],
                            step=step.name, epoch=epoch, epochs=step.epochs, batch=batches, batches=batches)
        if stopped_by_budget:
            break
        progress.step_index += 1
        progress.epochs_done_in_step = 0
        if progress.step_index < len(steps):
            # A fresh optimizer per step: each step has its own objective, and Adam's
            # moments from the previous one would only steer the first updates astray.
            optimizer = make_optimizer(model, options)

    progress.seconds = budget.elapsed()
    reporter.report("selecting", budget.elapsed(), progress.best)
    threshold = finish_selection(model, progress.best, dev, code_count, max_tokens, options, log)
    knn_mix = select_knn_mix(model, bundle, dev, code_count, max_tokens, options, threshold, log)
    return TrainingResult(model, knn_mix.threshold, knn_mix, progress, stopped_by_budget)


def raw_token_space(
    model: DocumentModel, bundle: TrainingBundle, options: TrainingOptions, max_tokens: int, log: Callable[[str], None]
) -> Optional[torch.Tensor]:
    """Step 1's token space (raw_basis.py), for the regression and as the document embedding; none with --no-raw."""
    if not options.use_raw_step:
        return None
    raw = EncodedRecords.of(bundle.split("raw"))
    basis = fit_raw_basis(model, raw, options.raw_basis_dim, max_tokens, options.seed, log)
    if basis is not None:
        model.set_raw_token_space(basis)
    return basis


@dataclass
class RegressionRecords:
    """What the bag-of-tokens path is fitted on, and each document's weight in the fit."""

    records: EncodedRecords
    weights: list


def regression_records(bundle: TrainingBundle, clean: EncodedRecords, options: TrainingOptions) -> RegressionRecords:
    """The clean records and, unless step 2 is off, the noisy ones; plus their names documents.

    The noisy labels are the regression's share of step 2: on CodiEsp (CliniCoCo
    setting: 129 clean, 359 noisy records) the regression alone reached dev micro-F1
    0.217 (top 50: 0.323) fitted on the clean records, 0.298 (0.427) with the noisy ones.

    A labelled record's diagnosis names are a second, short document for the same
    codes: the words a clinician wrote for exactly those diagnoses, without the rest
    of the record around them (name_documents).
    """
    labelled = bundle.split("clean") + (bundle.split("noisy") if options.use_noisy_step else [])
    records = clean.concatenate(EncodedRecords.of(bundle.split("noisy"))) if options.use_noisy_step else clean
    weights = [1.0] * len(records)
    if options.name_document_weight > 0:
        documents = name_documents(labelled)
        records = records.concatenate(documents)
        weights += [options.name_document_weight] * len(documents)
    return RegressionRecords(records, weights)


def name_documents(records: list) -> EncodedRecords:
    """One document per labelled record that has names: [CLS] and its names' tokens, with the record's codes.

    CodiEsp dev, regression alone, top-50 micro-F1 at its best threshold, without these
    documents → with them weighing 6 (L2 3e-6; the grid is in models/README.md):
    free text (names: the training records' evidence mentions) 0.458 → 0.572; CliniCoCo
    setting (names with 30 % simulated errors) 0.427 → 0.544.
    """
    documents = []
    for record in records:
        tokens = [token for name in record.names for token in name]
        if tokens and record.labels:
            documents.append(Record(f"{record.id}#names", record.split, [CLS_ID] + tokens, record.labels))
    return EncodedRecords.of(documents)


def select_model(
    model: DocumentModel,
    best: BestModel,
    dev: EncodedRecords,
    frequent: list,
    code_count: int,
    max_tokens: int,
    options: TrainingOptions,
    step_name: str,
    epoch: int,
) -> dict:
    """Scores the model on dev (at dev's best threshold) and keeps it if its micro-F1 beats the best so far.

    With a fitted bag-of-tokens path, the network's weight in the logits is chosen here
    too (DEEP_WEIGHTS), and the scores returned are those of the best weight.
    """
    if len(dev) == 0:
        return {}
    predictions = predict(model, dev, code_count, max_tokens, options.evaluation_batch_size)
    weights = DEEP_WEIGHTS if fits_bag_of_tokens(model, options) else (float(model.deep_weight),)
    candidates = []
    for weight in weights:
        if predictions.wide_logits is not None:
            logits = weight * predictions.network_logits + predictions.wide_logits
            predictions.probabilities = 1.0 / (1.0 + np.exp(-logits))
        threshold = best_micro_f1_threshold(predictions.probabilities, predictions.gold)
        candidates.append((score(predictions, threshold, frequent), weight, threshold))
    scores, weight, threshold = max(candidates, key=lambda candidate: candidate[0]["micro_f1"])
    micro_f1 = scores["micro_f1"]
    if micro_f1 > best.dev_micro_f1:
        best.state = copy.deepcopy(model.state_dict())
        best.state["deep_weight"] = torch.tensor(weight)
        best.dev_micro_f1 = micro_f1
        best.threshold = threshold
        best.step = step_name
        best.epoch = epoch
    return scores | {"deep_weight": weight}


def finish_selection(
    model: DocumentModel,
    best: BestModel,
    dev: EncodedRecords,
    code_count: int,
    max_tokens: int,
    options: TrainingOptions,
    log: Callable[[str], None],
) -> float:
    """Loads the selected weights into `model` and returns the decision threshold."""
    if best.state is not None:
        model.load_state_dict(best.state)
        log(f"selected step={best.step} epoch={best.epoch}: dev micro-F1 {best.dev_micro_f1:.4f} "
            f"at threshold {best.threshold:.4f}, network weight {float(best.state['deep_weight']):g}")
        return best.threshold
    if len(dev) > 0:
        # Training stopped before any clean epoch finished: score what there is.
        predictions = predict(model, dev, code_count, max_tokens, options.evaluation_batch_size)
        threshold = best_micro_f1_threshold(predictions.probabilities, predictions.gold)
        log(f"no clean epoch completed: exporting the last weights (threshold {threshold:.4f} on dev)")
        return threshold
    log(f"no dev split: exporting the last epoch with threshold {THRESHOLD_WITHOUT_DEV}")
    return THRESHOLD_WITHOUT_DEV


def select_knn_mix(
    model: DocumentModel,
    bundle: TrainingBundle,
    dev: EncodedRecords,
    code_count: int,
    max_tokens: int,
    options: TrainingOptions,
    model_threshold: float,
    log: Callable[[str], None],
) -> KnnMix:
    """λ for the engine's kNN mix, chosen on dev with the clean split as the datastore (knn_mix.py)."""
    k, tau = KNN_DEFAULTS["k"], KNN_DEFAULTS["tau"]
    clean = EncodedRecords.of(bundle.split("clean"))
    if len(dev) == 0 or len(clean) == 0:
        log(f"kNN mix: lambda {KNN_DEFAULTS['lambda']} (the paper's; no dev or clean records to choose it on)")
        return KnnMix(k, tau, KNN_DEFAULTS["lambda"], model_threshold)
    store = predict(model, clean, code_count, max_tokens, options.evaluation_batch_size)
    queries = predict(model, dev, code_count, max_tokens, options.evaluation_batch_size)
    neighbours = knn_probabilities(store.embeddings, store.gold, queries.embeddings, k, tau)
    mix = choose_knn_mix(queries.probabilities, neighbours, queries.gold, k, tau)
    log("kNN mix on dev (micro-F1 by lambda): "
        + " ".join(f"{weight:g}:{f1:.4f}" for weight, f1 in mix.dev_micro_f1_by_weight.items())
        + f" -> lambda {mix.weight:g}, threshold {mix.threshold:.4f}")
    return mix


def format_epoch(entry: dict, epochs: int) -> str:
    def number(value) -> str:
        return "n/a" if value is None else f"{value:.4f}"

    return (
        f"step={entry['step']} epoch={entry['epoch']}/{epochs} loss={entry['loss']:.4f} "
        f"dev_micro_f1={number(entry['dev_micro_f1'])} dev_top_codes_micro_f1={number(entry['dev_top_micro_f1'])} "
        f"dev_top_codes_best_micro_f1={number(entry['dev_top_best_micro_f1'])} "
        + (f"deep_weight={entry['deep_weight']:g} " if entry.get("deep_weight") is not None else "")
        + f"seconds={entry['seconds']:.1f}"
    )
