"""Guards for tests that need Debian packages: fonts, Chromium, poppler, LibreOffice.

A test calls a guard before it uses the package. Where the package is missing the test is
skipped with the package named, so that `uv run pytest` works on any machine. CI sets
``JIXIAO_REQUIRE_SYSTEM=1``, and then a missing package fails the test instead: a green CI
must never hide a skipped PDF, font or browser check.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import NoReturn

import pytest

REQUIRE_SYSTEM_VARIABLE = "JIXIAO_REQUIRE_SYSTEM"

# Debian's Chromium, launched by Playwright (never `playwright install`: there is no network).
# Sandboxing needs user namespaces that CI, running as root, does not have; the rest keep
# Chromium from calling home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def is_system_required() -> bool:
    """Return True when a missing system package must fail a test (``JIXIAO_REQUIRE_SYSTEM=1``).

    Any other value, or none, means skip.
    """
    return os.environ.get(REQUIRE_SYSTEM_VARIABLE, "") == "1"


def _missing(what: str, package: str) -> NoReturn:
    message = (
        f"{what} is missing: this test needs Debian package {package} "
        f"(apt-get install --no-install-recommends {package})"
    )
    if is_system_required():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def require_binary(name: str, package: str) -> str:
    """Return the full path of the program ``name``; skip or fail naming ``package`` if absent."""
    path = shutil.which(name)
    if path is None:
        _missing(f"the program {name!r}", package)
    return path


def font_families() -> str:
    """Return the output of ``fc-list : family``, one family list a line; "" without fontconfig."""
    if shutil.which("fc-list") is None:
        return ""
    completed = subprocess.run(
        ["fc-list", ":", "family"], capture_output=True, text=True, check=False
    )
    return completed.stdout


def require_font(family_substring: str, package: str) -> None:
    """Skip or fail naming ``package`` unless an installed font family contains the substring.

    The comparison ignores case: "Noto Sans CJK SC" and "noto sans cjk sc" are the same font.
    """
    if family_substring.casefold() not in font_families().casefold():
        _missing(f"the font {family_substring!r}", package)


def chromium_path() -> str:
    """Return the path of Debian's Chromium (``/usr/bin/chromium``) for Playwright's launch."""
    return require_binary("chromium", "chromium")
