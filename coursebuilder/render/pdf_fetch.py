"""The only way WeasyPrint may read a file while it renders a handbook.

Handbook HTML names files with plain relative URLs, which the Markdown sanitiser lets through:

    <slug>/<path>      a file named from module <slug>, relative to its module folder
    _theme/<path>      a file of the theme, relative to the theme folder

(slugs never start with "_"). Every request goes back through `Project.resolve`, relative to the
folder the reference belongs to. Anything else (http, https, file:, data:, any other scheme,
modules that are not being built) is refused by raising, so nothing is fetched from the network
or read from outside the project, and WeasyPrint's own fetcher is never used.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote

from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..project import Project
from .pdf_urls import _SCHEME_RE, THEME_PREFIX


class RefusedURL(ValueError):
    """A URL the handbook renderer does not serve."""


class ProjectFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves only files the project's resolver allows."""

    def __init__(self, project: Project, module_folders: dict[str, Path], theme_folder: Path):
        # No protocols allowed and no redirects: the inherited network handlers can never run,
        # because `fetch` below never calls the parent's.
        super().__init__(allowed_protocols=(), allow_redirects=False)
        self.project = project
        self.module_folders = dict(module_folders)
        self.theme_folder = theme_folder

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        file = self.resolve(url)
        media_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, file.read_bytes(), {"Content-Type": media_type})

    def resolve(self, url: str) -> Path:
        if _SCHEME_RE.match(url) or url.startswith(("/", "\\")):
            raise RefusedURL(f"refused {url[:80]!r}: handbooks only use files inside the project")
        first, _, ref = unquote(url.split("#", 1)[0].split("?", 1)[0]).partition("/")
        folder = self.theme_folder if first == THEME_PREFIX else self.module_folders.get(first)
        if folder is None:
            raise RefusedURL(f"refused {url[:80]!r}: no module {first!r} in this build")
        return self.project.resolve(ref, folder)  # raises ResolveError for anything it refuses
