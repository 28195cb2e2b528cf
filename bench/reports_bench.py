"""Benchmark of the report renderers (not a test): `uv run python bench/reports_bench.py`.

Measures, on the seed project's data built by hand (`jixiao.reports.sample`, no database):
the median time of one DOCX, one XLSX and one PDF 自评报告/自评表, the time per PDF page, a
batch of 1,000 DOCX reports with peak memory (tracemalloc and the process's max RSS), and the
ratio of our DOCX time to a bare python-docx document holding the same paragraphs and tables.
Targets on a 2-core machine: DOCX and XLSX < 100 ms each, the seed PDF < 2 s.
"""

from __future__ import annotations

import gc
import io
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.config.settings")

import django

django.setup()

from docx import Document  # noqa: E402
from docx.shared import Pt  # noqa: E402

from jixiao.reports.context import report_context  # noqa: E402
from jixiao.reports.sample import sample_report_data  # noqa: E402
from jixiao.reports.services import report_render_data  # noqa: E402

RUNS = 21
BATCH = 1000


def median_ms(function, runs: int = RUNS) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds of `function` (after one warm-up call).

    CPU time is reported beside wall time because other processes may share the two cores.
    """
    function()  # warm-up: template parsing, font loading
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def rss_mib() -> float:
    """The resident set size of this process now (Linux /proc), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def bare_docx(context: dict) -> bytes:
    """The same paragraphs and tables, written directly with python-docx (no template)."""
    document = Document()
    document.styles["Normal"].font.size = Pt(16)
    document.add_paragraph(context["title"])
    texts = [
        *context["background"],
        context["funding_sentence"],
        *(item["no"] + item["text"] for item in context["policy_items"]),
        *context["annual_goal"],
        context["indicator_sentence"],
        *(item["criterion"] for item in context["indicators"]),
        context["execution_sentence"],
        context["grade_sentence"],
        *(text for texts in context["narrative"].values() for text in texts),
    ]
    for text in texts:
        document.add_paragraph(text)
    uses = document.add_table(rows=1, cols=3)
    uses.style = "Table Grid"
    for cell, text in zip(uses.rows[0].cells, ("序号", "资金用途", "金额（元）"), strict=True):
        cell.text = text
    for use in context["uses"]:
        cells = uses.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = str(use["no"]), use["purpose"], use["amount"]
    scores = document.add_table(rows=1, cols=3)
    scores.style = "Table Grid"
    for item in context["indicators"]:
        cells = scores.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = item["name"], item["weight"], item["score"]
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def pdf_pages(content: bytes) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return len(pdf.pages)


def main() -> None:
    data = sample_report_data()
    context = report_context(data)

    def render(kind, fmt, template="seed"):
        return report_render_data(data, kind=kind, fmt=fmt, template=template).content

    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPU(s); median of {RUNS} runs")
    rows = [
        ("DOCX 自评报告 (seed)", lambda: render("self-eval-report", "docx")),
        ("DOCX 自评报告 (national)", lambda: render("self-eval-report", "docx", "national")),
        ("DOCX 自评表", lambda: render("self-eval-table", "docx")),
        ("DOCX 绩效目标表", lambda: render("goal-table", "docx")),
        ("XLSX 自评表", lambda: render("self-eval-table", "xlsx")),
        ("XLSX 绩效目标表", lambda: render("goal-table", "xlsx")),
        ("HTML 自评报告", lambda: render("self-eval-report", "html")),
    ]
    results = {}
    for label, function in rows:
        results[label] = median_ms(function)
        wall, cpu = results[label]
        print(f"{label:<28} {wall:8.1f} ms wall {cpu:8.1f} ms CPU")
    bare = median_ms(lambda: bare_docx(context))
    print(f"{'bare python-docx (same content)':<28} {bare[0]:8.1f} ms wall {bare[1]:8.1f} ms CPU")
    ours = results["DOCX 自评报告 (seed)"]
    print(
        f"ratio ours / bare python-docx: {ours[0] / bare[0]:.2f} wall, {ours[1] / bare[1]:.2f} CPU"
    )

    for label, kind in (
        ("PDF 自评报告 (seed)", "self-eval-report"),
        ("PDF 自评表", "self-eval-table"),
    ):
        content = render(kind, "pdf")
        pages = pdf_pages(content)
        wall, cpu = median_ms(lambda kind=kind: render(kind, "pdf"), runs=7)
        print(
            f"{label:<28} {wall:8.1f} ms wall {cpu:8.1f} ms CPU, {pages} pages, "
            f"{wall / pages:.1f} ms/page wall"
        )

    gc.collect()
    rss_start = rss_mib()
    samples = []
    start, start_cpu = time.perf_counter(), time.process_time()
    for index in range(1, BATCH + 1):
        render("self-eval-report", "docx")
        if index % 200 == 0:
            gc.collect()
            samples.append((index, rss_mib()))
    elapsed, elapsed_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"batch of {BATCH} DOCX 自评报告: {elapsed:.1f} s wall ({elapsed / BATCH * 1000:.1f} ms "
        f"each), {elapsed_cpu:.1f} s CPU"
    )
    print(
        f"RSS at start {rss_start:.1f} MiB; after n reports: "
        + ", ".join(f"{n}: {mib:.1f}" for n, mib in samples)
        + f" MiB; process peak RSS {peak:.1f} MiB (includes WeasyPrint's fonts above)"
    )

    tracemalloc.start()
    for _ in range(100):
        render("self-eval-report", "docx")
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"tracemalloc peak over 100 DOCX reports: {traced_peak / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
