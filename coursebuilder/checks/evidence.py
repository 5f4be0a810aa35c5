"""Honesty and evidence: a module claims only what is true about its words, its makers and its sources.

- An illustrative quote (written by the course authors) must not read as a real person's account.
- A published module carries its approvals; an approval cannot be dated in the future; a published
  module says what co-production happened.
- Every reference is cited somewhere in the module, and a claim is not reported second-hand
  ("summaries say") when the module can cite the work itself.
"""

from __future__ import annotations

import re
from datetime import date

from ..diagnostics import Diagnostic, did_you_mean
from ..load import LoadedModule
from ..model import Reference
from ..provenance import first_author, long_date
from .registry import Rule
from .safety import data, find, pattern
from .text import AuthorText, Place

RULES = [
    Rule("quote-voice", "Honesty and evidence", "warning",
         "illustrative quotes written as a first-person account",
         "Words the course authors wrote, in the voice of a patient, an autistic person or a peer worker, "
         "read as that person's own: a learner cannot tell them from testimony. Speaking for people with "
         "lived experience is what co-production exists to stop.",
         "quote a published, attributed source (`source:`), or make it a key point in the authors' own voice",
         "- type: quote\n  text: I read my notes after I left. None of them said what I was hoping for.\n"
         "  illustrative: true",
         "- type: key_point\n  text: Notes are read by the people they describe. Write what they hoped for, too."),
    Rule("unapproved", "Honesty and evidence", "error",
         "published modules with no recorded approval",
         "The NHS standard for health content asks for a checking and approval process, with clinical "
         "approval and a date last checked. `published` tells learners the module was approved.",
         "add `approvals:` (role, date and what was approved), or set `status: review` until it is approved",
         "status: published (with no approvals)",
         "status: published\napprovals:\n  - role: Consultant nurse, acute care\n    date: 2026-11-20\n"
         "    approved: the clinical content of every section"),
    Rule("approval-date", "Honesty and evidence", "error",
         "approvals dated in the future",
         "An approval is a record of something that happened.",
         "write the date the approval was given, as YYYY-MM-DD",
         "approvals:\n  - role: Clinical lead\n    date: 2030-01-01"),
    Rule("not-co-produced", "Honesty and evidence", "warning",
         "published modules with no co-production record",
         "Recovery-focused training is made with people who have lived experience; a published module should "
         "say what co-production happened. Every output already says when none has.",
         "add `co_production:` saying what happened, with whom and when; or switch this rule off in "
         "course.yaml if your organisation publishes modules that are not co-produced",
         "status: published (with no co_production)"),
    Rule("uncited-reference", "Honesty and evidence", "warning",
         "references that no text in the module cites",
         "A reference list should show where each claim comes from; a source nobody cites looks like support "
         "the module does not have.",
         "give it an `id` and cite it where the module uses it, like [@leamy-2011], or remove it",
         "references: [Cayton 2006], but no text mentions Cayton"),
    Rule("citation-unknown", "Honesty and evidence", "error",
         "citations of a reference id the module does not have",
         "The citation would point to nothing, and the claim would have no source.",
         "use the `id` of one of the module's references, or add the reference with that `id`",
         "Recovery is personal [@leamy2011].", "Recovery is personal [@leamy-2011]."),
    Rule("citation-syntax", "Honesty and evidence", "error",
         "citations written in a way coursebuilder cannot read",
         "The citation would be printed as typed, and the reader would not find the source.",
         "write an @ and the reference's id in square brackets, like [@leamy-2011] or [@leamy-2011, p. 445]; "
         "for two, [@leamy-2011; @slade-2009]",
         "Recovery is personal [@Leamy 2011].", "Recovery is personal [@leamy-2011]."),
    Rule("journal-as-author", "Honesty and evidence", "warning",
         "in-text citations that name a reference's journal or publisher where its authors belong",
         "\"(Journal of Mental Health, 2022)\" hides who did the work, and readers cannot find the study from it.",
         "cite the authors, like \"(Berry and others, 2017)\"; if the reference lists no authors, add them",
         "On acute wards it gave staff a safe place to talk (Journal of Mental Health, 2022).",
         "On acute wards it gave staff a safe place to talk (Riches and others, 2022)."),
    Rule("hedged-claim", "Honesty and evidence", "warning",
         "claims reported second-hand (\"summaries say\", \"reported to\")",
         "A hedge makes a learner doubt a claim that may be plainly true, or hides that nobody checked it. "
         "Read the work itself and cite it; if only a summary is available, cite the summary.",
         "check the work itself and say what it says, citing it; if you only have a summary, cite that summary "
         "in the same paragraph and mark its reference `secondary: true`",
         "The guidance is reported to rule out face-down restraint.",
         "The guidance says staff must not deliberately restrain people in a way that affects their airway, "
         "breathing or circulation (Department of Health, 2014)."),
]
_RULES = {rule.code: rule for rule in RULES}


def check_module(module: LoadedModule, texts: list[AuthorText], today: date) -> list[Diagnostic]:
    findings = _voices(module)
    findings += _approval(module, today)
    findings += _uncited(module, texts)
    findings += _citations(module, texts)
    findings += _journal_as_author(module, texts)
    findings += _hedges(module, texts)
    return findings


def _at(module: LoadedModule, loc: tuple, code: str, message: str, hint: str | None = None) -> Diagnostic:
    line, column = module.yaml.position(loc)
    return _RULES[code].at(Place(module.yaml.path, line, column), message, hint)


def _voices(module: LoadedModule) -> list[Diagnostic]:
    words = set(data().first_person)
    findings = []
    for s, section in enumerate(module.meta.sections):
        for b, block in enumerate(section.blocks):
            if block.type != "quote" or not block.illustrative:
                continue
            tokens = [t.replace("\u2019", "'") for t in re.findall(r"[A-Za-z]+(?:['\u2019][a-z]+)?", block.text)]
            used = [t for t in tokens if t in words or (t != "I" and t.lower() in words)]
            if used:
                findings.append(_at(module, ("sections", s, "blocks", b, "text"), "quote-voice",
                                    f'section "{section.title}": this illustrative quote speaks as "{used[0]}", so '
                                    "it reads as a real person's account, though the course authors wrote it"))
    return findings


def _approval(module: LoadedModule, today: date) -> list[Diagnostic]:
    meta = module.meta
    findings = []
    if meta.status == "published" and not meta.approvals:
        findings.append(_at(module, ("status",), "unapproved",
                            f'"{meta.title}" says it is published, but no approval is recorded'))
    if meta.status == "published" and not meta.co_production:
        findings.append(_at(module, ("status",), "not-co-produced",
                            f'"{meta.title}" is published, but it has no co-production record'))
    for a, approval in enumerate(meta.approvals):
        if approval.date > today:
            findings.append(_at(module, ("approvals", a, "date"), "approval-date",
                                f"the approval by {approval.role} is dated {long_date(approval.date)}, "
                                "which has not come yet"))
    for c, record in enumerate(meta.co_production):
        if record.when > today:
            findings.append(_at(module, ("co_production", c, "when"), "approval-date",
                                f"the co-production record is dated {long_date(record.when)}, which has not come "
                                "yet", "write the date it happened; plan future co-production outside this record"))
    return findings


# --- references ----------------------------------------------------------------------------

CODE = re.compile(r"\b(?:N?G|CG|NG|QS|PH)\d{2,3}\b|\bPaper \d+\b|\bSMA \d{2}-\d{4}\b|\bAnnex [A-Z]\b")


def cite_names(ref: Reference) -> list[tuple[str, bool]]:
    """The words a text uses to cite a reference, each with whether the year must follow it: the first
    author's surname or the organisation (with the year), the title up to a colon or bracket, and codes
    in the title such as NG197 or Paper 24."""
    names: list[tuple[str, bool]] = []
    if ref.author:
        name, _ = first_author(ref.author)
        names.append((name, True))
        first = ref.author.split(",")[0]
        if " and " in first:  # "Perkins, Giles and Repper" or "Perkins and Repper"
            names.append((first.split(" and ")[0].strip(), True))
        if "(" in ref.author:  # "NICE (National Institute …)": the long name too
            names.append((ref.author.split("(")[1].split(")")[0].strip(), True))
    title = re.split(r"[:(]", ref.title)[0].strip().strip('"\u201c\u201d*')
    if len(title) >= 12:
        names.append((title, False))
    names += [(code, False) for code in CODE.findall(ref.title)]
    return [name for name in dict.fromkeys(names) if name[0]]


def _cites(ref: Reference, words: str) -> bool:
    for name, with_year in cite_names(ref):
        escaped = r"\s+".join(re.escape(part) for part in name.split())
        if with_year and ref.year:
            escaped = rf"{escaped}[^\n]{{0,80}}?{ref.year}"
        if re.search(rf"(?<!\w){escaped}(?!\w)", words, 0 if name.isupper() else re.IGNORECASE):
            return True
    return False


def _uncited(module: LoadedModule, texts: list[AuthorText]) -> list[Diagnostic]:
    words = "\n".join(passage.text for text in texts for passage in text.passages)
    sources = {block.source for section in module.meta.sections for block in section.blocks
               if block.type == "quote" and block.source}
    cited = {ref_id for text in texts for ref_id, _ in text.citations}
    findings = []
    for r, ref in enumerate(module.meta.references):
        if (ref.id and (ref.id in sources or ref.id in cited)) or _cites(ref, words):
            continue
        names = " or ".join(f'"{name}"' for name, _ in cite_names(ref)[:2]) or "its title"
        findings.append(_at(module, ("references", r), "uncited-reference",
                            f'no text in the module cites the reference "{ref.title}" (looked for {names}'
                            f"{' with ' + str(ref.year) if ref.year else ''})"))
    return findings


def _citations(module: LoadedModule, texts: list[AuthorText]) -> list[Diagnostic]:
    ids = [ref.id for ref in module.meta.references if ref.id]
    findings = []
    for text in texts:
        for ref_id, offset in text.citations:
            if ref_id not in ids:
                suggestion = did_you_mean(ref_id, ids)
                hint = f'did you mean "[@{suggestion}]"?' if suggestion else None
                findings.append(_RULES["citation-unknown"].at(
                    text.place(offset), f'the module has no reference with the id "{ref_id}"', hint))
        findings += [_RULES["citation-syntax"].at(text.place(offset), "this citation cannot be read: it would be "
                                                                       "printed as it is written")
                     for offset in text.unread_citations]
        if not text.markdown and "[@" in text.text:  # a plain-text field: citations are read only in Markdown
            findings.append(_RULES["citation-syntax"].at(
                text.place(text.text.index("[@")), "citations work only in Markdown text, and this field is plain "
                "text: it would be printed as it is written",
                "write the source in words here, like (Leamy and others, 2011), or cite it in the section's text"))
    return findings


def _journal_as_author(module: LoadedModule, texts: list[AuthorText]) -> list[Diagnostic]:
    """A citation in brackets that starts with a reference's journal or publisher and ends with its year."""
    findings = []
    for ref in module.meta.references:
        if not ref.publisher or not ref.year:
            continue
        journal = re.split(r"[\d(,;]", ref.publisher)[0].strip()
        if len(journal) < 4 or (ref.author and journal.lower() in ref.author.lower()):
            continue  # an organisation that publishes its own work is its author
        citation = re.compile(rf"\(\s*{re.escape(journal)}[^()\n]{{0,20}}?{ref.year}\s*\)", re.IGNORECASE)
        for found in find(citation, texts):
            findings.append(_RULES["journal-as-author"].at(
                found.place, f'"{found.words}" cites "{ref.title}" by its journal or publisher, not its authors'))
    return findings


# After "is said to" or "was reported to", a hedge goes on with a verb ("is said to reduce"); speech
# goes on with who heard it ("what is said to them", "was reported to the nurse in charge").
_HEARERS = {"them", "him", "her", "me", "you", "us", "people", "patients", "staff", "someone", "everyone", "the", "a",
            "an", "their", "his", "my", "our", "your", "its", "each", "every", "another", "whoever", "police"}


def _spoken_to(rest: str) -> bool:
    following = re.match(r"\s*([A-Za-z’']+)", rest)
    return following is not None and following[1].lower() in _HEARERS


def _hedges(module: LoadedModule, texts: list[AuthorText]) -> list[Diagnostic]:
    hedge = pattern(data().hedges)
    secondary = [ref for ref in module.meta.references if ref.secondary]
    findings = []
    for found in find(hedge, [t for t in texts if t.own_words]):
        # Honest about a summary: the paragraph names the summary it relies on, marked `secondary: true`.
        if any(_cites(ref, found.passage.text) for ref in secondary):
            continue
        if found.words.endswith(" to") and _spoken_to(found.passage.text[found.start + len(found.words):]):
            continue  # "what is said to them", "was reported to the ward manager": speech, not a hedge
        findings.append(_RULES["hedged-claim"].at(found.place, f'"{found.words}" reports a claim second-hand'))
    return findings
