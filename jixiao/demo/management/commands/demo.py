"""`jixiao demo`: build the embedded database, load the demo data, print the accounts, serve."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jixiao.demo.services import DEMO_ACCOUNTS, demo_is_loaded, demo_load


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
        database = settings.DATABASES["default"]
        self.stdout.write(f"数据库：{database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}")
        self._print_accounts()
        if options["no_serve"]:
            return
        address = f"{options['host']}:{port}"
        self.stdout.write(self.style.SUCCESS(f"网页服务：http://{address}/  （Ctrl+C 停止）"))
        call_command("runserver", address, use_reloader=False, skip_checks=True)

    def _print_accounts(self) -> None:
        self.stdout.write(f"演示账号（密码均为 {settings.JIXIAO_DEMO_PASSWORD}）：")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(
                f"  {account.username:<11} {account.role.label:<8} {account.description}"
            )
