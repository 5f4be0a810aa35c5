"""The peer pipeline a trainer might script instead of coursebuilder, timed on the same text.

A trainer without coursebuilder would keep each module as one Markdown file and run pandoc over it
from a shell script, once per module and format: to standalone HTML, to PowerPoint, and to Typst
then a PDF. This module exports a coursebuilder project to such Markdown files and times those
calls, and separately times WeasyPrint alone on the exact handbook HTML coursebuilder produces, so
a comparison can separate the engine's cost from coursebuilder's own work.

usage: .venv/bin/python benchmarks/peers.py [N]   (default 10 synthetic modules, see synthetic.py)

Needs the bench tools: .venv/bin/pip install pypandoc_binary typst (pypdf for the page counts).
"""

from __future__ import annotations

import html.parser
import json
import multiprocessing
import queue
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pydantic import BaseModel

from coursebuilder.load import LoadedCourse, LoadedModule, load_course
from coursebuilder.project import Project

# Fields that steer rendering rather than being read: never exported as text.
NOT_PROSE = {"type", "src", "alt", "caption", "decorative", "correct", "composite", "minutes"}

# Problems the tools reported (stderr of pandoc, typst warnings), deduplicated, for the caller to show.
PANDOC_MESSAGES: set[str] = set()
TYPST_MESSAGES: set[str] = set()

SETUP_TIMEOUT = 300  # seconds a WeasyPrint process may take to set up, or to exit after its share

_WORD_RE = re.compile(r"\w+(?:['’\-]\w+)*")


# --- export ------------------------------------------------------------------------------------


def load(project_dir: Path) -> LoadedCourse:
    """The whole course, loaded as coursebuilder loads it; any loading error stops the benchmark."""
    result = load_course(Project.find(project_dir))
    errors = [d for d in result.diagnostics if d.severity == "error"]
    if result.course is None or errors:
        raise SystemExit("the project does not load:\n" + "\n".join(str(d) for d in errors))
    return result.course


def export_markdown(project_dir: Path, out_dir: Path) -> list[Path]:
    """Write `<slug>.md` per module, in course order: the participant handbook's text as one file.

    Title and summary go in the YAML metadata (pandoc's title page, slide and heading), then the
    content note, outcomes, audience and facts, each section (title as `#`, its Markdown body whose
    author headings start at `##`, then every block), the glossary and the references. Blocks are
    exported by walking their pydantic models, so a new prose field is picked up without edits here.
    Facilitator notes are left out: they belong to the facilitator guide, not the participant text.

    Pictures are referenced by the absolute path of the project's own file, with their alt text as
    `{alt=...}` and their caption as the Markdown caption, so pandoc finds them from any folder;
    decorative pictures are left out, as coursebuilder's print does.
    """
    course = load(project_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = []
    for module in course.modules:
        file = out_dir / f"{module.slug}.md"
        file.write_text(_module_markdown(module, course.meta.language), encoding="utf-8")
        files.append(file)
    return files


def _module_markdown(module: LoadedModule, language: str) -> str:
    meta = module.meta
    lines = ["---", f"title: {_yaml(meta.title)}", f"subtitle: {_yaml(meta.summary)}", f"lang: {_yaml(language)}",
             "---", ""]
    note = meta.content_note
    lines += ["# Before you start", "", f"**This module talks about:** {', '.join(note.topics)}.", "", note.text, ""]
    lines += ["# About this module", "", "## What you will be able to do", ""]
    lines += [f"{number}. {outcome}" for number, outcome in enumerate(meta.outcomes, start=1)] + [""]
    lines += ["## Who this is for", ""] + [f"- {who}" for who in meta.audience] + [""]
    lines += [f"- Version {meta.version}, reviewed {_date(meta.reviewed)}; next review due {_date(meta.next_review)}",
              f"- Co-produced with: {'; '.join(person.role for person in meta.co_produced_with)}",
              f"- Written by: {', '.join(meta.authors)}",
              f"- Licence: {meta.licence}", ""]
    for section in meta.sections:
        lines += [f"# {section.title}", ""]
        document = module.document(section.body)
        if document is not None:
            lines += [_absolute_pictures(document.text, document.images), ""]
        for block in section.blocks:
            lines += _block(module, block)
    if meta.glossary:
        lines += ["# Glossary", ""] + [f"- **{entry.term}**: {entry.definition}" for entry in meta.glossary] + [""]
    if meta.references:
        lines += ["# References", ""] + [f"- {_scalars(reference)}" for reference in meta.references] + [""]
    return "\n".join(lines)


def _block(module: LoadedModule, block: BaseModel) -> list[str]:
    if block.type == "image":
        if block.decorative:
            return []
        picture = module.images[block.src].as_posix()
        return [f"![{block.caption or ''}](<{picture}>){{alt={_yaml(block.alt)}}}", ""]
    kind = block.type.replace("_", " ").capitalize()
    title = getattr(block, "title", None)
    return [f"## {kind}: {title}" if title else f"## {kind}", "", *_prose(block)]


def _prose(model: BaseModel) -> list[str]:
    """Every prose field of a model in declaration order: text as paragraphs, lists as bullets."""
    lines: list[str] = []
    for name, value in model:
        if name in NOT_PROSE or name == "title" or value is None:
            continue
        if isinstance(value, str):
            lines += [value, ""]
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            for item in value:
                # A small record (an answer option) is one bullet; a larger one (a question) nests.
                if all(not isinstance(v, (list, BaseModel)) for _, v in item):
                    lines.append(f"- {_scalars(item)}")
                else:
                    lines += _prose(item)
            lines.append("")
        elif isinstance(value, list) and value:
            lines += [f"- {entry}" for entry in value] + [""]
    return lines


def _scalars(model: BaseModel) -> str:
    return ". ".join(str(v).rstrip(".") for name, v in model
                     if name not in NOT_PROSE and isinstance(v, (str, int)) and not isinstance(v, bool)) + "."


def _absolute_pictures(text: str, images: dict[str, Path]) -> str:
    for name, file in images.items():
        text = text.replace(f"]({name}", f"](<{file.as_posix()}>")
    return text


def _date(day) -> str:
    return f"{day.day} {day:%B %Y}"


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


# --- the peer pipeline -------------------------------------------------------------------------


def _pandoc(md: Path, target: Path, *extra: str) -> None:
    """One pandoc run, as a trainer's shell script would make it: a fresh process per file."""
    import pypandoc

    done = subprocess.run([pypandoc.get_pandoc_path(), "--standalone", "--from", "markdown", *extra,
                           "--output", str(target), str(md)], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"pandoc failed on {md.name}:\n{done.stderr}")
    PANDOC_MESSAGES.update(line for line in done.stderr.splitlines() if line.strip())


def _time_pandoc(md_files: list[Path], out_dir: Path, suffix: str, *extra: str) -> float:
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for md in md_files:
        _pandoc(md, out_dir / (md.stem + suffix), *extra)
    return time.perf_counter() - started


def time_pandoc_html(md_files: list[Path], out_dir: Path) -> float:
    """pandoc -s Markdown → standalone HTML, one process per module, one after another.

    Pictures stay linked (no --embed-resources), as coursebuilder's HTML links them too.
    """
    return _time_pandoc(md_files, out_dir, ".html", "--to", "html")


def time_pandoc_pptx(md_files: list[Path], out_dir: Path) -> float:
    """pandoc Markdown → .pptx with pandoc's default reference deck, one process per module."""
    return _time_pandoc(md_files, out_dir, ".pptx", "--to", "pptx")


def time_pandoc_typst_pdf(md_files: list[Path], out_dir: Path) -> tuple[float, float]:
    """pandoc Markdown → .typ per module, then Typst → PDF; returns (pandoc seconds, Typst seconds).

    Each Typst compile is a fresh compiler, as `typst compile` per file from a script would be
    (so each one finds the system fonts again). The PDF is tagged (Typst's default), but not
    checked against PDF/UA as WeasyPrint's is: pandoc's Typst output keeps no picture alt text.
    The exported Markdown names pictures by absolute path and Typst reads absolute paths from its
    project root, so the root is `/`; the files read are the same either way. PNG, JPEG, GIF, SVG
    and WebP all load in Typst 0.15, so no picture is converted.
    """
    import typst

    out_dir.mkdir(parents=True, exist_ok=True)
    typ_files = [out_dir / (md.stem + ".typ") for md in md_files]
    started = time.perf_counter()
    for md, typ in zip(md_files, typ_files):
        _pandoc(md, typ, "--to", "typst")
    converted = time.perf_counter()
    for typ in typ_files:
        _, warnings = typst.compile_with_warnings(str(typ), output=str(typ.with_suffix(".pdf")), root="/")
        TYPST_MESSAGES.update(f"{typ.name}: {warning.message}" for warning in warnings)
    compiled = time.perf_counter()
    return converted - started, compiled - converted


# --- WeasyPrint alone, on coursebuilder's handbook HTML ----------------------------------------


def handbook_documents(project_dir: Path):
    """(job, [(file name, HTML)]) for every module in every module edition, as PdfRenderer writes them.

    Mirrors the module branch of PdfRenderer's rendering (the template's arguments must be kept in
    step with coursebuilder/render/pdf.py); the whole-course handbook is not included.
    """
    from coursebuilder.render import RenderJob
    from coursebuilder.render.pdf import MODULE_EDITIONS, Part, _environment
    from coursebuilder.themes import load_theme

    course = load(project_dir)
    job = RenderJob(course=course, theme=load_theme(course.project, course.meta.theme))
    env = _environment(job)
    template = env.get_template("handbook.html")
    documents = []
    for module in course.modules:
        for edition in MODULE_EDITIONS:
            html = template.render(
                edition=edition, parts=[Part(module, edition, course.meta.session_start)],
                title=f"{module.meta.title} – {edition.label}", whole_course=False,
                description=module.meta.summary, keywords=module.meta.content_note.topics)
            documents.append((edition.file(module.slug), html))
    return job, documents


def _engine(job):
    """What PdfRenderer sets up once per job: the fetcher, the font configuration, the stylesheet."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    from coursebuilder.render.pdf import BASE_URL, _environment, _stylesheet
    from coursebuilder.render.pdf_fetch import ProjectFetcher  # its home; pdf.py imports it only when rendering

    fetcher = ProjectFetcher(job.course.project, {m.slug: m.folder for m in job.modules}, job.theme.folder)
    fonts = FontConfiguration()
    css = CSS(string=_stylesheet(_environment(job), job.theme), base_url=BASE_URL, url_fetcher=fetcher,
              font_config=fonts)
    return fetcher, fonts, css


def _write_pdfs(engine, documents: list[tuple[str, str]], out_dir: Path) -> int:
    """Lay out and write each document; the pages are counted from the layout already done.

    HTML.write_pdf is exactly render() then Document.write_pdf(); calling the two here costs the
    same and lets the page count come for free.
    """
    from weasyprint import HTML

    from coursebuilder.render.pdf import BASE_URL, PDF_VARIANT

    fetcher, fonts, css = engine
    pages = 0
    for name, markup in documents:
        document = HTML(string=markup, base_url=BASE_URL, url_fetcher=fetcher).render(
            font_config=fonts, stylesheets=[css], pdf_variant=PDF_VARIANT)
        document.write_pdf(out_dir / name, stylesheets=[css], pdf_variant=PDF_VARIANT)
        pages += len(document.pages)
    return pages


def _worker(job, documents, out_dir: Path, ready, results) -> None:
    try:
        engine = _engine(job)  # untimed: set up before the start line
    except BaseException:
        ready.abort()  # release the others at once rather than leave them waiting for this process
        raise
    ready.wait()
    results.put(_write_pdfs(engine, documents, out_dir))


def _shares(documents: list[tuple[str, str]], jobs: int) -> list[list[tuple[str, str]]]:
    """Split the documents so each process gets about the same amount of HTML (longest first)."""
    shares: list[list[tuple[str, str]]] = [[] for _ in range(jobs)]
    sizes = [0] * jobs
    for document in sorted(documents, key=lambda d: len(d[1]), reverse=True):
        lightest = sizes.index(min(sizes))
        shares[lightest].append(document)
        sizes[lightest] += len(document[1])
    return shares


def time_weasyprint_engine(project_dir: Path, jobs: int = 1) -> tuple[float, int]:
    """Seconds WeasyPrint alone takes to lay out and write every module's handbook, facilitator
    guide and large-print edition from coursebuilder's own HTML, and the total pages.

    The HTML, stylesheet, fonts and fetcher are prepared first and not timed. With jobs > 1 the
    documents are shared between that many forked processes, each setting up its own engine before
    a common start; the time is the wall time from the start until every process has reported.
    The first document in each process also pays WeasyPrint's one-off warm-up, as a real build does.
    """
    job, documents = handbook_documents(project_dir)
    with tempfile.TemporaryDirectory(prefix="peers-weasyprint-") as scratch:
        out_dir = Path(scratch)
        if jobs <= 1:
            engine = _engine(job)
            started = time.perf_counter()
            pages = _write_pdfs(engine, documents, out_dir)
            return time.perf_counter() - started, pages
        context = multiprocessing.get_context("fork")  # the children inherit the loaded course and HTML
        ready = context.Barrier(jobs + 1)
        results = context.Queue()
        workers = [context.Process(target=_worker, args=(job, share, out_dir, ready, results))
                   for share in _shares(documents, jobs)]
        for worker in workers:
            worker.start()
        try:
            ready.wait(timeout=SETUP_TIMEOUT)  # a process that dies while setting up breaks the barrier
            started = time.perf_counter()
            pages = 0
            for _ in workers:
                pages += _result(results, workers)
            seconds = time.perf_counter() - started
        finally:
            for worker in workers:
                worker.join(timeout=SETUP_TIMEOUT)
                if worker.is_alive():
                    worker.terminate()
        if any(worker.exitcode != 0 for worker in workers):
            raise RuntimeError("a WeasyPrint process failed; its traceback is above")
        return seconds, pages


def _result(results, workers) -> int:
    """The next process's page count, without waiting forever for a process that has died."""
    while True:
        try:
            return results.get(timeout=1)
        except queue.Empty:
            if any(worker.exitcode not in (None, 0) for worker in workers):
                raise RuntimeError("a WeasyPrint process failed; its traceback is above") from None


# --- sanity checks -----------------------------------------------------------------------------


class _BodyText(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inside, self.text = False, []

    def handle_starttag(self, tag, attrs) -> None:
        self.inside = self.inside or tag == "body"

    def handle_data(self, data) -> None:
        if self.inside:
            self.text.append(data)


def count_words(text: str) -> int:
    return len(_WORD_RE.findall(text))


def word_counts(project_dir: Path, md_files: list[Path]) -> tuple[int, int]:
    """(words in coursebuilder's participant handbooks, words in the exported Markdown as text).

    Ours also holds the handbook's own wording (cover, contents, reflection instructions, the
    answers page that repeats each question), so it is expected to be somewhat larger.
    """
    import pypandoc

    _, documents = handbook_documents(project_dir)
    ours = 0
    for name, markup in documents:
        if name.endswith("-handbook.pdf"):
            parser = _BodyText()
            parser.feed(markup)
            ours += count_words(" ".join(parser.text))
    exported = 0
    for md in md_files:
        plain = subprocess.run([pypandoc.get_pandoc_path(), "--standalone", "--to", "plain", str(md)],
                               capture_output=True, text=True, check=True).stdout
        exported += count_words(plain)
    return ours, exported


def pdf_pages(files: list[Path]) -> int | None:
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    return sum(len(PdfReader(file).pages) for file in files)


# --- script ------------------------------------------------------------------------------------


def main(count: int) -> None:
    import importlib.metadata

    import pypandoc

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from synthetic import make_project

    pandoc_version = subprocess.run([pypandoc.get_pandoc_path(), "--version"], capture_output=True,
                                    text=True).stdout.splitlines()[0]
    print(f"{count} modules; {pandoc_version}; typst (Python) {importlib.metadata.version('typst')}")
    with tempfile.TemporaryDirectory(prefix="peers-") as scratch:
        project = make_project(count, Path(scratch) / "project")
        md_files = export_markdown(project, Path(scratch) / "markdown")
        ours, exported = word_counts(project, md_files)
        print(f"words: coursebuilder participant handbooks {ours:,}, exported Markdown {exported:,}")
        out = Path(scratch) / "peer"
        rows = [("pandoc → HTML", time_pandoc_html(md_files, out / "html"), "")]
        rows.append(("pandoc → PPTX", time_pandoc_pptx(md_files, out / "pptx"), ""))
        to_typst, typst_pdf = time_pandoc_typst_pdf(md_files, out / "typst")
        typst_pages = pdf_pages(sorted((out / "typst").glob("*.pdf")))
        rows.append(("pandoc → Typst", to_typst, ""))
        rows.append(("Typst → PDF", typst_pdf, f"{typst_pages} pages" if typst_pages else ""))
        for jobs in (1, 2):
            seconds, pages = time_weasyprint_engine(project, jobs)
            rows.append((f"WeasyPrint engine, {jobs} job{'s' if jobs > 1 else ''}", seconds,
                         f"{pages} pages, 3 editions"))
    print(f"{'step':<26}  {'seconds':>7}  {'per module':>10}")
    for step, seconds, note in rows:
        print(f"{step:<26}  {seconds:>7.2f}  {seconds / count:>10.3f}  {note}")
    for message in sorted(PANDOC_MESSAGES):
        print(f"pandoc: {message}")
    for message in sorted(TYPST_MESSAGES):
        print(f"typst: {message}")


if __name__ == "__main__":
    if len(sys.argv) > 2 or (len(sys.argv) == 2 and not sys.argv[1].isdigit()):
        sys.exit(__doc__)
    main(int(sys.argv[1]) if len(sys.argv) == 2 else 10)
