"""Cold build time and peak memory per format for N synthetic modules (see synthetic.py).

Each format is built in its own fresh process, into an empty folder, so the figures include
start-up and imports and the peak memory is that format's alone.

usage: .venv/bin/python benchmarks/build_speed.py [N ...]     (default: 10)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import make_project

FORMATS = ["html", "pdf", "pptx", "scorm"]
COMMAND = [sys.executable, "-m", "coursebuilder", "build", "--quiet"]


def measure(project: Path, fmt: str, out: Path) -> tuple[float, float]:
    started = time.perf_counter()
    process = subprocess.Popen([*COMMAND, "--format", fmt, "--out", str(out)], cwd=project,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{fmt} build failed:\n{process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024  # kilobytes → megabytes


def main(counts: list[int]) -> None:
    print(f"{'modules':>7}  {'format':<6}  {'seconds':>8}  {'per module':>10}  {'peak MB':>8}")
    for count in counts:
        with tempfile.TemporaryDirectory() as scratch:
            project = make_project(count, Path(scratch) / "project")
            for fmt in FORMATS:
                seconds, peak = measure(project, fmt, Path(scratch) / f"out-{fmt}")
                print(f"{count:>7}  {fmt:<6}  {seconds:>8.2f}  {seconds / count:>10.3f}  {peak:>8.0f}")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [10])
