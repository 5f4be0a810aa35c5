"""One table of build speed for N synthetic modules, beside the pipeline a trainer might script instead.

For a course of N modules (synthetic.py: copies of the bundled modules, every block type), it
measures, each build in a fresh `coursebuilder` process (start-up and imports included):

- a cold build of each format into an empty folder, with the default --jobs (one per CPU), its
  time and the peak memory of its largest process (the build or one of its workers);
- the time each edition takes, from a build with --jobs 1 (the time between one output's progress
  line and the next is that output's render time);
- a rebuild with nothing changed, and a rebuild after editing one module's Markdown, of every
  format at once;
- on the same text, exported as one Markdown file per module (peers.py): pandoc to HTML, pandoc to
  PPTX and pandoc to Typst to PDF, one pandoc process per module as a shell script would run them
  (also two at a time, for a fair comparison with our two processes), and WeasyPrint alone laying
  out coursebuilder's own handbook HTML with as many processes as we use.

The course handbook (one PDF of every module) is left out unless --course-handbook is given: it is
one document, so it cannot be shared between processes, and its cost grows with the whole course.

usage: .venv/bin/python benchmarks/build_speed.py [N ...] [--course-handbook] [--no-peers] [--no-editions]
       (default N: 10; the peers need `pip install -e '.[bench]'`)
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_project  # noqa: E402

FORMATS = ["html", "pdf", "pptx", "scorm"]
COMMAND = [sys.executable, "-m", "coursebuilder", "build"]


@dataclass
class Run:
    seconds: float
    peak_mb: float
    lines: list[tuple[float, str]]  # (seconds since start, progress line)


def coursebuilder(project: Path, *args: str) -> Run:
    """One `coursebuilder build` in a fresh process; its progress lines are timed as they arrive."""
    started = time.perf_counter()
    process = subprocess.Popen([*COMMAND, *args], cwd=project, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    lines = [(time.perf_counter() - started, line.rstrip("\n")) for line in process.stderr]
    _, status, usage = os.wait4(process.pid, 0)  # ru_maxrss: the largest of the process and its workers
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("build failed:\n" + "\n".join(line for _, line in lines))
    return Run(seconds, usage.ru_maxrss / 1024, lines)


def edition_times(project: Path, out: Path) -> dict[str, float]:
    """Seconds per format and edition from a one-process build: the gap before each progress line."""
    run = coursebuilder(project, "--jobs", "1", "--out", str(out))
    totals: dict[str, float] = {}
    previous = None
    for at, line in run.lines:
        if not line.startswith("["):
            continue
        if previous is not None:  # the first output also paid for start-up, loading and checks
            fmt, _, label = line.split("] ", 1)[1].partition(": ")
            slug, _, edition = label.partition(" ")  # "module-007 large print"
            key = f"{fmt} {edition}".strip() if slug.startswith("module-") else f"{fmt} {label}"
            totals[key] = totals.get(key, 0.0) + at - previous
        previous = at
    return totals


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{cpu}, {cpus} CPUs, {memory:.0f} GiB; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; load average {load:.1f} at the start")


def peers_table(project: Path, scratch: Path, jobs: int) -> dict[str, float]:
    import peers

    md_files = peers.export_markdown(project, scratch / "markdown")
    out = scratch / "peer"
    times = {"pandoc → HTML": peers.time_pandoc_html(md_files, out / "html"),
             "pandoc → PPTX": peers.time_pandoc_pptx(md_files, out / "pptx")}
    for label, suffix, to in (("HTML", ".html", "html"), ("PPTX", ".pptx", "pptx")):
        (out / f"{to}-2").mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        with ThreadPoolExecutor(jobs) as pool:  # each call is its own pandoc process
            list(pool.map(lambda md: peers._pandoc(md, out / f"{to}-2" / (md.stem + suffix), "--to", to), md_files))
        times[f"pandoc → {label}, {jobs} at a time"] = time.perf_counter() - started
    to_typst, typst_pdf = peers.time_pandoc_typst_pdf(md_files, out / "typst")
    times["pandoc → Typst → PDF"] = to_typst + typst_pdf
    times[f"WeasyPrint alone, {jobs} processes"], times["WeasyPrint pages"] = peers.time_weasyprint_engine(project, jobs)
    return times


def measure(count: int, *, course_handbook: bool, with_peers: bool, with_editions: bool) -> None:
    jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    with tempfile.TemporaryDirectory(prefix="coursebuilder-bench-") as folder:
        scratch = Path(folder)
        project = make_project(count, scratch / "project", course_handbook=course_handbook)
        rows: list[tuple[str, float, str]] = []
        cold_total = 0.0
        cold: dict[str, Run] = {}
        for fmt in FORMATS:
            run = coursebuilder(project, "--format", fmt)  # into the project's build/, so the cache fills
            cold[fmt] = run
            cold_total += run.seconds
            rows.append((f"cold build, {fmt}", run.seconds, f"peak {run.peak_mb:.0f} MB"))
        if with_editions:
            for key, seconds in edition_times(project, scratch / "serial").items():
                rows.append((f"  one process: {key}", seconds, ""))
        noop = coursebuilder(project)
        rows.append(("no-op rebuild, every format", noop.seconds,
                     f"{noop.seconds / cold_total:.1%} of the cold builds ({cold_total:.1f} s)"))
        markdown = project / "modules" / "module-001"
        target = sorted(markdown.glob("*.md"))[0]
        target.write_text(target.read_text(encoding="utf-8") + "\n\nOne more paragraph, added for the benchmark.\n",
                          encoding="utf-8")
        edit = coursebuilder(project)
        rendered = sum(1 for _, line in edit.lines if line.startswith("["))
        rows.append(("one module edited, every format", edit.seconds,
                     f"{edit.seconds / cold_total:.1%} of cold (1/N = {1 / count:.1%}); {rendered} outputs made"))
        peer: dict[str, float] = {}
        if with_peers:
            peer = peers_table(project, scratch, jobs)
            for step, seconds in peer.items():
                if step != "WeasyPrint pages":
                    rows.append((step, seconds, ""))

    print(f"\n{count} modules, --jobs {jobs}; {machine()}")
    print(f"{'measurement':<44} {'seconds':>8} {'per module':>10}  notes")
    for label, seconds, note in rows:
        print(f"{label:<44} {seconds:>8.2f} {seconds / count:>10.3f}  {note}")
    if peer:
        print("ratios (coursebuilder ÷ peer; below 1 is faster):")
        print(f"  html ÷ pandoc → HTML (one at a time):  {cold['html'].seconds / peer['pandoc → HTML']:.2f}"
              f"   (two at a time: {cold['html'].seconds / peer[f'pandoc → HTML, {jobs} at a time']:.2f})")
        print(f"  pptx ÷ pandoc → PPTX (one at a time):  {cold['pptx'].seconds / peer['pandoc → PPTX']:.2f}"
              f"   (two at a time: {cold['pptx'].seconds / peer[f'pandoc → PPTX, {jobs} at a time']:.2f})")
        engine = peer[f"WeasyPrint alone, {jobs} processes"]
        if course_handbook:  # WeasyPrint alone lays out the module editions only
            print("  pdf ÷ WeasyPrint alone: not the same pages (ours includes the course handbook)")
        else:
            print(f"  pdf ÷ WeasyPrint alone on the same {peer['WeasyPrint pages']:.0f} pages: "
                  f"{cold['pdf'].seconds / engine:.2f}   (pandoc → Typst → PDF of the participant text only: "
                  f"{peer['pandoc → Typst → PDF']:.2f} s)")


def main(argv: list[str]) -> None:
    flags = {arg for arg in argv if arg.startswith("--")}
    unknown = flags - {"--course-handbook", "--no-peers", "--no-editions"}
    counts = [arg for arg in argv if not arg.startswith("--")]
    if unknown or not all(count.isdigit() for count in counts):
        sys.exit(__doc__)
    for count in [int(c) for c in counts] or [10]:
        measure(count, course_handbook="--course-handbook" in flags, with_peers="--no-peers" not in flags,
                with_editions="--no-editions" not in flags)


if __name__ == "__main__":
    main(sys.argv[1:])
