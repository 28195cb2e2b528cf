"""Writing an export zip file by file: folder and file names, and the zip itself.

Nothing here touches the database: `export_zip_write` takes the entries and a callback, so the
zip layout is tested without one.
"""

from __future__ import annotations

import datetime
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

# Characters Windows, macOS or Linux refuse in a file name, and control characters.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
NAME_MAX = 80


def safe_name(text: str) -> str:
    """`text` usable as one file or folder name on every system ("未命名" when nothing is left).

    Unsafe characters become "_", surrounding spaces and dots go (Windows drops trailing dots),
    and the name is cut to NAME_MAX characters so that the zip opens on Windows too.
    """
    cleaned = _UNSAFE.sub("_", text).strip().strip(".").strip()
    return cleaned[:NAME_MAX] or "未命名"


@dataclass(frozen=True)
class ZipEntry:
    """One file of the zip: its path inside the zip and how to produce its bytes."""

    arcname: str
    produce: Callable[[], bytes]


def export_zip_write(
    path: Path,
    entries: Iterable[ZipEntry],
    *,
    on_file: Callable[[int], None],
    timestamp: datetime.datetime,
) -> int:
    """Write `entries` into a new zip at `path`, one file at a time; return the file count.

    Each file is produced, compressed (ZIP_DEFLATED) and written before the next is produced,
    so memory holds one document at a time however large the export. `on_file(count)` is
    called after each file. Names are stored as UTF-8 (zipfile sets the flag for non-ASCII
    names), so Chinese folder and file names survive on every unzip tool that honours it.
    An exception from `produce` propagates; the caller removes the partial file.
    """
    date_time = timestamp.timetuple()[:6]
    count = 0
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entry in entries:
            content = entry.produce()
            info = zipfile.ZipInfo(entry.arcname, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
            count += 1
            on_file(count)
    return count
