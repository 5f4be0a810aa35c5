"""The command line: a thin layer over the library.

Exit codes: 0 success; 1 a problem in the user's files or choices; 2 wrong command-line usage;
3 an internal error (a bug in coursebuilder, never the user's fault).
"""

from __future__ import annotations

import json
import os
import signal
import traceback
from pathlib import Path

import click

from . import __version__
from .diagnostics import format_json, format_text, has_errors
from .errors import ContentError, CourseError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
FORMAT_HELP = "Comma-separated output formats, e.g. html,pdf. Default: every format."


class Group(click.Group):
    """Turns user errors into plain messages (exit 1) and bugs into a short report (exit 3)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ContentError as exc:
            click.echo(format_text(exc.diagnostics), err=True)
            click.echo("Nothing was written. Fix the errors above and try again.", err=True)
            ctx.exit(1)
        except CourseError as exc:
            click.echo(f"error: {exc.message}", err=True)
            if exc.hint:
                click.echo(f"  hint: {exc.hint}", err=True)
            ctx.exit(1)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except Exception:  # noqa: BLE001 - anything else is our bug, not the author's
            if os.environ.get("COURSEBUILDER_DEBUG"):
                raise
            click.echo("internal error: coursebuilder hit a bug (your files are not the cause).", err=True)
            click.echo(traceback.format_exc(limit=-3).rstrip(), err=True)
            click.echo("Please report this, with the lines above. Set COURSEBUILDER_DEBUG=1 for the full trace.",
                       err=True)
            ctx.exit(3)


def _project(ctx: click.Context):
    from .project import Project

    return Project.find(ctx.obj["project"])


def _split_formats(ctx, param, value: tuple[str, ...]) -> list[str] | None:
    from .pipeline import resolve_formats

    names = [part.strip() for item in value for part in item.split(",") if part.strip()]
    if not names:
        return None
    try:
        return resolve_formats(names)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.group(cls=Group, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="coursebuilder")
@click.option("--project", "project", default=".", show_default=True, metavar="DIR",
              type=click.Path(file_okay=False), help="The project folder (the one holding course.yaml).")
@click.pass_context
def cli(ctx: click.Context, project: str) -> None:
    """Write a training module once; build e-learning, handbooks and slides from it.

    Run these commands from your project's top folder, the one that holds course.yaml.
    Start with `coursebuilder check` to see whether your modules are ready.
    """
    ctx.ensure_object(dict)
    ctx.obj["project"] = project


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("slugs", nargs=-1, metavar="[MODULE]...")
@click.option("--format", "-f", "formats", multiple=True, callback=_split_formats, metavar="FORMATS",
              help=FORMAT_HELP)
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Where to write the output. Default: build/ in the project.")
@click.option("--theme", metavar="NAME", help="Use this theme instead of the one named in course.yaml.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), metavar="N",
              help="Render N outputs at once, in separate processes. Default: one per CPU.")
@click.option("--quiet", "-q", is_flag=True, help="Print only problems, not progress.")
@click.pass_context
def build(ctx, slugs, formats, out, theme, jobs, quiet):
    """Build the course, or only the modules named.

    Checks every module first: if anything is wrong, nothing is written. Output goes to
    build/html/, build/pdf/, build/pptx/ and build/scorm/. Only outputs whose files changed since
    the last build are made again (build/.cache/ remembers; deleting it is always safe).
    Building some modules keeps the other modules' existing output.

    \b
    Examples:
      coursebuilder build
      coursebuilder build space-to-think --format html
    """
    from .pipeline import build as run_build

    project = _project(ctx)

    def progress(message: str) -> None:
        if not quiet:
            click.echo(message, err=True)

    result = run_build(project, slugs=list(slugs), formats=formats, out=out, theme=theme, jobs=jobs,
                       progress=progress)
    if result.warnings:
        click.echo(format_text(result.warnings), err=True)
    where = project.display(result.out) if result.out.resolve().is_relative_to(project.root) else str(result.out)
    count = len(result.course.modules)
    made = f"{len(result.rendered)} output{'s' if len(result.rendered) != 1 else ''} made"
    if result.up_to_date:
        made += f", {result.up_to_date} already up to date"
    click.echo(f"Built {count} module{'s' if count != 1 else ''} as {', '.join(result.formats)} in {where}/ "
               f"({made})", err=True)


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.option("--port", "-p", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="The port to serve on (0: any free port).")
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Where to write the HTML. Default: a temporary folder, removed when you stop.")
@click.pass_context
def serve(ctx, port, out):
    """Preview the e-learning in your browser, updated each time you save.

    Builds the HTML, serves it at http://127.0.0.1:PORT/ (only on this computer) and watches
    modules/, themes/ and course.yaml. When you save a file, the changed module is rebuilt and
    the open page reloads by itself. A problem in your files shows here and at the top of the
    page; the preview keeps running, and fixing the problem clears it. Press Ctrl-C to stop.

    \b
    Examples:
      coursebuilder serve
      coursebuilder serve --port 8001
    """
    from .serve import serve as run_serve

    run_serve(_project(ctx), port=port, out=out, echo=lambda message: click.echo(message, err=True))


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("slugs", nargs=-1, metavar="[MODULE]...")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people; json for other tools.")
@click.option("--strict", is_flag=True, help="Treat warnings as failures (exit 1).")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="The date to check review dates against. Default: SOURCE_DATE_EPOCH if set, else today.")
@click.pass_context
def check(ctx, slugs, output_format, strict, today):
    """Check the course, or only the modules named, without building anything.

    Checks the words (recovery-focused language, readability), accessibility, timings, content
    notes and review dates; docs/checks.md lists every rule and how to change or allow one.
    Every problem is reported as file:line:column with a hint on how to fix it. Exit code 0
    when there are no errors (and, with --strict, no warnings).
    """
    from .pipeline import check as run_check
    from .workers import default_jobs

    result = run_check(_project(ctx), list(slugs), today.date() if today else None, jobs=default_jobs())
    if output_format == "json":
        click.echo(format_json(result.diagnostics))
    else:
        click.echo(format_text(result.diagnostics))
    ctx.exit(1 if has_errors(result.diagnostics, strict=strict) else 0)


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("slug", metavar="MODULE")
@click.pass_context
def new(ctx, slug):
    """Start a new module in modules/MODULE/ and add it to course.yaml.

    MODULE is the folder name: lower-case words joined by hyphens, like trauma-informed-care.
    The new module is a draft with guidance in every file; it passes `check` and builds.
    """
    from .scaffold import new_module

    project = _project(ctx)
    written = new_module(project, slug)
    for path in written:
        click.echo(f"wrote {project.display(path)}")
    click.echo(f"Next: edit modules/{slug}/module.yaml, then run `coursebuilder check {slug}`.")


@cli.command("list", context_settings=CONTEXT_SETTINGS)
@click.pass_context
def list_modules(ctx):
    """List the course's modules: time, sections, words and reading grade, status and review dates.

    Words and reading grade (Flesch–Kincaid) count the text participants read, as `check` does.
    """
    from .pipeline import check as run_check

    project = _project(ctx)
    result = run_check(project)
    if result.course is None:
        raise ContentError(result.diagnostics)
    from .checks import reading_stats, today_from_environment

    stats = reading_stats(result.course)
    rows = [("Module", "Title", "Minutes", "Sections", "Words", "Grade", "Status", "Reviewed", "Next review")]
    loaded = {m.slug: m for m in result.course.modules}
    for slug in result.course.meta.modules:
        module = loaded.get(slug)
        if module is None:
            rows.append((slug, "(has errors: run coursebuilder check)", "", "", "", "", "", "", ""))
            continue
        meta = module.meta
        due = " (due)" if meta.next_review <= today_from_environment() else ""
        words, grade = stats[slug]
        rows.append((slug, meta.title, str(meta.minutes), str(len(meta.sections)), str(words), f"{grade:.1f}",
                     meta.status, meta.reviewed.isoformat(), meta.next_review.isoformat() + due))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for number, row in enumerate(rows):
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
        if number == 0:
            click.echo("  ".join("-" * width for width in widths))
    total = sum(m.meta.minutes for m in loaded.values())
    click.echo(f"\n{len(loaded)} module{'s' if len(loaded) != 1 else ''}, {total} minutes in all.")


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.option("--course", "course", is_flag=True, help="The schema of course.yaml instead of module.yaml.")
def schema(course):
    """Print the JSON Schema of module.yaml (or, with --course, course.yaml).

    Save it and point your editor at it to get completion and checking while you type; for
    VS Code's YAML extension, add this first line to module.yaml:
    # yaml-language-server: $schema=../../module.schema.json
    """
    from .schema import json_schema

    click.echo(json.dumps(json_schema("course" if course else "module"), indent=2, ensure_ascii=False))


def _stop_on_sigterm(signum, frame):
    # Turn SIGTERM into the same clean stop as Ctrl-C: staged output is removed, build/ stays as it was.
    raise KeyboardInterrupt


def main() -> None:
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    cli(prog_name="coursebuilder", obj={})


if __name__ == "__main__":  # pragma: no cover
    main()
