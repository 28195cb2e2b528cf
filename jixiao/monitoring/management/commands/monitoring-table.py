"""`jixiao monitoring-table CODE --checkpoint YYYY-MM --format docx|xlsx -o FILE`."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from jixiao.monitoring.renderers import render_docx, render_xlsx
from jixiao.monitoring.selectors import report_get, round_get, round_list
from jixiao.monitoring.table import monitoring_table_build
from jixiao.projects.models import Project


class Command(BaseCommand):
    help = "导出项目支出绩效目标执行监控表（DOCX 或 XLSX）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="项目编码")
        parser.add_argument(
            "--checkpoint", default="", help="监控轮次 YYYY-MM（默认该项目年度的最新一轮）"
        )
        parser.add_argument("--format", choices=["docx", "xlsx"], required=True)
        parser.add_argument("-o", "--output", required=True, help="输出文件")

    def handle(self, *args, **options) -> None:
        project = (
            Project.objects.select_related("unit", "unit__parent")
            .filter(code=options["code"])
            .first()
        )
        if project is None:
            raise CommandError(f"项目不存在：{options['code']}")
        try:
            if options["checkpoint"]:
                round_ = round_get(slug=options["checkpoint"])
            else:
                rounds = round_list(year=project.year)
                if not rounds:
                    raise Http404
                round_ = rounds[0]
            report = report_get(project=project, round_=round_)
        except Http404:
            wanted = options["checkpoint"] or project.year
            raise CommandError(f"项目 {project.code} 没有监控轮次“{wanted}”的监控表。") from None
        table = monitoring_table_build(report)
        content = render_docx(table) if options["format"] == "docx" else render_xlsx(table)
        path = Path(options["output"])
        try:
            path.write_bytes(content)
        except OSError as error:
            raise CommandError(f"无法写入文件 {path}：{error.strerror}") from None
        self.stdout.write(f"已导出 {path}（{len(content)} 字节）。")
