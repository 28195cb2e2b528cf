"""Every generated DOCX and XLSX opens in LibreOffice: converted headless to PDF."""

from __future__ import annotations

import subprocess

import pytest

from jixiao.reports.sample import sample_report_data
from jixiao.reports.services import report_render_data
from jixiao.testing.system import require_binary

pytestmark = pytest.mark.system

FILES = {
    "docx": [
        ("self-eval-report", "seed"),
        ("self-eval-report", "national"),
        ("self-eval-table", "seed"),
        ("goal-table", "seed"),
    ],
    "xlsx": [("self-eval-table", "seed"), ("goal-table", "seed")],
}


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_it_converts_every_generated_file_to_pdf_with_libreoffice(tmp_path, fmt):
    soffice = require_binary("soffice", "libreoffice-writer-nogui libreoffice-calc-nogui")
    data = sample_report_data()
    names = []
    for kind, template in FILES[fmt]:
        rendered = report_render_data(data, kind=kind, fmt=fmt, template=template)
        name = f"{kind}-{template}.{fmt}"
        (tmp_path / name).write_bytes(rendered.content)
        names.append(name)
    # One LibreOffice profile per test: two conversions sharing a profile lose files.
    profile = tmp_path / "profile"
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{profile}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *names,
        ],
        cwd=tmp_path,
        capture_output=True,
        check=True,
        timeout=180,
    )
    for name in names:
        pdf = tmp_path / "pdf" / name.replace(f".{fmt}", ".pdf")
        assert pdf.exists(), name
        assert pdf.stat().st_size > 1000, name
        assert pdf.read_bytes().startswith(b"%PDF-")
