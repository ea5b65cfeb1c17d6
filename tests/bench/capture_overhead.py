#!/usr/bin/env python3
"""capture_overhead.py - what the capture library adds to a suite's run time

Runs each command alternately without and with libdbbench_trace.so
preloaded (A B A B ..., PAIRS pairs, default 7; the library recording into
a scratch folder exactly as under dbbench capture) and prints the median
wall time of each and their ratio, per command:

  suite      the example pytest + SQLAlchemy suite (tests/capture), no
             workers: the case capture is for
  statements 20,000 small statements from one Python process: the
             library's cost per statement, with little else to hide it

Not a test: the machine is shared, so the figures are reported, never
asserted.  Usage: capture_overhead.py LIBRARY TESTS_DIR [PAIRS]
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

LOOP = """
import sqlite3
db = sqlite3.connect(":memory:", isolation_level=None)
db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)")
for i in range(20000):
    db.execute("INSERT INTO t (v) VALUES (?)", (i,))
"""


def timed(cmd, env, cwd):
    start = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(name, cmd, lib, cwd, pairs):
    plain, traced = [], []
    base = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    for _ in range(pairs):
        plain.append(timed(cmd, base, cwd))
        records = tempfile.mkdtemp(prefix="dbbench-overhead.")
        env = dict(base, LD_PRELOAD=lib, DBBENCH_CAPTURE_DIR=records)
        traced.append(timed(cmd, env, cwd))
        shutil.rmtree(records)
    a, b = statistics.median(plain), statistics.median(traced)
    print(f"{name:<11} {a * 1000:9.1f} ms {b * 1000:9.1f} ms "
          f"{(b / a - 1) * 100:+7.1f}%")


def main():
    lib, tests_dir = os.path.abspath(sys.argv[1]), sys.argv[2]
    pairs = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    py = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") \
        else "python3"
    work = tempfile.mkdtemp(prefix="dbbench-overhead-suite.")
    try:
        suite = os.path.join(work, "capture")
        shutil.copytree(os.path.join(tests_dir, "capture"), suite)
        print(f"capture library overhead, median of {pairs} alternating "
              f"pairs")
        print(f"{'command':<11} {'plain':>12} {'traced':>12} {'added':>8}")
        measure("suite", [py, "-m", "pytest", "-q", "-p",
                          "no:cacheprovider", "test_shop.py"],
                lib, suite, pairs)
        measure("statements", [py, "-c", LOOP], lib, work, pairs)
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
