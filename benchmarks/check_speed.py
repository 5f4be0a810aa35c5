"""How long `coursebuilder check` takes on the bundled curriculum; the goal is well under a second.

usage: .venv/bin/python benchmarks/check_speed.py [PROJECT_DIR] [RUNS]   (default: this repository, 10 runs)

Times the whole check (reading and validating the YAML and Markdown, then every content check) in a
fresh process for the first run, which includes compiling the rule patterns, and then the median
of the further runs. Prints the figures and exits 1 when the first run takes a second or more.
"""

import statistics
import sys
import time
from datetime import date
from pathlib import Path

from coursebuilder.diagnostics import summary_line
from coursebuilder.pipeline import check
from coursebuilder.project import Project

GOAL_SECONDS = 1.0

project = Project.find(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent))
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
timings = []
for _ in range(runs):
    start = time.perf_counter()
    result = check(project, today=date(2026, 11, 26))
    timings.append(time.perf_counter() - start)
modules = len(result.course.modules) if result.course else 0
words = sum(len(document.text.split()) for module in (result.course.modules if result.course else [])
            for document in module.documents.values())
print(f"checked {modules} module{'s' if modules != 1 else ''} ({words} words of Markdown): "
      f"{summary_line(result.diagnostics)}")
print(f"first run (cold)   {timings[0] * 1000:7.1f} ms")
if runs > 1:
    print(f"median of {runs - 1} more  {statistics.median(timings[1:]) * 1000:7.1f} ms")
print(f"goal               {GOAL_SECONDS * 1000:7.1f} ms")
sys.exit(0 if timings[0] < GOAL_SECONDS else 1)
