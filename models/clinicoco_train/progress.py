"""Where a training run stands: what the checkpoint stores and the manifest reports."""

from dataclasses import dataclass, field
from typing import Dict, List, Optional

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
