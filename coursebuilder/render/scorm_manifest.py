"""imsmanifest.xml and metadata.xml for SCORM 1.2 and SCORM 2004 4th Edition, built with ElementTree.

A module is one SCO: the learner moves freely between its sections inside the e-learning, and
the LMS records one completion and one score for it. The sections appear in the manifest as the
SCO's objectives (SCORM 2004), which the runtime reports in `cmi.objectives` in both editions.
Title, description, version, licence and typical learning time are in metadata.xml, referenced
from the manifest with `adlcp:location` and listed among the resource's files (IMS Metadata 1.2.1
for SCORM 1.2, IEEE LOM for 2004); the SCORM 2004 manifest also carries them in its own
<metadata>, where platforms that show a description read it.

The two editions of a module are two entries in a platform's catalogue: each has its own
identifier, and its title says which edition it is. Identifiers never change with the module's
version (platforms may drop a learner's tracking when they do): SCORM 1.2 keeps the identifier the
packages have always had, `coursebuilder.<course>.<module>`, and SCORM 2004 adds `.scorm2004`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML = "http://www.w3.org/XML/1998/namespace"
MANIFEST = "imsmanifest.xml"
METADATA = "metadata.xml"
LAUNCH = "scorm.html"


@dataclass(frozen=True)
class Edition:
    key: str  # in the package name: <slug>-<key>.zip
    name: str  # in the package's title: "<module title> (<name>)"
    id_suffix: str  # after the module's identifier
    runtime: str  # tells scorm.js which API to look for
    schema_version: str
    suspend_limit: int  # characters the LMS must keep in cmi.suspend_data
    namespaces: tuple[tuple[str, str], ...]  # (prefix, uri); the first is the default namespace
    schema_files: tuple[str, ...]  # xsi:schemaLocation file for each namespace, in the same order
    scorm_type: str  # the attribute's spelling differs between the editions


SCORM12 = Edition(
    key="scorm12", name="SCORM 1.2", id_suffix="", runtime="1.2", schema_version="1.2", suspend_limit=4096,
    namespaces=(("", "http://www.imsproject.org/xsd/imscp_rootv1p1p2"),
                ("adlcp", "http://www.adlnet.org/xsd/adlcp_rootv1p2")),
    schema_files=("imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd"),
    scorm_type="scormtype",
)
SCORM2004 = Edition(
    key="scorm2004", name="SCORM 2004", id_suffix=".scorm2004", runtime="2004", schema_version="2004 4th Edition", suspend_limit=64000,
    namespaces=(("", "http://www.imsglobal.org/xsd/imscp_v1p1"),
                ("adlcp", "http://www.adlnet.org/xsd/adlcp_v1p3"),
                ("adlseq", "http://www.adlnet.org/xsd/adlseq_v1p3"),
                ("adlnav", "http://www.adlnet.org/xsd/adlnav_v1p3"),
                ("imsss", "http://www.imsglobal.org/xsd/imsss")),
    schema_files=("imscp_v1p1.xsd", "adlcp_v1p3.xsd", "adlseq_v1p3.xsd", "adlnav_v1p3.xsd", "imsss_v1p0.xsd"),
    scorm_type="scormType",
)
EDITIONS = (SCORM12, SCORM2004)

IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"  # metadata for SCORM 1.2
LOM = "http://ltsc.ieee.org/xsd/LOM"  # metadata for SCORM 2004


@dataclass(frozen=True)
class PackageInfo:
    identifier: str  # unique to the course and module; stays the same across versions (see package_id)
    title: str  # the module's
    description: str
    version: str
    draft: bool
    licence: str
    language: str
    minutes: int
    mastery_score: int | None  # percent; None when not set or there is nothing to score
    module_objective: str
    section_objectives: tuple[str, ...]


def iso_duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


class _Builder:
    """Elements in one edition's namespaces, written as `prefix:name`.

    Names without a prefix are in the default namespace. ElementTree cannot write a default
    namespace when unqualified attributes are present, so those elements stay unqualified and the
    root element declares the default namespace (see _serialise).
    """

    def __init__(self, namespaces: Iterable[tuple[str, str]], unprefixed: str = ""):
        self.uris = dict(namespaces)
        self.unprefixed = unprefixed  # the prefix for names written without one ("": none)

    def qname(self, name: str) -> str:
        prefix, _, local = name.rpartition(":")
        prefix = prefix or self.unprefixed
        return f"{{{self.uris[prefix]}}}{local}" if prefix else local

    def element(self, parent: ET.Element | None, name: str, text: str | None = None, **attributes: str) -> ET.Element:
        attrs = {self.qname(key.replace("__", ":")) if "__" in key else key: value
                 for key, value in attributes.items()}
        node = ET.Element(self.qname(name), attrs) if parent is None else ET.SubElement(parent, self.qname(name), attrs)
        if text is not None:
            node.text = text
        return node


def _serialise(root: ET.Element, namespaces: Iterable[tuple[str, str]]) -> bytes:
    namespaces = list(namespaces)
    for prefix, uri in namespaces:
        if prefix:  # ElementTree keeps prefixes in one global map: set ours just before writing
            ET.register_namespace(prefix, uri)
    ET.register_namespace("xsi", XSI)
    root.set("xmlns", next(uri for prefix, uri in namespaces if not prefix))
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def package_id(edition: Edition, info: PackageInfo) -> str:
    """The package's identifier: one per module and edition, the same in every version of the module."""
    return info.identifier + edition.id_suffix


def package_title(edition: Edition, info: PackageInfo) -> str:
    return f"{info.title} ({edition.name})"


def _ids(edition: Edition, info: PackageInfo) -> dict[str, str]:
    return {part: f"{package_id(edition, info)}.{part}" for part in ("organisation", "item", "resource")}


def manifest_xml(edition: Edition, info: PackageInfo, files: Iterable[str]) -> bytes:
    """The manifest; `files` are the package's files that the SCO uses (the launch page among them)."""
    x = _Builder(edition.namespaces)
    ids = _ids(edition, info)
    namespaces = edition.namespaces + ((("lom", LOM),) if edition is SCORM2004 else ())
    location = " ".join(f"{uri} {file}" for (_, uri), file in zip(edition.namespaces, edition.schema_files))
    root = x.element(None, "manifest", identifier=package_id(edition, info), version=info.version)
    root.set(f"{{{XSI}}}schemaLocation", location)
    meta = x.element(root, "metadata")
    x.element(meta, "schema", "ADL SCORM")
    x.element(meta, "schemaversion", edition.schema_version)
    x.element(meta, "adlcp:location", METADATA)
    if edition is SCORM2004:
        meta.append(_lom_element(edition, info, prefix="lom:"))

    organisations = x.element(root, "organizations", default=ids["organisation"])
    if edition is SCORM12:
        organisation = x.element(organisations, "organization", identifier=ids["organisation"])
    else:
        organisation = x.element(organisations, "organization", identifier=ids["organisation"],
                                 adlseq__objectivesGlobalToSystem="false")
    x.element(organisation, "title", package_title(edition, info))
    item = x.element(organisation, "item", identifier=ids["item"], identifierref=ids["resource"], isvisible="true")
    x.element(item, "title", info.title)
    if edition is SCORM12:
        if info.mastery_score is not None:
            x.element(item, "adlcp:masteryscore", str(info.mastery_score))
    else:
        _sequencing_2004(x, item, info)
        # The module has its own Previous and Next; the LMS's would leave the module instead.
        interface = x.element(x.element(item, "adlnav:presentation"), "adlnav:navigationInterface")
        for control in ("previous", "continue"):
            x.element(interface, "adlnav:hideLMSUI", control)
        # The learner may choose the module from the LMS's menu, or let the LMS start it.
        x.element(x.element(organisation, "imsss:sequencing"), "imsss:controlMode", choice="true", flow="true")

    resources = x.element(root, "resources")
    resource = x.element(resources, "resource", identifier=ids["resource"], type="webcontent", href=LAUNCH,
                         **{f"adlcp__{edition.scorm_type}": "sco"})
    for name in sorted({*files, METADATA}, key=lambda name: (name != LAUNCH, name)):
        x.element(resource, "file", href=name)
    return _serialise(root, namespaces)


def _sequencing_2004(x: _Builder, item: ET.Element, info: PackageInfo) -> None:
    sequencing = x.element(item, "imsss:sequencing")
    objectives = x.element(sequencing, "imsss:objectives")
    if info.mastery_score is None:
        x.element(objectives, "imsss:primaryObjective", objectiveID=info.module_objective)
    else:
        # The LMS decides passed or failed from the score; it also tells the SCO the pass mark
        # (cmi.scaled_passing_score).
        primary = x.element(objectives, "imsss:primaryObjective", objectiveID=info.module_objective,
                            satisfiedByMeasure="true")
        x.element(primary, "imsss:minNormalizedMeasure", f"{info.mastery_score / 100:.4f}")
    for objective in info.section_objectives:
        x.element(objectives, "imsss:objective", objectiveID=objective)
    x.element(sequencing, "imsss:deliveryControls", completionSetByContent="true", objectiveSetByContent="true")


def metadata_xml(edition: Edition, info: PackageInfo) -> bytes:
    if edition is SCORM12:
        return _imsmd(edition, info)
    return _serialise(_lom_element(edition, info), [("", LOM)])


def _imsmd(edition: Edition, info: PackageInfo) -> bytes:
    x = _Builder([("", IMSMD)])
    root = x.element(None, "lom")

    def langstring(parent: ET.Element, name: str, text: str, language: str | None = info.language) -> None:
        node = x.element(x.element(parent, name), "langstring", text)
        if language:
            node.set(f"{{{XML}}}lang", language)

    def vocabulary(parent: ET.Element, name: str, value: str) -> None:
        node = x.element(parent, name)
        langstring(node, "source", "LOMv1.0", "x-none")
        langstring(node, "value", value, "x-none")

    general = x.element(root, "general")
    langstring(general, "title", package_title(edition, info))
    x.element(general, "language", info.language)
    langstring(general, "description", info.description)
    lifecycle = x.element(root, "lifecycle")
    langstring(lifecycle, "version", info.version, "x-none")
    vocabulary(lifecycle, "status", "Draft" if info.draft else "Final")
    educational = x.element(root, "educational")
    x.element(x.element(educational, "typicallearningtime"), "datetime", iso_duration(info.minutes))
    rights = x.element(root, "rights")
    vocabulary(rights, "cost", "no")
    vocabulary(rights, "copyrightandotherrestrictions", "yes")
    langstring(rights, "description", info.licence)
    return _serialise(root, [("", IMSMD)])


def _lom_element(edition: Edition, info: PackageInfo, prefix: str = "") -> ET.Element:
    """IEEE LOM: metadata.xml (no prefix, the default namespace) or inside the manifest (lom:)."""
    x = _Builder([("", LOM), ("lom", LOM)], unprefixed=prefix.rstrip(":"))
    root = x.element(None, "lom")

    def string(parent: ET.Element, name: str, text: str, language: str = info.language) -> None:
        x.element(x.element(parent, name), "string", text, language=language)

    def vocabulary(parent: ET.Element, name: str, value: str) -> None:
        node = x.element(parent, name)
        x.element(node, "source", "LOMv1.0")
        x.element(node, "value", value)

    general = x.element(root, "general")
    identifier = x.element(general, "identifier")
    x.element(identifier, "catalog", "coursebuilder")
    x.element(identifier, "entry", package_id(edition, info))
    string(general, "title", package_title(edition, info))
    x.element(general, "language", info.language)
    string(general, "description", info.description)
    lifecycle = x.element(root, "lifeCycle")
    string(lifecycle, "version", info.version, "x-none")
    vocabulary(lifecycle, "status", "draft" if info.draft else "final")
    educational = x.element(root, "educational")
    x.element(x.element(educational, "typicalLearningTime"), "duration", iso_duration(info.minutes))
    rights = x.element(root, "rights")
    vocabulary(rights, "cost", "no")
    vocabulary(rights, "copyrightAndOtherRestrictions", "yes")
    string(rights, "description", info.licence)
    return root
