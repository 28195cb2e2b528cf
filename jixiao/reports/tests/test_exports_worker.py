"""`jixiao demo` serves the web UI with a django-q2 worker beside it, and stops both.

The system test starts the real command in a subprocess on a fresh embedded database (SQLite in
a temporary data folder), so its export runs on the real queue, not inline. The other tests run
the command in-process with the server and the worker replaced, for the Ctrl+C and --no-serve
paths.
"""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import ClassVar

import pytest
from django.core.management import call_command

from jixiao.demo.management.commands import demo as demo_command
from jixiao.testing.system import CHROMIUM_ARGS, chromium_path

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

START_SECONDS = 60  # a bound for a loaded machine; ~5 s when idle


@dataclass
class Demo:
    server: subprocess.Popen
    base_url: str
    marker: str  # JIXIAO_DATA_DIR=… in the environment of every process of this demo


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _processes_with(marker: str) -> list[int]:
    """Pids of live processes whose environment holds `marker`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker.encode() in environ.split(b"\0") and state != "Z":
            found.append(int(entry.name))
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@contextmanager
def _demo(tmp_path: Path) -> Iterator[Demo]:
    """`jixiao demo` on a free port until the login page answers; killed if still running."""
    if not Path("/proc/self/environ").exists():
        pytest.skip("needs /proc (Linux) to see the worker process")
    data_dir = tmp_path / "data"
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.pop("DATABASE_URL", None)  # the embedded default: SQLite in the data folder
    environment.update({"JIXIAO_DATA_DIR": str(data_dir), "JIXIAO_Q_SYNC": "0"})
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "jixiao.manage", "demo", "--port", str(port)],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    demo = Demo(server, f"http://127.0.0.1:{port}", f"JIXIAO_DATA_DIR={data_dir}")
    try:
        _wait_for_login_page(demo)
        yield demo
    finally:
        # On failure: kill the server and whatever of this demo is still alive (a worker left
        # behind would keep the output pipe open). The marker is unique to this test's folder.
        if server.returncode is None:
            server.kill()
        for pid in _processes_with(demo.marker):
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if not server.stdout.closed:
            server.communicate(timeout=10)


def _wait_for_login_page(demo: Demo) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if demo.server.poll() is not None:
            pytest.fail(f"jixiao demo exited early with {demo.server.returncode}")
        try:
            with urllib.request.urlopen(f"{demo.base_url}/login/", timeout=2) as response:
                assert response.status == 200
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"no answer from {demo.base_url}/login/ within {START_SECONDS} s")


def _workers(demo: Demo) -> list[int]:
    return [pid for pid in _processes_with(demo.marker) if "qcluster" in _cmdline(pid)]


def _stop(demo: Demo, stop_signal: int) -> str:
    """Send `stop_signal` to `jixiao demo`; return its output once it and its worker are gone."""
    demo.server.send_signal(stop_signal)
    output, _ = demo.server.communicate(timeout=20)
    assert demo.server.returncode == 0
    deadline = time.monotonic() + 10
    while _processes_with(demo.marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_with(demo.marker) == []
    return output


@pytest.mark.system
@pytest.mark.browser
def test_a_worker_runs_beside_the_server_and_exports_the_year_then_both_stop(tmp_path):
    from playwright.sync_api import expect, sync_playwright

    executable = chromium_path()
    with _demo(tmp_path) as demo:
        assert len(_workers(demo)) == 1
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
            page = browser.new_page()
            page.goto(f"{demo.base_url}/login/")
            page.fill("input[name=username]", "supervisor")
            page.fill("input[name=password]", "Jixiao@2026")
            page.click("button[type=submit]")
            page.click("text=导出全年报告")
            page.click("text=开始导出")
            expect(page.locator("h1")).to_contain_text("2023 年度报告导出")
            # the page is not reloaded: htmx swaps the progress in until the link appears
            link = page.locator("#export-progress a", has_text="下载 zip")
            expect(link).to_be_visible(timeout=20_000)
            expect(page.locator("#export-progress")).to_contain_text(
                "已生成 10 / 10 个文件（100%）"
            )
            response = page.request.get(demo.base_url + link.get_attribute("href"))
            assert response.status == 200
            with zipfile.ZipFile(io.BytesIO(response.body())) as archive:
                names = archive.namelist()
            browser.close()
        assert len(names) == 10
        assert {name.split("/")[0] for name in names} == {"示例区第一中学", "示例区中心幼儿园"}
        assert list((tmp_path / "data" / "exports").iterdir()) == [
            tmp_path / "data" / "exports" / "export-1.zip"
        ]
        output = _stop(demo, signal.SIGTERM)  # as a service manager stops it
    assert "后台任务进程已启动" in output
    assert "后台任务进程已停止" in output


class FakeWorker:
    """Stands in for the qcluster subprocess."""

    started: ClassVar[list[FakeWorker]] = []

    def __init__(self, args, **kwargs):
        self.args = args
        self.pid = 4242
        self.calls: list[str] = []
        FakeWorker.started.append(self)

    def poll(self):
        return None if "terminate" not in self.calls else 0

    def terminate(self):
        self.calls.append("terminate")

    def wait(self, timeout=None):
        self.calls.append("wait")
        return 0


@pytest.fixture
def fake_worker(monkeypatch):
    FakeWorker.started = []
    monkeypatch.setattr(demo_command.subprocess, "Popen", FakeWorker)
    return FakeWorker.started


@pytest.mark.django_db
def test_it_stops_the_worker_when_the_server_is_interrupted(fake_worker, monkeypatch):
    served = []

    def runserver(name, address, **options):
        served.append((name, address))
        raise KeyboardInterrupt  # Ctrl+C

    monkeypatch.setattr(demo_command, "call_command", _passing_through(runserver))
    out = StringIO()
    call_command("demo", "--port", "8123", stdout=out)
    assert served == [("runserver", "127.0.0.1:8123")]
    assert len(fake_worker) == 1
    assert fake_worker[0].args[1:] == ["-m", "jixiao.manage", "qcluster"]
    assert fake_worker[0].calls == ["terminate", "wait"]
    text = out.getvalue()
    assert "后台任务进程已启动（进程号 4242）。" in text
    assert text.index("后台任务进程已启动") < text.index("网页服务：http://127.0.0.1:8123/")
    assert text.rstrip().endswith("后台任务进程已停止。")


@pytest.mark.django_db
def test_it_starts_no_worker_without_serving(fake_worker):
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    assert fake_worker == []
    assert "后台任务进程" not in out.getvalue()


def _passing_through(runserver):
    """call_command for the demo command: runserver replaced, migrate and the rest real."""
    real = demo_command.call_command

    def call(name, *args, **options):
        if name == "runserver":
            return runserver(name, *args, **options)
        return real(name, *args, **options)

    return call
