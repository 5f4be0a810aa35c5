"""Zip files that are byte-for-byte the same whenever their contents are the same.

An LMS administrator (or a release check) can then tell a changed package from a rebuilt one.
Everything that would vary is fixed: timestamps (SOURCE_DATE_EPOCH, as reproducible-builds.org
describes, else 1980-01-01, the earliest time a zip can hold), entry order, permissions, the
system that "made" the entries and the compression.
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from collections.abc import Mapping

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o644
UNIX = 3  # ZipInfo.create_system; the default depends on the platform that runs the build


def fixed_timestamp() -> tuple[int, int, int, int, int, int]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return ZIP_EPOCH
    stamp = time.gmtime(int(epoch))[:6]
    return max(stamp, ZIP_EPOCH)  # a zip cannot hold a time before 1980


def deterministic_zip(files: Mapping[str, bytes], first: tuple[str, ...] = ()) -> bytes:
    """A zip of `files` (path → contents); names in `first` lead, the rest follow in sorted order."""
    stamp = fixed_timestamp()
    order = [name for name in first if name in files] + sorted(name for name in files if name not in first)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = UNIX
            info.external_attr = (0o100000 | FILE_MODE) << 16  # a regular file, rw-r--r--
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()
