"""Accessibility slips an author can make in the text itself (the themes take care of the rest):
pictures without useful alt text, link text that makes no sense on its own, skipped heading levels,
long runs of italics, underline or capitals (BDA dyslexia guidance), and tables without headers.
"""

from __future__ import annotations

import difflib
import math
import re

from ..diagnostics import Diagnostic
from ..load import LoadedModule
from ..model import Image
from ..render.picture_text import in_print, on_slides, pixel_size
from ..themes import PdfSettings
from ..markdown import ROW_HEADERS, code_for_language
from .readability import WORD
from .registry import Rule
from .text import AuthorText, Place

BODY_PT, LARGE_PRINT_PT = PdfSettings().body_pt, PdfSettings().large_print_pt  # coursebuilder's own handbook sizes

MAX_ITALIC_WORDS = 6
MIN_CAPITALS_RUN = 3
GENERIC_LINKS = {"click here", "here", "click", "this", "link", "this link", "click this link", "follow this link",
                 "read more", "more", "find out more", "learn more", "more info", "more information", "this page",
                 "website", "this website", "go"}
PICTURE_WORDS = r"(?:an? )?(?:image|picture|photo|photograph|graphic|screenshot|icon)"
ALT_AS_FILE = re.compile(r"^\S+\.(?:png|jpe?g|gif|svg|webp)$|^(?:img|image|dsc|pic|photo|screenshot)[-_ ]?\d+$",
                         re.IGNORECASE)
ALT_PICTURE_OF = re.compile(rf"^{PICTURE_WORDS}(?: (?:of|showing)\b|$)", re.IGNORECASE)
WEB_ADDRESS = re.compile(r"(?<![\w/@])(?:https?://|www\.)[^\s<>()\"']+[^\s<>()\"'.,;:!?]")

RULES = [
    Rule("alt-missing", "Accessibility", "error",
         "pictures in Markdown with no alt text",
         "People who use screen readers hear nothing, or the file name, where the picture is (WCAG 1.1.1).",
         "write what the picture shows between the brackets: ![Three panels showing …](diagram.png)",
         "![](images/ward.png)",
         "![The ward's quiet room, with two armchairs by a window](images/ward.png)",
         sources=("D4",)),
    Rule("alt-text", "Accessibility", "warning",
         'alt text that is a file name, or starts "image of" or "picture of"',
         "Screen readers already say it is a picture; a file name tells the listener nothing.",
         "describe what the picture shows and why it matters here",
         "alt: Image of a ward",
         "alt: A ward corridor with a nursing station and chairs outside each room",
         sources=("D4",)),
    Rule("link-text", "Accessibility", "warning",
         'link text such as "click here" or "here", and bare web addresses',
         "Screen reader users often jump from link to link; \"here\" says nothing out of context, and a web "
         "address is read out character by character (WCAG 2.4.4).",
         "link words that say where the link goes, like [Samaritans: contact us](https://www.samaritans.org)",
         "For more support, [click here](https://www.samaritans.org).",
         "For more support, contact [Samaritans](https://www.samaritans.org).",
         sources=("D4",)),
    Rule("heading-skip", "Accessibility", "warning",
         "headings that skip a level (## followed by ####)",
         "Screen reader users move around a page by its headings; a skipped level suggests something is "
         "missing (WCAG 1.3.1).",
         "go down one level at a time: ## for sections of the page, ### inside them",
         "## Signs to notice\n\n#### In yourself",
         "## Signs to notice\n\n### In yourself",
         sources=("D4",)),
    Rule("italic-run", "Accessibility", "warning",
         f"more than {MAX_ITALIC_WORDS} words in italics",
         "Italic text is harder to read for many dyslexic readers; the British Dyslexia Association "
         "advises bold for emphasis.",
         "use bold for emphasis, and keep italics for short titles",
         "*Remember that you can stop at any time and come back later.*",
         "**You can stop at any time** and come back later.",
         sources=("D1",)),
    Rule("underline", "Accessibility", "warning",
         "underlined text (<u> or <ins>)",
         "Underlining makes letters harder to read and looks like a link; coursebuilder's output drops it.",
         "use bold for emphasis",
         "Please <u>do not</u> share names.",
         "Please **do not** share names.",
         sources=("D1",)),
    Rule("caps-run", "Accessibility", "warning",
         f"{MIN_CAPITALS_RUN} or more words in a row in capitals",
         "Words in capitals lose their shape, which makes them harder to read, and can feel like shouting.",
         "write it in sentence case, and use bold for emphasis",
         "DO NOT SHARE NAMES OUTSIDE THE GROUP.",
         "**Do not share names** outside the group.",
         sources=("D1",)),
    Rule("table-header", "Accessibility", "warning",
         "tables without a header row",
         "Screen readers announce each cell with its column header; without one, a table is a list of "
         "unrelated words (WCAG 1.3.1).",
         "give the first row a heading for each column",
         "|   |   |\n|---|---|\n| Normative | Keeping practice safe |",
         "| Function | What it does |\n|---|---|\n| Normative | Keeping practice safe |",
         sources=("D4",)),
    Rule("lang-code", "Accessibility", "error",
         "passages marked with a language that is not a language code",
         "Screen readers pick the voice from the code; an unknown code is dropped, so the passage is read "
         "with the voice of the page (WCAG 3.1.2).",
         "write the language's code, like cy (Welsh), ur (Urdu), pl (Polish) or bfi (British Sign Language)",
         "[Croeso]{lang=welsh}", "[Croeso]{lang=cy}", sources=("D4",)),
    Rule("lang-syntax", "Accessibility", "error",
         "language marks written so that they stay in the text",
         "The mark would be printed as typed, and the passage read with the voice of the page (WCAG 3.1.2).",
         "put square brackets round the words and the mark straight after them, like [Croeso]{lang=cy}; for a "
         "whole paragraph, list or quotation, write {lang=cy} alone on the line before it",
         "Croeso {lang=cy}", "[Croeso]{lang=cy}", sources=("D4",)),
    Rule("picture-text-small", "Accessibility", "info",
         "pictures whose letters come out too small to read in a handbook, in large print or on a slide "
         "(for pictures that say how large their letters are drawn, with `text_px`)",
         "Alt text reaches screen reader users only; a low-vision reader of large print, or the back row of a "
         "room, needs letters at least as large as the text around them. Where the letters are too small, "
         "the output gives the picture's words as text beside it.",
         "draw the smallest letters larger, or keep fewer words in the picture and more in the text",
         "- type: image\n  src: images/four-rs.png   # 1600 px wide, letters drawn at 24 px\n  text_px: 24",
         "- type: image\n  src: images/four-rs.png   # 1600 px wide, letters drawn at 48 px\n  text_px: 48",
         sources=("D4",)),
    Rule("mark-unknown", "Accessibility", "error",
         "marks in curly brackets that coursebuilder does not read, like {.wide}",
         "The mark would do nothing: no output shows it, so what the author meant by it is lost.",
         "the marks are {lang=cy} before a paragraph, list, quotation or table, and {.row-headers} before a "
         "table whose first column names each row",
         "{.row-header}\n| Shift | Task |", "{.row-headers}\n| Shift | Task |", sources=("D4",)),
]
_RULES = {rule.code: rule for rule in RULES}


def check(texts: list[AuthorText]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for text in texts:
        found += _pictures(text)
        found += _links(text)
        found += _headings(text)
        found += _emphasis(text)
        found += _capitals(text)
        found += [_RULES["table-header"].at(text.place(offset), "this table has no header row")
                  for offset in text.headerless_tables]
        found += _languages(text)
    return found


def _languages(text: AuthorText) -> list[Diagnostic]:
    found = []
    for mark in text.languages:
        if mark.valid:
            continue
        code = code_for_language(mark.tag)
        hint = f"write {{lang={code}}}" if code else None
        found.append(_RULES["lang-code"].at(text.place(mark.offset), f'"{mark.tag}" is not a language code', hint))
    found += [_RULES["lang-syntax"].at(text.place(offset),
                                       "this language mark is not read: it would be printed as it is written")
              for offset in text.unread_marks]
    for name, kind, offset in text.unknown_marks:
        if name == ROW_HEADERS:
            message = f"{{.{name}}} only goes on the line before a table, not before a {_KINDS.get(kind, kind)}"
        else:
            message = f"{{.{name}}} is not a mark coursebuilder reads"
        near = difflib.get_close_matches(name, [ROW_HEADERS], n=1, cutoff=0.6)
        hint = f"did you mean {{.{ROW_HEADERS}}}? Write it on the line before the table" if near and name != near[0] \
            else None
        found.append(_RULES["mark-unknown"].at(text.place(offset), message, hint))
    return found


_KINDS = {"paragraph": "paragraph", "bullet_list": "list", "ordered_list": "list", "blockquote": "quotation",
          "heading": "heading"}


def _pictures(text: AuthorText) -> list[Diagnostic]:
    found = []
    for picture in text.pictures:
        if not picture.alt.strip():
            found.append(_RULES["alt-missing"].at(text.place(picture.offset),
                                                  f'the picture "{picture.src}" has no alt text'))
        elif problem := alt_problem(picture.alt, picture.src):
            found.append(_RULES["alt-text"].at(text.place(picture.offset), *problem))
    if text.loc and text.loc[-1] == "alt" and (problem := alt_problem(text.text, "")):
        found.append(_RULES["alt-text"].at(text.place(0), *problem))
    return found


def alt_problem(alt: str, src: str) -> tuple[str, str] | None:
    """(message, hint) when alt text says nothing useful, else None."""
    alt = alt.strip()
    name = src.rsplit("/", 1)[-1]
    if ALT_AS_FILE.match(alt) or (name and alt.lower() in (name.lower(), name.rsplit(".", 1)[0].lower())):
        return f'the alt text "{alt}" is a file name', "describe what the picture shows and why it matters here"
    if ALT_PICTURE_OF.match(alt):
        opening = " ".join(alt.split()[:2])
        return (f'the alt text starts "{opening}"; screen readers already say it is a picture',
                f'start with what it shows, without "{opening}"')
    return None


def _links(text: AuthorText) -> list[Diagnostic]:
    found = []
    for link in text.links:
        words = " ".join(re.sub(r"[^\w\s]", " ", link.text.lower()).split())
        if words in GENERIC_LINKS:
            found.append(_RULES["link-text"].at(text.place(link.offset),
                                                f'the link text "{link.text.strip()}" does not say where it goes'))
    for passage in text.passages:
        for match in WEB_ADDRESS.finditer(passage.text):
            found.append(_RULES["link-text"].at(
                text.passage_place(passage, match.start()),
                f'"{match.group()}" is a bare web address; screen readers read it out character by character'))
    return found


def _headings(text: AuthorText) -> list[Diagnostic]:
    """Levels as rendered: a page's title is h1 (a block's title h2) and author headings go below it."""
    found = []
    previous = 1 + text.heading_shift
    for heading in text.headings:
        level = min(max(heading.level + text.heading_shift, 2), 6)
        if level > previous + 1:
            wanted = "#" * (previous + 1 - text.heading_shift)
            written = "#" * heading.level
            message = (f"this heading ({written}) skips a level: the heading above it is "
                       f"{'#' * (previous - text.heading_shift)}" if previous > 1 + text.heading_shift else
                       f"this heading ({written}) skips a level: the first heading here should be {wanted}")
            found.append(_RULES["heading-skip"].at(text.place(heading.offset), message, f"make it {wanted}"))
        previous = level
    return found


def _emphasis(text: AuthorText) -> list[Diagnostic]:
    found = []
    for emphasis in text.emphasis:
        if emphasis.kind == "underline":
            found.append(_RULES["underline"].at(text.place(emphasis.offset),
                                                f'"{_short(emphasis.text)}" is underlined'))
        elif len(WORD.findall(emphasis.text)) > MAX_ITALIC_WORDS:
            found.append(_RULES["italic-run"].at(
                text.place(emphasis.offset),
                f"{len(WORD.findall(emphasis.text))} words in italics (\"{_short(emphasis.text)}\")"))
    return found


def _capitals(text: AuthorText) -> list[Diagnostic]:
    found = []
    for passage in text.passages:
        run: list[re.Match] = []
        for match in [*WORD.finditer(passage.text), None]:
            if match is not None and len(match.group()) > 1 and match.group().isupper():
                run.append(match)
                continue
            if len(run) >= MIN_CAPITALS_RUN:
                words = passage.text[run[0].start():run[-1].end()]
                found.append(_RULES["caps-run"].at(text.passage_place(passage, run[0].start()),
                                                   f'"{_short(words)}" is written in capitals'))
            run = []
    return found


def _short(words: str, count: int = 6) -> str:
    parts = words.split()
    return " ".join(parts[:count]) + ("…" if len(parts) > count else "")


def check_pictures(module: LoadedModule) -> list[Diagnostic]:
    """Where a picture's letters come out too small to read (render/picture_text.py), with coursebuilder's
    own sizes (the check cache does not depend on the theme)."""
    found = []
    for s, section in enumerate(module.meta.sections):
        for b, block in enumerate(section.blocks):
            if not isinstance(block, Image) or block.text_px is None or block.decorative:
                continue
            pixels = pixel_size(module.images[block.src])
            shown = [place for place in (in_print(block, pixels, BODY_PT, large_print=False),
                                         in_print(block, pixels, LARGE_PRINT_PT, large_print=True),
                                         on_slides(block, pixels)) if place is not None and place.too_small]
            if not shown:
                continue
            sizes = _and([f"{place.letters_pt:.1f} pt {place.where} (where text is at least "
                          f"{place.least_pt:g} pt)" for place in shown])
            needed = max(math.ceil(block.text_px * place.least_pt / place.letters_pt) for place in shown)
            line, column = module.yaml.position(("sections", s, "blocks", b, "text_px"))
            found.append(_RULES["picture-text-small"].at(
                Place(module.yaml.path, line, column),
                f"the smallest letters in {block.src} come out at {sizes}: there, the picture's words are given "
                "as text beside it",
                f"to make the picture itself readable everywhere, draw its smallest letters at {needed} px or more"))
    return found


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
