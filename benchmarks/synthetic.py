"""Make a project of N realistic modules for speed measurements.

Each module is a copy of a bundled module (so real prose, every block type, pictures, facilitator
notes, references and a glossary), renamed `module-001`, `module-002`, ... and cycling through the
six bundled modules so the course is varied.

usage: .venv/bin/python benchmarks/synthetic.py N OUT_DIR
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parent.parent


def make_project(count: int, target: Path, course_handbook: bool = True) -> Path:
    """course_handbook=False leaves out the one PDF of every module (see docs/module-format.md)."""
    yaml = YAML(typ="safe", pure=True)
    course = yaml.load((REPO / "course.yaml").read_text(encoding="utf-8"))
    sources = list(course["modules"])
    if target.exists():
        shutil.rmtree(target)
    (target / "modules").mkdir(parents=True)
    slugs = []
    for number in range(1, count + 1):
        slug = f"module-{number:03d}"
        source = REPO / "modules" / sources[(number - 1) % len(sources)]
        shutil.copytree(source, target / "modules" / slug)
        module_file = target / "modules" / slug / "module.yaml"
        text = module_file.read_text(encoding="utf-8")
        title = yaml.load(text)["title"]
        retitled = re.sub(r"^title:.*$", lambda _: "title: " + json.dumps(f"{title} ({number})"), text,
                          count=1, flags=re.MULTILINE)
        module_file.write_text(retitled, encoding="utf-8")
        slugs.append(slug)
    course["modules"] = slugs
    if not course_handbook:
        course["course_handbook"] = False
    out = YAML()
    out.default_flow_style = False
    with (target / "course.yaml").open("w", encoding="utf-8") as handle:
        out.dump(course, handle)
    return target


if __name__ == "__main__":
    if len(sys.argv) != 3 or not sys.argv[1].isdigit():
        sys.exit(__doc__)
    print(make_project(int(sys.argv[1]), Path(sys.argv[2])))
