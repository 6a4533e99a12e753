"""The trainer's thread count follows OMP_NUM_THREADS and the CPU affinity, not every core."""

import os
import unittest

from clinicoco_train.cli import training_threads


class TrainingThreadsTest(unittest.TestCase):
    def test_a_positive_omp_num_threads_is_the_count(self):
        self.assertEqual(training_threads({"OMP_NUM_THREADS": "1"}), 1)
        self.assertEqual(training_threads({"OMP_NUM_THREADS": " 3 "}), 3)

    def test_without_a_usable_omp_num_threads_the_affinity_counts(self):
        allowed = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        for environ in ({}, {"OMP_NUM_THREADS": ""}, {"OMP_NUM_THREADS": "0"}, {"OMP_NUM_THREADS": "two"}):
            self.assertEqual(training_threads(environ), allowed, environ)

    @unittest.skipUnless(hasattr(os, "sched_setaffinity"), "no CPU affinity on this OS")
    def test_a_process_pinned_to_one_cpu_gets_one_thread(self):
        before = os.sched_getaffinity(0)
        try:
            os.sched_setaffinity(0, {min(before)})
            self.assertEqual(training_threads({}), 1)
        finally:
            os.sched_setaffinity(0, before)


if __name__ == "__main__":
    unittest.main()
