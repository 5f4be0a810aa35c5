"""Hostile input: whatever arrives, a located message and exit 1, in bounded time, with build/ untouched.

Each bad-input case is generated from tests/fixtures/minimal by one change, so the corpus stays small
and every case says in one line what it breaks. Markdown with scripts and other tricks is not an
error: it builds, and nothing of the trick reaches the output.
"""

from __future__ import annotations

import re
import shutil
import socket
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest

from coursebuilder.markdown import find_images, render_markdown
from coursebuilder.pipeline import build
from coursebuilder.project import Project
from coursebuilder.source import MAX_FILE_BYTES, MAX_YAML_DEPTH, MAX_YAML_NODES

from .conftest import FIXTURES, hang_guard

MODULE = "modules/demo/module.yaml"
BODY = "modules/demo/02-second.md"
# Text appended to the fixture's module.yaml starts on this line (whatever the fixture's length).
END = len((FIXTURES / "minimal" / MODULE).read_text(encoding="utf-8").splitlines()) + 1


@dataclass(frozen=True)
class Located:
    """An expected message whose exact place depends on how many values come before it (the limit is
    on the whole file): `file:<a line from first to last>:<a column>: rest`."""

    file: str
    first: int
    last: int
    rest: str

    def matches(self, line: str) -> bool:
        found = re.fullmatch(rf"{re.escape(self.file)}:(\d+):(\d+): {re.escape(self.rest)}", line)
        return bool(found) and self.first <= int(found.group(1)) <= self.last


def shows(expected: str | Located, lines: list[str]) -> bool:
    return any(expected.matches(line) for line in lines) if isinstance(expected, Located) else expected in lines


def append(relative: str, data: bytes):
    return lambda project: _write(project, relative, (project / relative).read_bytes() + data)


def replace(relative: str, old: bytes, new: bytes):
    def change(project: Path) -> None:
        original = (project / relative).read_bytes()
        assert old in original, f"{old!r} is not in {relative}"
        _write(project, relative, original.replace(old, new))

    return change


def write(relative: str, data: bytes):
    return lambda project: _write(project, relative, data)


def _write(project: Path, relative: str, data: bytes) -> None:
    (project / relative).write_bytes(data)


def delete(relative: str):
    return lambda project: (project / relative).unlink()


_BOMB = b"x_bomb:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + b"".join(
    f"  {name}: &{name} [{', '.join(['*' + previous] * 9)}]\n".encode()
    for previous, name in zip("abcdefg", "bcdefgh")
)

# (id, change to the minimal project, expected "file:line:col: error[code]: message")
CASES = [
    # YAML alias bombs and runaway structures
    ("alias-bomb", append(MODULE, _BOMB),
     Located(MODULE, END + 1, END + 8, "error[too-large]: this file expands to too many values "
                                        "(are aliases repeating each other?)")),
    ("alias-bomb-in-course", append("course.yaml", _BOMB.replace(b"x_bomb", b"extra")),
     Located("course.yaml", 11, 18, "error[too-large]: this file expands to too many values "
                                    "(are aliases repeating each other?)")),
    ("self-referencing-alias", append(MODULE, b"x: &a [*a]\n"),
     f"{MODULE}:{END}:4: error[too-deep]: this file is nested too deeply"),
    ("deep-flow-nesting", append(MODULE, b"deep: " + b"[" * 5000 + b"]" * 5000 + b"\n"),
     f"{MODULE}:{END}:{6 + MAX_YAML_DEPTH}: error[too-deep]: this file is nested too deeply"),
    ("deep-flow-mappings", append(MODULE, b"deep: " + b"{a: " * 3000 + b"}" * 3000 + b"\n"),
     f"{MODULE}:{END}:{7 + 4 * (MAX_YAML_DEPTH - 1)}: error[too-deep]: this file is nested too deeply"),
    ("deep-block-nesting", append(MODULE, b"deep:\n" + b"".join(b"  " * (i + 1) + b"k:\n" for i in range(200))),
     f"{MODULE}:{END + MAX_YAML_DEPTH}:101: error[too-deep]: this file is nested too deeply"),
    ("many-values", append(MODULE, b"many:\n" + b"  - a\n" * (MAX_YAML_NODES + 10)),
     Located(MODULE, END + 1, END + MAX_YAML_NODES, f"error[too-large]: this file has more than {MAX_YAML_NODES:,} values")),
    # Very large files
    ("large-yaml", append(MODULE, b"# " + b"x" * MAX_FILE_BYTES + b"\n"),
     f"{MODULE}: error[too-large]: this file is 2049 KB; coursebuilder reads files up to 2048 KB"),
    ("large-markdown", write(BODY, b"word " * (MAX_FILE_BYTES // 5 + 1024)),
     f"{BODY}: error[too-large]: this file is 2052 KB; coursebuilder reads files up to 2048 KB"),
    # Encodings and invisible characters
    ("latin-1-yaml", replace(MODULE, b"A small module", b"A sm\xe9ll module"),
     f"{MODULE}:2:14: error[encoding]: this file is not saved as UTF-8 text"),
    ("utf-16-yaml", lambda p: _write(p, MODULE, (p / MODULE).read_text().encode("utf-16")),
     f"{MODULE}:1:1: error[encoding]: this file is not saved as UTF-8 text"),
    ("windows-1252-markdown", write(BODY, b"The second section \x96 with a dash.\n"),
     f"{BODY}:1:20: error[encoding]: this file is not saved as UTF-8 text"),
    ("nul-in-yaml", replace(MODULE, b"Demo module", b"Demo\x00module"),
     f"{MODULE}:1:12: error[encoding]: this file contains a NUL byte, so it is not a text file"),
    ("nul-in-markdown", write(BODY, b"hello\n wor\x00ld\n"),
     f"{BODY}:2:5: error[encoding]: this file contains a NUL byte, so it is not a text file"),
    ("control-character", replace(MODULE, b"Demo module", b"Demo\x07module"),
     f"{MODULE}:1:12: error[encoding]: this file contains an invisible control character (#x0007) "
     "that YAML does not allow"),
    ("control-character-after-crlf", lambda p: _write(p, MODULE, (p / MODULE).read_bytes().replace(b"\n", b"\r\n")
                                                      .replace(b"A small module", b"A small\x1bmodule")),
     f"{MODULE}:2:17: error[encoding]: this file contains an invisible control character (#x001b) "
     "that YAML does not allow"),
    # Tabs
    ("tab-indent", replace(MODULE, b"  - title: Second", b"\t- title: Second"),
     f"{MODULE}:36:1: error[yaml]: this line is indented with a tab"),
    ("tab-after-spaces", replace(MODULE, b"    minutes: 10\n", b"  \tminutes: 10\n"),
     f"{MODULE}:37:3: error[yaml]: this line is indented with a tab"),
    ("tab-inside-text", replace(MODULE, b"summary: A small", b"summary: A\tsmall"),
     f"{MODULE}:2:11: error[yaml]: YAML syntax: found character '\\t' that cannot start any token"),
    # Empty and shapeless files
    ("empty-module", write(MODULE, b""), f"{MODULE}: error[empty]: this file is empty"),
    ("empty-course", write("course.yaml", b""), "course.yaml: error[empty]: this file is empty"),
    ("comments-only", write(MODULE, b"# nothing yet\n"), f"{MODULE}: error[empty]: this file is empty"),
    ("bom-only", write(MODULE, b"\xef\xbb\xbf"), f"{MODULE}: error[empty]: this file is empty"),
    ("list-not-mapping", write(MODULE, b"- a\n- b\n"),
     f"{MODULE}:1:1: error[type]: this file should be a set of `key: value` lines"),
    ("text-not-mapping", write("course.yaml", b"just some words\n"),
     "course.yaml:1:1: error[type]: this file should be a set of `key: value` lines"),
    # Keys
    ("duplicate-key", append(MODULE, b"title: Again\n"),
     f'{MODULE}:{END}:1: error[duplicate-key]: "title" appears twice in the same place (first on line 1)'),
    ("duplicate-nested-key", replace(MODULE, b"    minutes: 10\n", b"    minutes: 10\n    minutes: 12\n"),
     f'{MODULE}:38:5: error[duplicate-key]: "minutes" appears twice in the same place (first on line 37)'),
    ("duplicate-key-in-course", append("course.yaml", b"modules: [demo]\n"),
     'course.yaml:10:1: error[duplicate-key]: "modules" appears twice in the same place (first on line 6)'),
    ("complex-key", append(MODULE, b"? [a, b]\n: c\n"), f"{MODULE}:{END}:3: error[yaml]: a key must be a plain name"),
    ("merge-key", append(MODULE, b"x: &x {a: 1}\ny:\n  <<: *x\n"),
     f"{MODULE}:{END + 2}:3: error[yaml]: YAML merge keys ('<<') are not supported"),
    ("second-document", append(MODULE, b"---\ntitle: two\n"),
     f"{MODULE}:{END}:1: error[yaml]: YAML syntax: but found another document"),
    ("python-tag", append(MODULE, b"x: !!python/object/apply:os.system [echo hi]\n"),
     f'{MODULE}:{END}:1: error[unknown-key]: unknown key "x"'),
    # Modules that are not there
    ("module-folder-without-module-yaml", delete(MODULE),
     "course.yaml:6:11: error[module-missing]: module folder modules/demo/ has no module.yaml"),
    ("course-names-missing-module", replace("course.yaml", b"modules: [demo]", b"modules: [demo, nowhere]"),
     'course.yaml:6:17: error[module-missing]: module "nowhere" has no folder modules/nowhere/'),
    # Files that refer to themselves or to no Markdown
    ("body-is-its-own-module-yaml", replace(MODULE, b"body: 02-second.md", b"body: module.yaml"),
     f'{MODULE}:38:11: error[not-markdown]: section "Second steps": "module.yaml" is not a Markdown file'),
    ("body-is-a-folder", replace(MODULE, b"body: 02-second.md", b"body: images"),
     f'{MODULE}:38:11: error[missing-file]: section "Second steps": "images" is a folder, not a file (modules/demo/images)'),
    # Pictures from outside the project
    ("web-picture", write(BODY, b"Look:\n\n![The ward](https://example.org/a.png)\n"),
     f'{BODY}:3:13: error[url]: "https://example.org/a.png" is a web or other address; '
     "coursebuilder only uses files in your project"),
    ("data-picture", write(BODY, b"![The ward](data:image/png;base64,iVBORw0KGgo=)\n"),
     f'{BODY}:1:13: error[url]: "data:image/png;base64,iVBORw0KGgo=" is a web or other address; '
     "coursebuilder only uses files in your project"),
    ("absolute-picture", write(BODY, b"![The ward](/etc/hosts.png)\n"),
     f'{BODY}:1:13: error[path]: "/etc/hosts.png" is an absolute path; content can only use files inside the project'),
    ("escaping-picture", write(BODY, b"![The ward](../../../x.png)\n"),
     f'{BODY}:1:13: error[outside-project]: "../../../x.png" points outside the project'),
    ("raw-img-tag", write(BODY, b"Look:\n\n<img src=x onerror=alert(1)>\n"),
     f"{BODY}:3:1: error[raw-image]: an HTML <img> tag cannot show a picture here"),
]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("change, expected", [pytest.param(c, e, id=i) for i, c, e in CASES])
def test_bad_input_gets_a_located_message_and_leaves_build_untouched(make_project, run, change, expected):
    project = make_project()
    previous = project / "build" / "html"
    previous.mkdir(parents=True)
    (previous / "index.html").write_bytes(b"<p>the previous build</p>\n")
    (project / "build" / "notes.txt").write_bytes(b"kept\n")
    before = _snapshot(project / "build")
    change(project)

    with hang_guard("building from this input"):  # some of these inputs used to hang for minutes
        result = run(project, "build", "--format", "html", "--quiet")

    assert result.exit_code == 1, result.output
    assert shows(expected, result.output.splitlines()), result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert _snapshot(project / "build") == before


def test_check_reports_the_same_located_message(make_project, run):
    project = make_project()
    append(MODULE, _BOMB)(project)
    with hang_guard("checking an alias bomb"):
        result = run(project, "check")
    assert result.exit_code == 1
    assert shows(CASES[0][2], result.output.splitlines()), result.output


@pytest.mark.parametrize("change", [
    pytest.param(lambda p: _write(p, MODULE, b"\xef\xbb\xbf" + (p / MODULE).read_bytes()), id="byte-order-mark"),
    pytest.param(lambda p: _write(p, MODULE, (p / MODULE).read_bytes().replace(b"\n", b"\r\n")), id="crlf"),
    pytest.param(lambda p: _write(p, MODULE, (p / MODULE).read_bytes().replace(b"\n", b"\r")), id="old-mac-cr"),
    pytest.param(lambda p: _write(p, BODY, b"\xef\xbb\xbfThe second\r\nsection.\r\n"), id="markdown-bom-crlf"),
    pytest.param(write(BODY, b""), id="empty-markdown"),
    pytest.param(replace(MODULE, b"A small module that uses every block type.", b"'A\tsmall module.'"), id="tab-in-quotes"),
])
def test_harmless_differences_are_read_as_intended(make_project, run, change):
    project = make_project()
    change(project)
    result = run(project, "check")
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("No problems found.")


TRICKS = """\
# Tricks

<script>alert("script")</script>
<SCRIPT SRC=https://evil.example/x.js></SCRIPT>
<iframe src="https://evil.example/"></iframe>
<object data="https://evil.example/x.swf"></object>
<embed src="https://evil.example/x.swf">
<form action="https://evil.example/"><input name=q></form>
<style>body { background: url(https://evil.example/bg.png) }</style>
<meta http-equiv="refresh" content="0; url=https://evil.example/">
<link rel=stylesheet href=https://evil.example/s.css>
<base href="https://evil.example/">
<svg onload=alert(1)><circle r=1 /></svg>

<p onclick="alert(1)" style="background:url(https://evil.example/p.png)">Click</p>
<a href="javascript:alert(1)">js</a> <a href="JaVaScRiPt&colon;alert(1)">js2</a>
<a href="vbscript:msgbox(1)">vb</a> <a href="data:text/html,<script>alert(1)</script>">data</a>
<a href=" javascript:alert(1)">spaced</a> <a href="java&#09;script:alert(1)">tabbed</a>

[md js](javascript:alert(1)) [md vb](vbscript:msgbox) [md data](data:text/html;base64,PHNjcmlwdD4=)
[md ok](https://www.samaritans.org) <mailto:help@example.org>
"""

def _leaks(html: str, ours: set[str] = frozenset(), tags: set[str] | None = None) -> list[str]:
    """Every element or attribute in `html` that could run code, fetch, submit or redirect.
    `ours`: the page template's own head elements (coursebuilder's scripts and styles)."""
    found = []
    for element in lxml.html.fromstring(f"<div>{html}</div>" if "<html" not in html else html).iter():
        if not isinstance(element.tag, str):
            continue
        shown = lxml.html.tostring(element, with_tail=False).decode()[:120]
        if element.tag in (tags or DANGEROUS_TAGS) and _head_tag(element) not in ours:
            found.append(shown)
        for name, value in element.attrib.items():
            if name.lower().startswith("on") or name.lower() in ("style", "http-equiv", "formaction"):
                found.append(f"{name}= in {shown}")
            if re.match(r"\s*(javascript|vbscript|data)\s*:", value, re.IGNORECASE) or "evil.example" in value:
                found.append(f"{name}={value!r}")
        if element.tag in ("script", "style") and re.search(r"alert|evil\.example", element.text or ""):
            found.append(shown)
    return found


DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "form", "input", "style", "meta", "link",
                  "base", "svg", "math", "frame", "frameset", "applet"}


def _head_tag(element) -> str:
    """An element as the template writes it, whatever course text fills its title."""
    return element.tag + repr(sorted((k, "" if k == "title" else v) for k, v in element.attrib.items()))


def _template_tags(page: str) -> set[str]:
    return {_head_tag(e) for e in lxml.html.fromstring(page).iter() if e.tag in DANGEROUS_TAGS}


def _pages(out: Path) -> dict[str, str]:
    """Every HTML page of a build, including those inside SCORM zips."""
    pages = {}
    for file in out.rglob("*"):
        if file.suffix == ".html":
            pages[file.relative_to(out).as_posix()] = file.read_text(encoding="utf-8")
        elif file.suffix == ".zip":
            with zipfile.ZipFile(file) as archive:
                pages.update({f"{file.name}!{name}": archive.read(name).decode("utf-8")
                              for name in archive.namelist() if name.endswith(".html")})
    return pages


def test_markdown_tricks_never_reach_rendered_html():
    html = str(render_markdown(TRICKS))
    assert _leaks(html) == []
    assert "Tricks" in html and "Click" in html  # the harmless words survive
    assert '<a href="https://www.samaritans.org" rel="noopener noreferrer">md ok</a>' in html
    assert 'href="mailto:help@example.org"' in html


def test_tricks_in_markdown_and_yaml_never_reach_html_or_scorm(make_project, run, tmp_path):
    clean = tmp_path / "clean"
    assert run(make_project(), "build", "--format", "html,scorm", "--out", str(clean), "--quiet").exit_code == 0
    ours = set().union(*map(_template_tags, _pages(clean).values()))

    project = tmp_path / "tricks"
    shutil.copytree(FIXTURES / "minimal", project)
    write(BODY, TRICKS.encode())(project)
    replace(MODULE, b"title: Demo module", b"title: Demo <script>alert(1)</script> module")(project)
    replace(MODULE, b"{type: key_point, text: Remember this.}",
            b"{type: key_point, text: 'Remember <iframe src=https://evil.example/></iframe> [x](javascript:alert(1))'}"
            )(project)
    out = tmp_path / "out"
    result = run(project, "build", "--format", "html,scorm", "--out", str(out), "--quiet")
    assert result.exit_code == 0, result.output

    pages = _pages(out)
    assert any(".zip!" in name for name in pages)
    assert any("Demo &lt;script&gt;" in page for page in pages.values())  # YAML text is escaped, not dropped
    # The quiz's own <form> and <input> are the template's; an author's form would need an address to submit to.
    page_tags = DANGEROUS_TAGS - {"form", "input"}
    assert {name: _leaks(page, ours, page_tags) for name, page in pages.items() if _leaks(page, ours, page_tags)} == {}


def _listener() -> socket.socket:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.setblocking(False)
    return server


def _build_all(project: Path, out: Path) -> dict[str, bytes]:
    build(Project.find(project), out=out)
    return _snapshot(out)


@pytest.mark.slow
def test_builds_open_no_connection_and_are_reproducible(make_project, tmp_path, monkeypatch):
    """Every format, with content that names a listening address everywhere it can: nothing connects.
    Two builds, the second with the clock three days on, give identical HTML, SCORM, PDF and PPTX."""
    server = _listener()
    address = "http://127.0.0.1:%d" % server.getsockname()[1]
    project = make_project()
    write(BODY, f"""The [second section]({address}/link) and <{address}/autolink>.

<iframe src="{address}/frame"></iframe><video src="{address}/video"></video><audio src="{address}/audio"></audio>
<link rel=stylesheet href="{address}/style.css"><object data="{address}/object"></object>
<style>@import url({address}/import.css); p {{ background: url({address}/bg.png) }}</style>
<p style="background-image: url({address}/inline.png)">Styled</p>
""".encode())(project)
    replace(MODULE, b'url: "https://example.org/guide"', f'url: "{address}/reference"'.encode())(project)
    replace("course.yaml", b'url: "https://www.samaritans.org"', f'url: "{address}/help"'.encode())(project)
    try:
        first = _build_all(project, tmp_path / "first")
        later = time.time() + 3 * 24 * 3600
        monkeypatch.setattr(time, "time", lambda: later)
        second = _build_all(project, tmp_path / "second")
        monkeypatch.undo()
        with pytest.raises(BlockingIOError):
            server.accept()
    finally:
        server.close()

    assert any(name.startswith("pdf/") for name in first) and any(name.startswith("pptx/") for name in first)
    same_formats = ("html/", "scorm/", "pdf/", "pptx/")
    assert sorted(first) == sorted(second)
    differing = [name for name in first if name.startswith(same_formats) and first[name] != second[name]]
    assert differing == []


def test_many_pictures_in_one_paragraph_are_located_in_bounded_time():
    # Locating each picture used to rescan every earlier one: 2,000 pictures took two minutes.
    text = "Look:\n" + "![The ward](images/dot.png) ![The ward](images/dot.png)\n" * 2000
    with hang_guard("locating 4,000 pictures"):
        found = find_images(text)
    assert [(ref.line, ref.column) for ref in found[:3]] == [(2, 13), (2, 41), (3, 13)]
    assert (found[-1].line, found[-1].column) == (2001, 41) and len(found) == 4000


@pytest.mark.parametrize("css, code, column", [
    ('body { background: url("https://example.org/track.png"); }', "url", 25),
    ("@import 'http://example.org/more.css';", "url", 10),
    ("p { background: url(data:image/png;base64,AAAA) }", "url", 21),
    ("p { background: url(../../../../etc/passwd) }", "outside-project", 21),
    ("p { background: url(/etc/passwd) }", "path", 21),
])
def test_theme_css_may_only_name_files_in_the_theme(make_project, tmp_path, css, code, column):
    import shutil

    from coursebuilder.errors import ContentError
    from coursebuilder.pipeline import build
    from coursebuilder.project import Project, builtin_themes_dir

    project = make_project()
    theme = project / "themes" / "mine"
    shutil.copytree(builtin_themes_dir() / "default", theme)
    stylesheet = theme / "static" / "style.css"
    stylesheet.write_text("/* url(https://example.org/in-a-comment.png) is fine */\n" + css + "\n",
                          encoding="utf-8")
    with pytest.raises(ContentError) as info:
        build(Project.find(project), out=tmp_path / "out", theme="mine", formats=["html"])
    problem = info.value.diagnostics[0]
    assert (problem.file, problem.line, problem.column, problem.code) == (
        "themes/mine/static/style.css", 2, column, code)
    assert not (tmp_path / "out").exists()


def test_every_link_in_every_bundled_output_is_a_web_or_email_address(bundled_build):
    """PDF link annotations and PPTX hyperlinks included: only http, https and mailto leave a build."""
    import zipfile

    import pikepdf
    from lxml import etree

    allowed = ("http://", "https://", "mailto:")
    targets = []
    for pdf_file in sorted((bundled_build / "pdf").glob("*.pdf")):
        with pikepdf.open(pdf_file) as pdf:
            for page in pdf.pages:
                for annot in page.get("/Annots", []):
                    action = annot.get("/A")
                    if action is not None and "/URI" in action:
                        targets.append((pdf_file.name, str(action["/URI"])))
    for deck in sorted((bundled_build / "pptx").glob("*.pptx")):
        with zipfile.ZipFile(deck) as archive:
            for name in archive.namelist():
                if name.endswith(".rels"):
                    for rel in etree.fromstring(archive.read(name)):
                        if rel.get("TargetMode") == "External":
                            targets.append((deck.name, rel.get("Target")))
    assert len({name for name, _ in targets if name.endswith(".pdf")}) > 0
    assert len({name for name, _ in targets if name.endswith(".pptx")}) > 0
    assert [t for t in targets if not t[1].startswith(allowed)] == []
