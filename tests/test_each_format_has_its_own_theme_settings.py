"""theme.yaml: shared tokens (colours, fonts, spacing, logo) every format reads, and each format's
own settings under `html:`, `pdf:` and `pptx:` (as Sphinx gives each builder its own options).
Keys from before the split are located errors that say where the setting lives now."""

from __future__ import annotations

import pytest

from coursebuilder.errors import ContentError
from coursebuilder.project import Project
from coursebuilder.themes import load_theme

pytestmark = pytest.mark.fast


def own_theme(root, text: str):
    folder = root / "themes" / "own"
    folder.mkdir(parents=True)
    (folder / "theme.yaml").write_text(text, encoding="utf-8")
    return load_theme(Project.find(root), "own")


def test_each_format_reads_only_its_own_sizes(make_project):
    theme = own_theme(make_project("minimal"), "name: Own\nhtml:\n  body_px: 20\n  print_pt: 13\n"
                                               "pdf:\n  body_pt: 14\n  large_print_pt: 22\n")
    assert "--text-size: 20px;" in theme.css_variables(theme.html_sizes())
    assert "--text-size-print: 13.0pt;" in theme.css_variables(theme.html_sizes())
    pdf = theme.css_variables(theme.pdf_sizes())
    assert "--text-size-print: 14.0pt;" in pdf and "--text-size-large-print: 22.0pt;" in pdf
    assert "--text-size:" not in pdf and "--colour-primary" in pdf


def test_a_deck_template_is_a_pptx_setting_resolved_in_the_theme_folder(make_project):
    root = make_project("minimal")
    (root / "themes" / "own").mkdir(parents=True)
    (root / "themes" / "own" / "ours.pptx").write_bytes(b"")
    (root / "themes" / "own" / "theme.yaml").write_text("name: Own\npptx:\n  template: ours.pptx\n  body_pt: 24\n",
                                                       encoding="utf-8")
    theme = load_theme(Project.find(root), "own")
    assert theme.deck_template.resolve() == (root / "themes" / "own" / "ours.pptx").resolve()
    assert theme.tokens.pptx.body_pt == 24


@pytest.mark.parametrize(("yaml", "where", "now"), [
    ("name: Own\ntype:\n  slide_body_pt: 24\n", "3:3", "`pptx:` then `body_pt: …`"),
    ("name: Own\ntype:\n  large_print_pt: 20\n", "3:3", "`pdf:` then `large_print_pt: …`"),
    ("name: Own\ntype:\n  body_px: 20\n", "3:3", "`html:` then `body_px: …`"),
    ("name: Own\npptx_template: deck.pptx\n", "2:1", "`pptx:` then `template: …`"),
])
def test_a_setting_written_where_it_used_to_live_says_where_it_lives_now(make_project, yaml, where, now):
    with pytest.raises(ContentError) as caught:
        own_theme(make_project("minimal"), yaml)
    [problem] = caught.value.diagnostics
    assert f"{problem.line}:{problem.column}" == where
    assert problem.file.endswith("themes/own/theme.yaml") and now in (problem.hint or "")


def test_a_missing_deck_template_is_located_at_its_key(make_project):
    with pytest.raises(ContentError) as caught:
        own_theme(make_project("minimal"), "name: Own\npptx:\n  template: missing.pptx\n")
    [problem] = caught.value.diagnostics
    assert (problem.line, problem.column) == (3, 13)
