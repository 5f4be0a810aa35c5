"""One outline names the sections, pages, blocks and questions of a module; the e-learning, the print
anchors and the SCORM package all take their names from it, so they cannot disagree."""

from __future__ import annotations

import json
import re
import zipfile

from coursebuilder.load import load_course
from coursebuilder.outline import outline
from coursebuilder.pipeline import build
from coursebuilder.project import Project

from .checks_support import MODULE, edit


def test_pages_questions_and_the_scorm_package_follow_the_outline(make_project):
    project = make_project()
    edit(project, MODULE, "      - {type: key_point, text: Remember this.}",
         "      - {type: key_point, text: Remember this.}\n"
         "      - type: knowledge_check\n        questions:\n"
         "          - question: Second check?\n            options:\n"
         "              - {text: Yes, correct: true, feedback: Right.}\n              - {text: No, feedback: Not so.}")
    build(Project.find(project), out=project / "build", formats=["html", "scorm"])
    module = load_course(Project.find(project)).course.module("demo")
    plan = outline(module.meta)
    assert [entry.page for entry in plan.entries] == ["01-first-steps.html", "02-second-steps.html"]
    assert plan.questions == ("s1-b3-q1", "s1-b6-q1")

    html = project / "build" / "html" / "demo"
    assert sorted(p.name for p in html.glob("0*.html")) == [entry.page for entry in plan.entries]
    written = re.findall(r'data-question="([^"]+)"', (html / plan.entries[0].page).read_text(encoding="utf-8"))
    assert tuple(written) == plan.questions

    with zipfile.ZipFile(project / "build" / "scorm" / "demo-scorm2004.zip") as package:
        launch = package.read("scorm.html").decode("utf-8")
    config = json.loads(re.search(r'<script type="application/json" id="coursebuilder-scorm">(.*?)</script>',
                                  launch, re.S)[1])
    assert [(s["page"], [t["id"] for t in s["tracked"] if t["kind"] != "path"]) for s in config["sections"]] == [
        (entry.page, list(entry.questions)) for entry in plan.entries]
    assert [[(t["id"], t["kind"]) for t in s["tracked"]] for s in config["sections"]] == [
        [(t.id, t.kind) for t in entry.tracked] for entry in plan.entries]

def test_print_anchors_come_from_the_outline(make_project):
    project = make_project()
    build(Project.find(project), out=project / "build", formats=["pdf"])
    import pikepdf

    with pikepdf.open(project / "build" / "pdf" / "demo-handbook.pdf") as pdf:
        names = pdf.Root.Names.Dests if "/Names" in pdf.Root and "/Dests" in pdf.Root.Names else None
        text = str(pdf.Root.Names.Dests.Names) if names is not None and "/Names" in names else ""
        kids = [str(k.Names) for k in names.Kids] if names is not None and "/Kids" in names else []
    anchors = text + " ".join(kids)
    for entry in outline(load_course(Project.find(project)).course.module("demo").meta).entries:
        assert f"demo-{entry.anchor}" in anchors
