"""`check` reports a section whose words would need more than three continuation slides (issue 17), at the
section, with the fix: write the slide text. Slide text the author wrote quiets it."""

from __future__ import annotations

import pytest

from coursebuilder.checks.registry import builtin_rules
from coursebuilder.checks.slides import MOST_CONTINUATIONS

from .checks_support import MODULE, edit, findings, write

pytestmark = pytest.mark.fast

CODE = "many-continuation-slides"
LONG = "## A long part\n\n" + "\n\n".join(
    f"Paragraph {n}. Staff who have time to think together notice more, and recover faster after a hard shift. "
    f"The figures in paragraph {n} come from a survey of 400 ward staff across twelve trusts in 2024."
    for n in range(1, 40))


def test_a_section_that_runs_over_many_slides_is_reported_at_the_section_with_the_fix(make_project):
    root = make_project()
    write(root, "modules/demo/02-second.md", LONG)
    (found,) = findings(root, CODE)
    assert (found.file, found.severity) == (MODULE, "warning")
    lines = (root / MODULE).read_text(encoding="utf-8").split("\n")
    assert lines[found.line - 1].strip() == "- title: Second steps" and found.column == 12
    assert 'section 2, "Second steps"' in found.message and f"(more than {MOST_CONTINUATIONS})" in found.message
    assert found.hint.startswith("write slide text for this section: add `slides:`")


def test_a_section_with_the_authors_slide_text_or_short_words_is_not_reported(make_project):
    root = make_project()
    assert findings(root, CODE) == []
    write(root, "modules/demo/02-second.md", LONG)
    edit(root, MODULE, "    body: 02-second.md\n", "    body: 02-second.md\n    slides: |\n"
         "      ## Time to think\n      - Teams that reflect together recover faster\n")
    assert findings(root, CODE) == []


def test_the_rule_is_documented_like_every_other():
    rule = builtin_rules()[CODE]
    assert rule.group == "Structure and care" and rule.better and "slides:" in rule.better
