"""Checkpoint after every epoch, so a stopped run continues where it was (--resume).

The checkpoint lives beside the model bundle folder (OUT.checkpoint.pt), not in it:
the engine expects manifest.json `files` to list every other file of the bundle.
"""

import os
import random
from dataclasses import asdict
from pathlib import Path
from typing import Tuple

import numpy as np
import torch

from .progress import BestModel, Progress

CHECKPOINT_FORMAT_VERSION = 1


def save_checkpoint(path: Path, model, optimizer, progress: Progress, sampler: np.random.Generator) -> None:
    state = {
        "formatVersion": CHECKPOINT_FORMAT_VERSION,
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "progress": asdict(progress),
        "rng": {
            "sampler": sampler.bit_generator.state,
            "torch": torch.get_rng_state(),
            "numpy": np.random.get_state(),
            "python": random.getstate(),
        },
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write then rename: a run killed mid-write must not leave a truncated checkpoint.
    partial = path.with_name(path.name + ".partial")
    torch.save(state, partial)
    os.replace(partial, path)


def load_checkpoint(path: Path, model, optimizer) -> Tuple[Progress, np.random.Generator]:
    if not path.exists():
        raise FileNotFoundError(f"{path}: no checkpoint to resume from")
    state = torch.load(path)
    if state.get("formatVersion") != CHECKPOINT_FORMAT_VERSION:
        raise ValueError(f"{path}: checkpoint format {state.get('formatVersion')!r} is not {CHECKPOINT_FORMAT_VERSION}")
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    saved = state["progress"]
    progress = Progress(**{**saved, "best": BestModel(**saved["best"])})
    sampler = np.random.default_rng()
    sampler.bit_generator.state = state["rng"]["sampler"]
    torch.set_rng_state(state["rng"]["torch"])
    np.random.set_state(state["rng"]["numpy"])
    random.setstate(state["rng"]["python"])
    return progress, sampler
