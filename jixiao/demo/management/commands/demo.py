"""`jixiao demo`: build the embedded database, load the demo data, print the accounts, serve.

While serving, a django-q2 worker (`jixiao qcluster`) runs beside the web server as a child
process, so background work (the bureau's year-wide export) runs on the embedded default with
no extra service. It is stopped when the server stops: Ctrl+C, SIGTERM or an error.
"""

from __future__ import annotations

import contextlib
import ctypes
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jixiao.console import text_table
from jixiao.demo.services import (
    DEMO_ACCOUNTS,
    demo_is_loaded,
    demo_load,
    demo_monitoring_open,
)

# How long the worker may take to stop on SIGTERM before it is killed. An export cut short this
# way is marked failed (导出中断) when django-q2 delivers it again after Q_CLUSTER["retry"].
WORKER_STOP_SECONDS = 10


# prctl(2) option: the signal a child gets when its parent dies.
PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Linux: the worker gets SIGTERM if `jixiao demo` dies without stopping it (kill -9).

    Runs in the child between fork and exec. Elsewhere (no prctl) it does nothing.
    """
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _raise_keyboard_interrupt(signum, frame):
    """SIGTERM stops the server as Ctrl+C does, so the `finally` stops the worker too."""
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = "建立数据库、载入演示数据并启动网页服务（http://127.0.0.1:8000）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
        parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
        parser.add_argument("--reset", action="store_true", help="清空数据库后重新载入演示数据")
        parser.add_argument("--no-serve", action="store_true", help="只建立数据，不启动服务")

    def handle(self, *args, **options) -> None:
        port = options["port"]
        if not 0 < port < 65536:
            raise CommandError(f"端口 {port} 无效：应在 1–65535 之间。")
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        if options["reset"]:
            call_command("flush", interactive=False, verbosity=0)
            self.stdout.write("已清空数据库。")
        if demo_load():
            self.stdout.write(self.style.SUCCESS("演示数据已载入。"))
        elif demo_is_loaded():
            self.stdout.write("演示数据已存在，未重复载入（--reset 可重建）。")
        if demo_monitoring_open():
            self.stdout.write("已开启 2023 年 1-7 月绩效运行监控轮次（演示）。")
        database = settings.DATABASES["default"]
        self.stdout.write(f"数据库：{database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}")
        self._print_accounts()
        if options["no_serve"]:
            return
        address = f"{options['host']}:{port}"
        worker = self._start_worker()
        previous_handler = signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
        try:
            self.stdout.write(self.style.SUCCESS(f"网页服务：http://{address}/  （Ctrl+C 停止）"))
            call_command("runserver", address, use_reloader=False, skip_checks=True)
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous_handler)
            self._stop_worker(worker)

    def _start_worker(self) -> subprocess.Popen:
        """Start `jixiao qcluster` (django-q2) with this process's settings and environment."""
        worker = subprocess.Popen(
            [sys.executable, "-m", "jixiao.manage", "qcluster"],
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
        self.stdout.write(f"后台任务进程已启动（进程号 {worker.pid}）。")
        self.stdout.flush()
        return worker

    def _stop_worker(self, worker: subprocess.Popen) -> None:
        """Ask the worker to stop (SIGTERM), killing it after WORKER_STOP_SECONDS."""
        if worker.poll() is None:
            worker.terminate()
            try:
                worker.wait(timeout=WORKER_STOP_SECONDS)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
        self.stdout.write("后台任务进程已停止。")

    def _print_accounts(self) -> None:
        self.stdout.write(f"演示账号（密码均为 {settings.JIXIAO_DEMO_PASSWORD}）：")
        rows = [[a.username, a.role.label, a.description] for a in DEMO_ACCOUNTS]
        table = text_table(["账号", "角色", "说明"], rows, numeric=set())
        self.stdout.write("\n".join(f"  {line}" for line in table.split("\n")))
