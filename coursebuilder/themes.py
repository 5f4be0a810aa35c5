"""Themes: `themes/<name>/theme.yaml` design tokens, Jinja templates and static files.

Every output format reads the same shared tokens (colours, fonts, spacing, logo), so one theme
styles the e-learning, the handbooks and the decks; what only one format needs sits in that
format's own settings (`html:`, `pdf:`, `pptx:`), as Sphinx gives each builder its own options.
A project's own `themes/<name>/` wins over a built-in theme of the same name; templates a project
theme does not provide fall back to the built-in default theme.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, field_validator

from .diagnostics import Diagnostic, did_you_mean
from .errors import ContentError, CourseError, ResolveError
from .model import Strict, Text, custom_error
from .project import THEMES_DIR, Project, builtin_themes_dir
from .source import SourceError, load_yaml, read_text
from .validate import validate

HEX_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
BROWSER_DEFAULT_PX = 16  # the text size browsers start with; a reader may set another


class Colours(Strict):
    text: str = Field("#1d2a44", description="Body text.")
    background: str = Field("#fbf8f1", description="Page background (cream helps many dyslexic readers).")
    surface: str = Field("#ffffff", description="Cards and panels.")
    primary: str = Field("#0b6e69", description="Headings, links and buttons.")
    on_primary: str = Field("#ffffff", description="Text on the primary colour.")
    muted: str = Field("#4a5568", description="Secondary text.")
    border: str = Field("#c9c1b1", description="Lines and outlines.")
    note: str = Field("#e8f3f2", description="Background of key points and notes.")
    caution: str = Field("#fdf1dc", description="Background of the content note.")
    focus: str = Field("#b35c00", description="Keyboard focus outline.")

    @field_validator("*")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not HEX_RE.match(value):
            raise custom_error("colour", f'"{value}" is not a colour', 'write a six-digit hex colour, like "#1d2a44"')
        return value.lower()


class Fonts(Strict):
    body: list[Text] = Field(["Verdana", "Tahoma", "DejaVu Sans", "sans-serif"], min_length=1)
    headings: list[Text] = Field(["Verdana", "Tahoma", "DejaVu Sans", "sans-serif"], min_length=1)
    mono: list[Text] = Field(["DejaVu Sans Mono", "monospace"], min_length=1)


class Type(Strict):
    """Spacing every format shares. Text sizes belong to each format's own settings."""

    line_height: float = Field(1.5, ge=1.2, le=2.2)
    measure_ch: int = Field(68, ge=45, le=80, description="Line length in characters.")


class HtmlSettings(Strict):
    """The e-learning and SCORM pages."""

    body_px: int = Field(18, ge=14, le=32, description="Body text size in CSS pixels, at the browser's usual 16 px "
                                                       "default (scaled with the reader's own browser setting).")
    print_pt: float = Field(12, ge=12, le=24, description="Body text size when a learner prints a page (at least 12).")


class PdfSettings(Strict):
    """The handbooks, facilitator guides and large-print editions."""

    body_pt: float = Field(12, ge=12, le=24, description="Body text size in points (at least 12).")
    large_print_pt: float = Field(18, ge=16, le=28, description="Body text size of the large-print edition.")


class PptxSettings(Strict):
    """The decks."""

    template: str | None = Field(
        None, description="A .pptx file in the theme folder to build decks from, instead of coursebuilder's own."
    )
    body_pt: int = Field(20, ge=18, le=40, description="Slide body text size in points (at least 18).")
    title_pt: int = Field(32, ge=28, le=60, description="Slide title size in points (at least 28).")


class ThemeTokens(Strict):
    name: Text
    description: Text | None = None
    colours: Colours = Field(default_factory=Colours)
    fonts: Fonts = Field(default_factory=Fonts)
    type: Type = Field(default_factory=Type)
    radius_px: int = Field(6, ge=0, le=24)
    logo: str | None = Field(None, description="Logo file in the theme folder (PNG; SVG works on screen and print only).")
    html: HtmlSettings = Field(default_factory=HtmlSettings)
    pdf: PdfSettings = Field(default_factory=PdfSettings)
    pptx: PptxSettings = Field(default_factory=PptxSettings)


@dataclass
class Theme:
    name: str
    folder: Path
    tokens: ThemeTokens
    logo: Path | None
    pptx_template: Path | None = None

    @property
    def folders(self) -> list[Path]:
        """Where the theme's files are looked for, in order: the theme, then the built-in default theme it
        falls back to. The one place that knows the fallback: templates, print templates, the deck
        template and the build cache all follow it."""
        return list(dict.fromkeys([self.folder, default_theme_dir()]))

    def search(self, part: str) -> list[Path]:
        """The folders called `part` ("templates", "print") that exist, the theme's own first."""
        return [folder / part for folder in self.folders if (folder / part).is_dir()]

    @property
    def deck_template(self) -> Path:
        """The PowerPoint file decks are built from: the one the theme names, else the default theme's."""
        return self.pptx_template or default_theme_dir() / "deck.pptx"

    @property
    def template_dirs(self) -> list[Path]:
        return self.search("templates")

    @property
    def static_dir(self) -> Path:
        return self.folder / "static"

    def css_variables(self, sizes: list[str]) -> str:
        """The tokens as CSS custom properties: the shared ones, with a format's own text `sizes`
        (from html_sizes() or pdf_sizes()) after the fonts."""
        t = self.tokens
        lines = [f"  --colour-{key.replace('_', '-')}: {value};" for key, value in t.colours.model_dump().items()]
        lines += [
            f"  --font-body: {_font_stack(t.fonts.body)};",
            f"  --font-headings: {_font_stack(t.fonts.headings)};",
            f"  --font-mono: {_font_stack(t.fonts.mono)};",
            *sizes,
            f"  --line-height: {t.type.line_height};",
            f"  --measure: {t.type.measure_ch}ch;",
            f"  --radius: {t.radius_px}px;",
        ]
        return ":root {\n" + "\n".join(lines) + "\n}\n"

    def html_sizes(self) -> list[str]:
        """The e-learning's text sizes. --text-scale is the theme's size as a ratio of the browser's own
        default (18 px: 1.125): style.css sets the root size in %, so a reader who sets a larger default in
        their browser gets larger text."""
        html = self.tokens.html
        return [f"  --text-size: {html.body_px}px;", f"  --text-size-print: {html.print_pt}pt;",
                f"  --text-scale: {html.body_px / BROWSER_DEFAULT_PX:g};"]

    def pdf_sizes(self) -> list[str]:
        pdf = self.tokens.pdf
        return [f"  --text-size-print: {pdf.body_pt}pt;", f"  --text-size-large-print: {pdf.large_print_pt}pt;"]


def default_theme_dir() -> Path:
    return builtin_themes_dir() / "default"


def _font_stack(names: list[str]) -> str:
    generic = {"serif", "sans-serif", "monospace", "system-ui", "cursive"}
    return ", ".join(n if n in generic else '"' + n.replace('"', "") + '"' for n in names)


def available_themes(project: Project) -> list[str]:
    names = set()
    for base in (project.root / THEMES_DIR, builtin_themes_dir()):
        if base.is_dir():
            names |= {p.name for p in base.iterdir() if (p / "theme.yaml").is_file()}
    return sorted(names)


def load_theme(project: Project, name: str) -> Theme:
    for base in (project.root / THEMES_DIR, builtin_themes_dir()):
        folder = base / name
        if (folder / "theme.yaml").is_file():
            break
    else:
        known = available_themes(project)
        suggestion = did_you_mean(name, known)
        raise CourseError(
            f'there is no theme called "{name}"',
            f'did you mean "{suggestion}"?' if suggestion else "themes available: " + ", ".join(known),
        )
    file = folder / "theme.yaml"
    try:
        doc = load_yaml(read_text(file, project.display(file)))
    except SourceError as exc:
        raise ContentError([exc.diagnostic]) from None
    tokens, problems = validate(ThemeTokens, doc)
    if tokens is None:
        raise ContentError(problems)
    files: dict[tuple[str, ...], Path | None] = {("logo",): None, ("pptx", "template"): None}
    for loc in files:
        ref = tokens.logo if loc == ("logo",) else tokens.pptx.template
        if ref:
            try:
                files[loc] = project.resolve(ref, folder)
            except ResolveError as exc:
                line, column = doc.position(loc)
                raise ContentError([Diagnostic(doc.path, line, column, "error", exc.code, exc.message, exc.hint)]) \
                    from None
    problems = _check_stylesheets(project, folder)
    if problems:
        raise ContentError(problems)
    return Theme(name, folder, tokens, files[("logo",)], files[("pptx", "template")])


_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_REFERENCE = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.IGNORECASE)


def _check_stylesheets(project: Project, folder: Path) -> list[Diagnostic]:
    """Every url() and @import in a theme's CSS must name a file in the theme: a web address would make
    each page (or the PDF renderer) fetch from the network, and `..` could reach outside the project."""
    problems = []
    for css in sorted([*(folder / "static").rglob("*.css"), *(folder / "print").rglob("*.css")]):
        text = css.read_text(encoding="utf-8", errors="replace")
        blanked = _CSS_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
        printed = css.parent.name == "print" and css.parent.parent == folder
        for match in _CSS_REFERENCE.finditer(blanked):
            ref = (match.group(2) if match.group(2) is not None else match.group(4)).strip()
            if ref.startswith("#"):
                continue  # a fragment (SVG filter or marker) inside the same document
            base = css.parent
            if printed and ref.startswith("_theme/"):
                ref, base = ref.removeprefix("_theme/"), folder  # print CSS names theme files as _theme/<path>
            try:
                project.resolve(ref, base)
            except ResolveError as exc:
                start = match.start(2) if match.group(2) is not None else match.start(4)
                line = text.count("\n", 0, start) + 1
                column = start - (text.rfind("\n", 0, start) + 1) + 1
                problems.append(Diagnostic(project.display(css), line, column, "error", exc.code, exc.message,
                                           exc.hint))
    return problems
