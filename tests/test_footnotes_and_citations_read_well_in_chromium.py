"""Footnotes and citations as a screen reader meets them, in Chromium's own accessibility tree: a note's
mark is a link named "Note 1" that takes the reader to the note, the notes are a region named "Notes",
and each note links back to the words it belongs to; a citation is a link named as it reads that goes to
the module's reference list."""

from __future__ import annotations

from .checks_support import first_section_page

TEXT = """\
Staff need time to talk [@guide, p. 4].[^time] Handover is one such time.[^time]

[^time]: Time here means paid time, not a break.
"""


def _named(nodes: list[dict], role: str) -> list[str]:
    return [n.get("name", {}).get("value", "") for n in nodes
            if n.get("role", {}).get("value") == role and not n.get("ignored")]


def test_marks_notes_and_citations_are_named_links_that_go_where_they_say(make_project, tmp_path, browser):
    first_section_page(make_project("minimal"), TEXT, tmp_path / "out")
    page_file = next((tmp_path / "out" / "html").rglob("01-*.html"))
    page = browser.new_page()
    try:
        page.goto(page_file.as_uri())
        nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
        links = _named(nodes, "link")
        assert links.count("Note 1") == 2
        assert "Back to the text of note 1" in links and "Back to the text of note 1 (mark 2)" in links
        assert "Notes" in _named(nodes, "region")
        assert "Someone, 2020, p. 4" in links

        page.get_by_role("link", name="Note 1").first.click()
        note = page.evaluate("decodeURIComponent(location.hash)")
        assert page.locator(f"li{note}").inner_text().startswith("Time here means paid time")
        page.get_by_role("link", name="Back to the text of note 1 (mark 2)").click()
        mark = page.evaluate("decodeURIComponent(location.hash)")
        assert page.locator(mark).evaluate("a => a.closest('p').textContent").endswith("Handover is one such time.1")

        citation = page.get_by_role("link", name="Someone, 2020, p. 4")
        assert citation.get_attribute("href").startswith("summary.html#ref-guide")
    finally:
        page.close()
