#!/usr/bin/python3
"""How often numpy's float32 power differs from the correctly rounded one on ExponentialDecay's
pipeline: the README's example (initial_learning_rate 0.1, decay_steps 100000, decay_rate 0.96,
steps 0 to 999,999), computed by lrdecay's CLI (dist/cli.js: run `npm run build` first) and by numpy
operation by operation as Keras computes it in float32:

    p = f32(step) / f32(decay_steps);  rate = f32(initial_learning_rate) * power(f32(decay_rate), p)

Every operation but the power is a single IEEE operation in both, so the values that differ come
from the powers numpy does not round correctly. Prints the count, the share and the largest
difference in ulps, for the rates and, with initial_learning_rate 1 (rate = power exactly), for the
powers themselves. Run with Debian's Python and numpy (apt-get install python3-numpy):

    /usr/bin/python3 scripts/measure-numpy.py
"""
import os
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INITIAL_LEARNING_RATE, DECAY_STEPS, DECAY_RATE, STEPS = "0.1", "100000", "0.96", 1_000_000


def lrdecay_values(initial_learning_rate: str) -> np.ndarray:
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "schedule.npy")
        subprocess.run(
            ["node", os.path.join(ROOT, "dist", "cli.js"), "--initial-learning-rate", initial_learning_rate,
             "--decay-steps", DECAY_STEPS, "--decay-rate", DECAY_RATE, "--steps", str(STEPS), "--out", out],
            check=True, stdout=subprocess.DEVNULL)
        return np.load(out)


def numpy_values(initial_learning_rate: str) -> np.ndarray:
    step = np.arange(STEPS, dtype=np.float32)  # exact: every step is below 2^24
    p = step / np.float32(DECAY_STEPS)
    return np.float32(initial_learning_rate) * np.power(np.float32(DECAY_RATE), p)


def compare(initial_learning_rate: str, what: str) -> None:
    ours, theirs = lrdecay_values(initial_learning_rate), numpy_values(initial_learning_rate)
    assert ours.dtype == np.float32 and theirs.dtype == np.float32 and ours.shape == theirs.shape == (STEPS,)
    # Positive finite float32s: the distance in ulps is the distance between their bit patterns.
    ulps = np.abs(ours.view(np.int32).astype(np.int64) - theirs.view(np.int32).astype(np.int64))
    differ = int(np.count_nonzero(ulps))
    print(f"ExponentialDecay({initial_learning_rate}, {DECAY_STEPS}, {DECAY_RATE}), {what}: {differ:,} of {STEPS:,} "
          f"differ from lrdecay's correctly rounded pipeline ({100 * differ / STEPS:.1f}%), by at most {int(ulps.max())} ulp")


def main() -> None:
    print(f"numpy {np.__version__} (Python {sys.version.split()[0]}), float32 np.power, steps 0 .. {STEPS - 1:,}:")
    compare(INITIAL_LEARNING_RATE, "the rates (the README's example)")
    compare("1", "the powers alone (rate = 1 * power)")


if __name__ == "__main__":
    main()
