"""Page weight of the bundled e-learning: HTML + CSS + JS per page (pictures excluded), against the budget
in coursebuilder/render/html_weight.py.

usage: .venv/bin/python benchmarks/page_weight.py [BUILD_DIR]   (default: build/, run `make build` first)
"""

import sys
from pathlib import Path

from coursebuilder.render.html_weight import BUDGET, page_weights

root = Path(sys.argv[1] if len(sys.argv) > 1 else "build") / "html"
weights = page_weights(root)
if not weights:
    sys.exit(f"no e-learning pages in {root}: build first (make build), or name the build folder")
width = max(len(name) for name in weights)
for name, size in weights.items():
    print(f"{name:<{width}}  {size / 1024:6.1f} KB  {'over budget' if size > BUDGET else ''}")
print(f"{'largest':<{width}}  {max(weights.values()) / 1024:6.1f} KB  (budget {BUDGET // 1024} KB)")
