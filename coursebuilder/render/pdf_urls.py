"""How handbook HTML names files (see pdf_fetch.py, which serves them). Kept apart from the fetcher,
which needs WeasyPrint: planning a build must not pay for importing it."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote

THEME_PREFIX = "_theme"
# WeasyPrint joins each reference with the document's base URL. A base with a scheme of our own
# leaves relative references exactly as written (urljoin only joins schemes it knows), so the
# fetcher sees "<slug>/<path>"; and any reference that carries a scheme is refused.
BASE_URL = "coursebuilder:"
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def module_url(slug: str, folder: Path, file: Path) -> str:
    """The URL of `file` (already resolved by the loader), as a path relative to the module folder."""
    return f"{slug}/{quote(Path(os.path.relpath(file, folder.resolve())).as_posix())}"


def theme_url(ref: str) -> str:
    return f"{THEME_PREFIX}/{quote(ref.strip())}"
