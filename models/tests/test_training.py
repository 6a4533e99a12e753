"""Training: determinism under --seed, resuming, the time budget, and skipped steps."""

import json
import unittest

import torch

from clinicoco_train.progress import PROGRESS_PREFIX
from clinicoco_train.training_bundle import read_training_bundle
from clinicoco_train.training import Budget, build_model, make_optimizer, train

from .training_fixture import TrainingFixture

FEW_EPOCHS = ["--raw-epochs", "1", "--noisy-epochs", "1", "--clean-epochs", "2"]


def silent(_line: str) -> None:
    pass


def weights(model) -> dict:
    return {name: tensor.clone() for name, tensor in model.state_dict().items()}


def same_weights(first: dict, second: dict) -> bool:
    return first.keys() == second.keys() and all(torch.equal(first[name], second[name]) for name in first)


class TrainingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.fixture = TrainingFixture()
        cls.bundle = read_training_bundle(cls.fixture.bundle_dir)

    @classmethod
    def tearDownClass(cls):
        cls.fixture.cleanup()

    def run_training(self, *arguments: str, out_name: str = "model", log=silent):
        return train(self.bundle, self.fixture.options(*FEW_EPOCHS, *arguments, out_name=out_name), log)

    def test_same_seed_gives_identical_weights(self):
        first = weights(self.run_training("--seed", "5", out_name="a").model)
        second = weights(self.run_training("--seed", "5", out_name="b").model)
        self.assertTrue(same_weights(first, second))

    def test_another_seed_gives_other_weights(self):
        first = weights(self.run_training("--seed", "5", out_name="a").model)
        second = weights(self.run_training("--seed", "6", out_name="b").model)
        self.assertFalse(same_weights(first, second))

    def test_resuming_after_an_epoch_ends_where_an_uninterrupted_run_ends(self):
        # The checkpoints hold each run's last weights (the exported model is the best
        # epoch on dev, which would hide a difference in later epochs).
        straight = self.run_training("--clean-epochs", "3", out_name="straight")
        self.run_training("--clean-epochs", "1", out_name="resumed")
        resumed = self.run_training("--clean-epochs", "3", "--resume", out_name="resumed")
        straight_state = torch.load(self.fixture.root / "straight.checkpoint.pt")["model"]
        resumed_state = torch.load(self.fixture.root / "resumed.checkpoint.pt")["model"]
        self.assertTrue(same_weights(straight_state, resumed_state))
        self.assertEqual(resumed.progress.epochs_run, {"raw": 1, "noisy": 1, "clean": 3})
        self.assertEqual(straight.threshold, resumed.threshold)

    def test_a_spent_budget_stops_at_once_and_still_returns_a_model(self):
        lines = []
        result = self.run_training("--budget-minutes", "0", log=lines.append)
        self.assertTrue(result.stopped_by_budget)
        self.assertEqual(result.progress.epochs_run, {})
        self.assertTrue(any("budget is spent" in line for line in lines))

    def test_a_fitted_bag_of_tokens_path_gets_no_optimizer(self):
        options = self.fixture.options()
        model = build_model(self.bundle, options)
        (adam,) = make_optimizer(model, options).optimizers
        wide = {id(parameter) for parameter in model.bag_of_tokens.parameters()}
        self.assertEqual(len(adam.param_groups[0]["params"]) + len(wide), len(list(model.parameters())))
        self.assertFalse(wide & {id(parameter) for parameter in adam.param_groups[0]["params"]})

    def test_with_no_wide_fit_the_bag_of_tokens_path_is_stepped_by_sgd_and_the_network_by_adam(self):
        options = self.fixture.options("--no-wide-fit")
        model = build_model(self.bundle, options)
        adam, sgd = make_optimizer(model, options).optimizers
        wide = {id(parameter) for parameter in model.bag_of_tokens.parameters()}
        self.assertIsInstance(adam, torch.optim.Adam)
        self.assertIsInstance(sgd, torch.optim.SGD)
        self.assertEqual({id(parameter) for parameter in sgd.param_groups[0]["params"]}, wide)
        self.assertEqual(len(adam.param_groups[0]["params"]) + len(wide), len(list(model.parameters())))
        self.assertEqual((adam.defaults["lr"], sgd.defaults["lr"]), (3e-3, 1.0))

    def test_without_the_bag_of_tokens_path_there_is_adam_only(self):
        options = self.fixture.options("--wide-dim", "0")
        self.assertEqual(len(make_optimizer(build_model(self.bundle, options), options).optimizers), 1)

    def test_ablation_flags_skip_their_steps_with_a_note(self):
        lines = []
        result = self.run_training("--no-raw", "--no-noisy", log=lines.append)
        self.assertEqual(result.progress.epochs_run, {"clean": 2})
        self.assertIn("note: step raw skipped (--no-raw)", lines)
        self.assertIn("note: step noisy skipped (--no-noisy)", lines)

    def test_each_epoch_prints_one_progress_line(self):
        lines = []
        self.run_training(log=lines.append)
        progress = [line for line in lines if line.startswith("step=")]
        self.assertEqual(len(progress), 4)
        self.assertRegex(progress[0], r"^step=raw epoch=1/1 loss=\d+\.\d{4} dev_micro_f1=n/a .* seconds=\d+\.\d$")
        self.assertRegex(progress[-1], r"^step=clean epoch=2/2 loss=\d+\.\d{4} dev_micro_f1=0\.\d{4} ")

    def test_progress_json_gives_machine_readable_events_for_every_epoch_and_the_selection(self):
        lines = []
        self.run_training("--progress-json", log=lines.append)
        events = [json.loads(line[len(PROGRESS_PREFIX):]) for line in lines if line.startswith(PROGRESS_PREFIX)]
        epoch_ends = [event for event in events if event["phase"] == "training" and event["batch"] == event["batches"]]
        self.assertEqual([(event["step"], event["epoch"]) for event in epoch_ends], [("raw", 1), ("noisy", 1), ("clean", 1), ("clean", 2)])
        self.assertEqual(epoch_ends[0]["steps"], ["raw", "noisy", "clean"])
        self.assertGreater(epoch_ends[0]["batches"], 0)
        self.assertIsNone(epoch_ends[0]["devMicroF1"])
        self.assertIsInstance(epoch_ends[-1]["devMicroF1"], float)
        self.assertGreaterEqual(epoch_ends[-1]["bestDevMicroF1"], epoch_ends[-1]["devMicroF1"])
        self.assertEqual([event["phase"] for event in events if event["phase"] != "training"], ["fitting", "selecting"])
        elapsed = [event["elapsedSeconds"] for event in events]
        self.assertEqual(elapsed, sorted(elapsed))
        # Without the flag, no event line: the human log stays as it was.
        quiet = []
        self.run_training(log=quiet.append)
        self.assertFalse(any(line.startswith(PROGRESS_PREFIX) for line in quiet))

    def test_zero_clean_epochs_exports_the_fitted_regression_alone(self):
        lines = []
        result = self.run_training("--clean-epochs", "0", "--no-raw", "--no-noisy", log=lines.append)
        self.assertIn("note: step clean fits the bag-of-tokens regression only (0 network epochs)", lines)
        self.assertEqual(result.progress.epochs_run, {})
        self.assertEqual((result.progress.best.step, result.progress.best.epoch), ("clean", 0))
        self.assertEqual(float(result.model.deep_weight), 0.0)
        self.assertGreater(result.progress.best.dev_micro_f1, 0.5)

    def test_a_resumed_run_continues_the_budget_of_the_run_it_resumes(self):
        self.run_training("--clean-epochs", "1", out_name="budgeted")
        checkpoint = self.fixture.root / "budgeted.checkpoint.pt"
        state = torch.load(checkpoint)
        # As if the first run had used 10 minutes: a 10-minute budget is then spent at once.
        state["progress"]["seconds"] = 600.0
        torch.save(state, checkpoint)
        lines = []
        result = self.run_training("--clean-epochs", "3", "--resume", "--budget-minutes", "10", out_name="budgeted", log=lines.append)
        self.assertTrue(result.stopped_by_budget)
        self.assertEqual(result.progress.epochs_run["clean"], 1)
        self.assertTrue(any("600 s of the budget spent" in line for line in lines))


class BudgetTest(unittest.TestCase):
    def test_time_already_spent_by_resumed_runs_counts(self):
        self.assertTrue(Budget(1, ["clean"], already_spent=61).spent())
        self.assertFalse(Budget(2, ["clean"], already_spent=61).spent())
        self.assertGreaterEqual(Budget(None, ["clean"], already_spent=5).elapsed(), 5)

    def test_steps_before_clean_get_cumulative_shares_and_clean_the_rest(self):
        for deadline, expected in zip(Budget(10, ["raw", "noisy", "clean"]).step_deadlines, [0.3, 0.45, 1.0]):
            self.assertAlmostEqual(deadline, expected)
        self.assertEqual(Budget(10, ["noisy", "clean"]).step_deadlines, [0.15, 1.0])

    def test_without_minutes_nothing_is_ever_spent(self):
        budget = Budget(None, ["raw", "clean"])
        self.assertFalse(budget.spent())
        self.assertFalse(budget.step_spent(0))

    def test_a_zero_budget_is_spent_at_once(self):
        budget = Budget(0, ["raw", "clean"])
        self.assertTrue(budget.spent())
        self.assertTrue(budget.step_spent(0))


class EmptySplitTest(unittest.TestCase):
    def test_a_step_without_records_is_skipped_with_a_note(self):
        fixture = TrainingFixture(split_sizes={"raw": 0, "noisy": 0, "clean": 20, "dev": 8})
        try:
            lines = []
            result = train(read_training_bundle(fixture.bundle_dir), fixture.options(*FEW_EPOCHS), lines.append)
            self.assertIn("note: step noisy skipped (the bundle has no records for it)", lines)
            # Step 1 still runs on the clean records (raw + noisy + clean).
            self.assertEqual(result.progress.epochs_run, {"raw": 1, "clean": 2})
        finally:
            fixture.cleanup()


if __name__ == "__main__":
    unittest.main()
