"""A passage marked as a right-to-left language (Urdu here) displays right to left in Chromium: words
inside an English sentence run from right to left, and a whole paragraph starts at the right edge of the
text column, where an English paragraph starts at the left."""

from __future__ import annotations

from .checks_support import first_section_page

URDU = "آپ کا خیر مقدم ہے"
TEXT = f"""\
We also say [{URDU}]{{lang=ur}} to people who speak Urdu.

{{lang=ur}}
NHS میں {URDU}۔
"""

# Where the first and the last letter of an element's text are drawn, and where the element's box is.
MEASURE = """(element) => {
  const text = element.firstChild;
  const at = (i) => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1);
                      return r.getBoundingClientRect(); };
  const box = element.getBoundingClientRect();
  const words = document.createRange(); words.selectNodeContents(element);
  const inked = words.getBoundingClientRect();
  return {first: at(0).left, last: at(text.length - 1).left, boxLeft: box.left, boxRight: box.right,
          inkLeft: inked.left, inkRight: inked.right};
}"""


def test_urdu_runs_right_to_left_and_its_paragraph_sits_at_the_right(make_project, tmp_path, browser):
    first_section_page(make_project("minimal"), TEXT, tmp_path / "out")
    page_file = next((tmp_path / "out" / "html").rglob("01-*.html"))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(page_file.as_uri())
        words = page.locator("span[lang='ur']").evaluate(MEASURE)
        paragraph = page.locator("p[lang='ur']").evaluate(MEASURE)
        english = page.locator("p", has_text="We also say").evaluate(MEASURE)
    finally:
        page.close()
    assert words["first"] > words["last"], "the Urdu words run left to right"
    assert paragraph["first"] > paragraph["last"], "the Urdu paragraph runs left to right"
    assert abs(paragraph["inkRight"] - paragraph["boxRight"]) < 2, "the Urdu paragraph does not start at the right"
    assert paragraph["inkLeft"] > paragraph["boxLeft"] + 100
    assert abs(english["inkLeft"] - english["boxLeft"]) < 2
