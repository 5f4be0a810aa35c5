"""Where a module's words come from, who made it with whom, and whether it is approved: in plain words.

Every output (e-learning, SCORM, handbooks, decks) prints these sentences, so the truth reads the
same everywhere and lives in one place: a quote says which published source it comes from, or that
the course authors wrote it; a module says what co-production happened, or that none has yet; and
its approval state is shown on every start page, cover and title slide.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .model import Approval, CoProduction, Module, Quote, Reference

ILLUSTRATIVE = "Written by the course authors to illustrate a point. These are not the words of a real person."
NOT_CO_PRODUCED = ("Not yet co-produced: review with local peer trainers and people with lived experience "
                   "before use.")
STATUS = {
    "draft": "Draft: still being written, not ready for learners.",
    "review": "Ready for local review: not yet approved for use.",
    "published": "Approved for use.",
}
SHORT_STATUS = {"draft": "Draft", "review": "For local review", "published": ""}  # after a title, on a slide
NOT_APPROVED = "Not yet approved for use: have it checked and approved in your organisation before you run it."


def long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _people(co: CoProduction) -> str:
    names = [f"{p.role} ({p.name})" if p.name else p.role for p in co.who]
    return names[0] if len(names) == 1 else "; ".join(names[:-1]) + " and " + names[-1]


def co_production_line(co: CoProduction) -> str:
    """'Two workshops to plan the scenarios (Peer trainers with lived experience, 14 September 2026).'"""
    return f"{co.what.rstrip('.')} ({_people(co)}, {long_date(co.when)})."


def approval_line(approval: Approval) -> str:
    """'Consultant nurse, acute services (Sam Lee) approved the clinical content on 20 November 2026.'"""
    who = f"{approval.role} ({approval.name})" if approval.name else approval.role
    return f"{who} approved {approval.approved.rstrip('.')} on {long_date(approval.date)}."


@dataclass(frozen=True)
class Provenance:
    """What every output says about how a module was made and whether it may be used."""

    status: str  # one short sentence
    co_production: tuple[str, ...]  # one sentence per record, or the honest "not yet" sentence
    approvals: tuple[str, ...]  # one sentence per approval, or the honest "not yet" sentence
    co_produced: bool
    approved: bool

    @property
    def summary(self) -> str:
        """Everything in one paragraph, for a SCORM description or a slide."""
        return " ".join([self.status, *self.approvals, *self.co_production])


def provenance(module: Module) -> Provenance:
    approvals = tuple(approval_line(a) for a in module.approvals)
    records = tuple(co_production_line(c) for c in module.co_production)
    status = STATUS[module.status]
    if module.status == "published" and not approvals:
        status = "Published, but no approval is recorded."
    return Provenance(
        status=status,
        co_production=records or (NOT_CO_PRODUCED,),
        approvals=approvals or (NOT_APPROVED,),
        co_produced=bool(records),
        approved=module.status == "published" and bool(approvals),
    )


def first_author(author: str) -> tuple[str, bool]:
    """The name a citation starts with, and whether it is a person: 'Leamy M, Bird V' → ('Leamy', True);
    'Le Boutillier C' → ('Le Boutillier', True); 'NICE (National Institute …)' → ('NICE', False)."""
    first = author.split(",")[0].split("(")[0].strip()
    parts = first.split()
    initials = parts[-1].replace(".", "") if parts else ""
    if len(parts) >= 2 and initials.isupper() and len(initials) <= 3:
        return " ".join(parts[:-1]), True
    return first, False


def short_citation(ref: Reference) -> str:
    """'Repper and others, 2013', 'Bowles and Young, 1999' (two authors are both named), 'NICE, 2021'
    or the title: how the text cites a reference."""
    if ref.author:
        name, person = first_author(ref.author)
        parts = [first_author(part) for part in ref.author.split(",")]
        if person and len(parts) == 2 and all(is_person and all(word[:1].isupper() for word in surname.split())
                                              for surname, is_person in parts):
            return _dated(f"{parts[0][0]} and {parts[1][0]}", ref)
        more = person and ("," in ref.author or " and " in ref.author or "et al" in ref.author)
        who = f"{name} and others" if more else name
    else:
        who = ref.title
    return _dated(who, ref)


def _dated(who: str, ref: Reference) -> str:
    return f"{who}, {ref.year}" if ref.year else who


OPENING_MARKS = "“‘\"'«„‚"
CLOSING_MARKS = "”’\"'»“‘"
TRAILING = ".,;:!?…)"  # may follow the closing mark: “We were heard”.


def quote_marks(text: str) -> tuple[str, str]:
    """The quotation marks every format puts around a quote's words: “ and ”, or none when the words
    already open and close with the author's own marks ("…", “…”, ‘…’), so none is ever doubled.
    The words themselves are always shown exactly as written."""
    words = text.strip()
    if len(words) > 1 and words[0] in OPENING_MARKS and words.rstrip(TRAILING)[-1:] in CLOSING_MARKS:
        return "", ""
    return "“", "”"


def in_quote_marks(html: str, text: str) -> str:
    """Rendered Markdown of a quote with the marks of `quote_marks` inside its first and last paragraph."""
    opening, closing = quote_marks(text)
    if not opening:
        return html
    start, end = html.find("<p>"), html.rfind("</p>")
    if start < 0 or end < start:
        return f"{opening}{html}{closing}"
    start += len("<p>")
    return html[:start] + opening + html[start:end] + closing + html[end:]


def quote_credit(quote: Quote, module: Module) -> str:
    """The line under a quote, the same in every format: one sentence saying who said it and where it
    was published, or that the authors wrote it. It is shown on its own line, never joined to other
    words, and never used as a title."""
    if quote.illustrative:
        return ILLUSTRATIVE
    ref = module.reference(quote.source)
    if ref is None:  # validated at load time; never reached for a loaded module
        return quote.attribution or ""
    where = f"{ref.title} ({short_citation(ref)})" if ref.author else \
        f"{ref.title} ({ref.year})" if ref.year else ref.title
    page = f", {quote.page}" if quote.page else ""
    if quote.attribution:
        return f"{quote.attribution}, quoted in {where}{page}."
    return f"From {where}{page}."

