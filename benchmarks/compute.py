"""The lesson-01 MLP (784-128-10, batch 32) against this CPU's float32 matmul speed, for benchmarks/run.py.

    python benchmarks/compute.py   # prints JSON: GFLOP/s, one epoch's GFLOP, seconds per epoch per compile

Runs in a child process of run.py, with the course's start-up settings (the lessons' imports cell).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import keras  # noqa: E402
import tensorflow as tf  # noqa: E402

from helpers import data  # noqa: E402

EPOCHS = 5


def matmul_gflops() -> float:
    """The best float32 matmul speed over 1024², 2048² and 4096² (TensorFlow, 5 products a try)."""
    best = 0.0
    for n in (1024, 2048, 4096):
        a, b = tf.random.normal((n, n)), tf.random.normal((n, n))
        product = tf.function(lambda a, b: tf.matmul(a, b))
        product(a, b).numpy()
        for _ in range(3):
            start = time.perf_counter()
            for _ in range(5):
                r = product(a, b)
            r.numpy()
            best = max(best, 2 * n**3 * 5 / (time.perf_counter() - start) / 1e9)
    return best


class Clock(keras.callbacks.Callback):
    """The seconds of every epoch."""

    def __init__(self) -> None:
        super().__init__()
        self.seconds: list[float] = []

    def on_epoch_begin(self, epoch, logs=None):
        self.start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.seconds.append(time.perf_counter() - self.start)


def main() -> None:
    (x, y), _ = data.load_fashion_mnist()
    x = x.astype("float32") / 255
    gflop = 6 * len(x) * (784 * 128 + 128 * 10) / 1e9  # forward and backward pass of one epoch
    out: dict = {"gflops": matmul_gflops(), "epoch_gflop": gflop, "epochs": EPOCHS}
    for label, settings in (("default", {}), ("lessons", {"steps_per_execution": 100, "jit_compile": True})):
        model = keras.Sequential(
            [
                keras.Input((28, 28)),
                keras.layers.Flatten(),
                keras.layers.Dense(128, activation="relu"),
                keras.layers.Dense(10),
            ]
        )
        model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), **settings)
        model.fit(x, y, epochs=1, verbose=0)  # tracing and compiling
        clock = Clock()
        model.fit(x, y, epochs=EPOCHS, verbose=0, callbacks=[clock])
        out[label] = {"best": min(clock.seconds), "median": statistics.median(clock.seconds)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
