"""Shared set-up for tests that train: a synthetic bundle and toy-sized options."""

import tempfile
from pathlib import Path

from clinicoco_train.options import parse_options

from .synthetic_training_bundle import write_synthetic_bundle


class TrainingFixture:
    """A temporary folder holding a synthetic training bundle; call cleanup() when done."""

    def __init__(self, **bundle_arguments):
        self._folder = tempfile.TemporaryDirectory(prefix="clinicoco-train-test-")
        self.root = Path(self._folder.name)
        self.bundle_dir = write_synthetic_bundle(self.root / "bundle", **bundle_arguments)

    def options(self, *extra: str, out_name: str = "model"):
        return parse_options(
            ["--bundle", str(self.bundle_dir), "--out", str(self.root / out_name), "--tiny", *extra]
        )

    def cleanup(self) -> None:
        self._folder.cleanup()
