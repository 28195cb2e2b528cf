"""`jixiao open-data --year Y -o DIR`: the published data of a year as JSON and CSV files."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from jixiao.disclosure import opendata
from jixiao.disclosure.selectors import portal_year_snapshots


def _year(text: str) -> int:
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise CommandError(f"年度“{text}”无效，应为 2000 至 2100 之间的四位数字。")
    return int(text)


class Command(BaseCommand):
    help = "导出某年度已公开的绩效信息（与公开门户下载相同的 JSON 和 CSV 文件）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", required=True, help="年度，例如 2023")
        parser.add_argument("-o", "--output", required=True, help="输出目录（不存在时自动创建）")

    def handle(self, *args, **options) -> None:
        year = _year(str(options["year"]))
        directory = Path(options["output"])
        if directory.exists() and not directory.is_dir():
            raise CommandError(f"输出路径“{directory}”已存在且不是目录。")
        try:
            snapshots = portal_year_snapshots(year=year)
        except Http404:
            raise CommandError(f"{year} 年度没有已公开的绩效信息。") from None
        try:
            directory.mkdir(parents=True, exist_ok=True)
            files = opendata.year_files(year, snapshots)
            for name, text in files.values():
                (directory / name).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"无法写入输出目录“{directory}”：{error.strerror}。") from None
        self.stdout.write(
            f"已导出 {year} 年度 {len(snapshots)} 个公开项目到 {directory}："
            + "、".join(name for name, _ in files.values())
        )
