"""Where a training run stands: what the checkpoint stores, the manifest reports, and the app shows."""

import json
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

import torch

# Without a dev split there is nothing to pick a threshold on; 0.5 is the
# probability at which BCE is indifferent.
THRESHOLD_WITHOUT_DEV = 0.5


@dataclass
class BestModel:
    """The model state chosen so far (highest dev micro-F1 at its best threshold)."""

    state: Optional[Dict[str, torch.Tensor]] = None
    dev_micro_f1: float = -1.0
    threshold: float = THRESHOLD_WITHOUT_DEV
    step: Optional[str] = None
    epoch: int = 0


@dataclass
class Progress:
    step_index: int = 0
    epochs_done_in_step: int = 0
    epochs_run: Dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    best: BestModel = field(default_factory=BestModel)
    history: List[dict] = field(default_factory=list)


# The engine reads lines starting with this as JSON progress events (engine/jobs):
# the training job's progress bar, time left and dev F1 so far come from them.
PROGRESS_PREFIX = "@progress "
# Batch events at most this often: enough for a progress bar, not a flood of lines.
BATCH_EVENT_SECONDS = 2.0


class ProgressReporter:
    """Machine-readable progress (`--progress-json`): one JSON line per event, batch events throttled.

    Fields: phase (training | fitting | selecting | exporting | done), step, steps (the
    step names in order), epoch, epochs, batch, batches, elapsedSeconds (this run and
    the runs it resumes), budgetSeconds (null: no budget), devMicroF1 (the last clean
    epoch's), bestDevMicroF1.
    """

    def __init__(self, emit: Optional[Callable[[str], None]], steps: List[str], budget_seconds: Optional[float], clock=time.monotonic):
        self.emit = emit
        self.steps = steps
        self.budget_seconds = budget_seconds
        self.clock = clock
        self.last_batch_event = float("-inf")

    def report(self, phase: str, elapsed: float, best: "BestModel", dev_micro_f1: Optional[float] = None, *,
               step: Optional[str] = None, epoch: int = 0, epochs: int = 0, batch: int = 0, batches: int = 0) -> None:
        if self.emit is None:
            return
        if phase == "training" and 0 < batch < batches:
            now = self.clock()
            if now - self.last_batch_event < BATCH_EVENT_SECONDS:
                return
            self.last_batch_event = now
        event = {
            "phase": phase,
            "step": step,
            "steps": self.steps,
            "epoch": epoch,
            "epochs": epochs,
            "batch": batch,
            "batches": batches,
            "elapsedSeconds": round(elapsed, 1),
            "budgetSeconds": self.budget_seconds,
            "devMicroF1": None if dev_micro_f1 is None else round(float(dev_micro_f1), 4),
            "bestDevMicroF1": None if best.dev_micro_f1 < 0 else round(float(best.dev_micro_f1), 4),
        }
        self.emit(PROGRESS_PREFIX + json.dumps(event))
