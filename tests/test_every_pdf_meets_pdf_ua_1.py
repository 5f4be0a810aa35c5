"""Every PDF coursebuilder writes meets PDF/UA-1 as far as a machine can tell (issue 19), and keeps
coursebuilder's own promises for its structure: each handbook, large-print handbook and facilitator
guide of the bundled course and of the minimal, stress and interactive fixtures (the last with branching
scenarios, put-in-order and match questions, written answers and self-ratings), checked with tests/pdfua.py
(veraPDF's rule ids and the Matterhorn Protocol's, with the page, structure path and text of each
finding). The failure message counts the findings per rule and file, then lists the first of them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from coursebuilder.pipeline import build
from coursebuilder.project import Project

from . import pdfua
from .conftest import FIXTURES

pytestmark = pytest.mark.slow

PROJECTS = {"bundled": None, "minimal": FIXTURES / "minimal", "stress-sensory": FIXTURES / "stress-sensory",
            "stress-words": FIXTURES / "stress-words",
            "interactive": FIXTURES / "interactive"}  # bundled: the session's build of the repository
EXAMPLES = 4  # findings of each rule listed in a failure, after the counts


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory, bundled_build) -> dict[str, list[Path]]:
    """Each project's PDFs, built once for this module (the bundled course's once for the session)."""
    built = {"bundled": sorted((bundled_build / "pdf").glob("*.pdf"))}
    for name, root in PROJECTS.items():
        if root is not None:
            out = tmp_path_factory.mktemp(name) / "build"
            build(Project.find(root), out=out, formats=["pdf"])
            built[name] = sorted(out.rglob("*.pdf"))
    return built


def _report(found: dict[Path, list[pdfua.Finding]]) -> str:
    lines = []
    total: Counter[str] = Counter()
    for path, findings in found.items():
        counts = pdfua.counts(findings)
        total.update(counts)
        lines.append(f"{path.name}: " + ", ".join(f"{rule} × {count}" for rule, count in sorted(counts.items())))
    lines.append("all files: " + ", ".join(f"{rule} × {count}" for rule, count in sorted(total.items())))
    for rule in sorted(total):
        matterhorn, requirement = pdfua.RULES[rule]
        lines.append(f"  {rule}{f' ({matterhorn})' if matterhorn else ''}: {requirement}")
    for rule in sorted(total):
        examples = [(path, finding) for path, findings in found.items() for finding in findings if finding.rule == rule]
        lines += [f"{path.name}: {finding}" for path, finding in examples[:EXAMPLES]]
        if len(examples) > EXAMPLES:
            lines.append(f"… and {len(examples) - EXAMPLES} more {rule}")
    lines.append("(python -m tests.pdfua FILE.pdf lists every finding of a file)")
    return "\n".join(lines)


@pytest.mark.parametrize("project", PROJECTS)
def test_every_pdf_meets_pdf_ua_1(pdfs, project):
    assert pdfs[project], f"the {project} build wrote no PDF"
    found = {path: pdfua.check(path) for path in pdfs[project]}
    found = {path: findings for path, findings in found.items() if findings}
    if found:
        pytest.fail(f"{sum(map(len, found.values()))} findings in {len(found)} of {len(pdfs[project])} PDFs of "
                    f"{project}:\n{_report(found)}", pytrace=False)
