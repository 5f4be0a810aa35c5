"""Reading a handbook's structure tree back: each structure element with the text it holds."""

from __future__ import annotations

import re

import pikepdf


def elements_with_text(pdf: pikepdf.Pdf) -> list[tuple[pikepdf.Dictionary, str, str]]:
    """Every structure element under the root, with the text of the marked content below it, in the
    order it is drawn (so the letters of Urdu come left to right, as printed: see `_visual`), and the
    language it is read in: its own /Lang, or else the nearest one above it ("" for the document's)."""
    text_of: dict[tuple[int, int], str] = {}  # (page object number, MCID) → text
    for page in pdf.pages:
        mapping, mcid, parts = {}, None, []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "Tf":
                mapping = unicode_map(page.Resources.Font[operands[0]])
            elif op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                mcid, parts = int(operands[1].MCID), []
            elif op == "EMC" and mcid is not None:
                text_of[(page.objgen[0], mcid)] = "".join(parts)
                mcid = None
            elif op in ("Tj", "TJ") and mcid is not None:
                shown = operands[0] if op == "TJ" else [operands[0]]
                data = b"".join(bytes(part) for part in shown if isinstance(part, pikepdf.String))
                parts.append("".join(mapping.get(data[i:i + 2], "") for i in range(0, len(data), 2)))
    found: list[tuple[pikepdf.Dictionary, str, str]] = []

    def walk(element, page, language: str) -> str:
        page = element.get("/Pg", page)
        language = str(element.get("/Lang", language))
        kids = element.get("/K")
        text = []
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, int):  # an MCID on the element's page
                text.append(text_of.get((page.objgen[0], kid), ""))
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:  # a structure element (not a link's OBJR)
                text.append(walk(kid, page, language))
        found.append((element, "".join(text), language))
        return "".join(text)

    for kid in pdf.Root.StructTreeRoot.K:
        walk(kid, None, "")
    return found


def unicode_map(font) -> dict[bytes, str]:
    """A font's /ToUnicode: two-byte code → text (as WeasyPrint writes it, one bfchar line each)."""
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    return {bytes.fromhex(code): bytes.fromhex(text).decode("utf-16-be")
            for code, text in re.findall(r"<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]+)>", cmap)}


def words(text: str) -> str:
    return " ".join(text.split())
