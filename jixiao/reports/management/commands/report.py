"""`jixiao report CODE --kind KIND --format FORMAT [--template seed|national] -o FILE`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jixiao.projects.models import Project
from jixiao.reports.services import KINDS, TEMPLATES, ReportError, report_check
from jixiao.reports.template_services import report_render_for_site


class Command(BaseCommand):
    help = "生成项目的绩效自评报告、绩效自评表或绩效目标表（DOCX、XLSX、PDF、HTML）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="项目编码，例如 440111-2023-0001")
        parser.add_argument("--kind", required=True, help=f"报告类型：{'、'.join(KINDS)}")
        parser.add_argument(
            "--format", required=True, dest="fmt", help="格式：docx、xlsx、pdf、html（视类型而定）"
        )
        parser.add_argument(
            "--template", default="seed", help=f"报告提纲：{'、'.join(TEMPLATES)}（默认 seed）"
        )
        parser.add_argument(
            "-o", "--output", required=True, help="输出文件路径；“-”表示写到标准输出"
        )

    def handle(self, *args, **options) -> None:
        kind, fmt, template = options["kind"], options["fmt"], options["template"]
        try:
            report_check(kind, fmt, template)
        except ReportError as error:
            raise CommandError(str(error)) from None
        project = Project.objects.filter(code=options["code"]).first()
        if project is None:
            raise CommandError(f"项目不存在：{options['code']}")
        try:
            rendered = report_render_for_site(
                project=project, kind=kind, fmt=fmt, template=template
            )
        except ReportError as error:
            raise CommandError(str(error)) from None
        output = options["output"]
        if output == "-":
            stream = getattr(self.stdout, "_out", sys.stdout)
            buffer = getattr(stream, "buffer", None)
            if buffer is None:
                raise CommandError("标准输出不接受二进制内容，请用 -o 指定文件。")
            buffer.write(rendered.content)
            buffer.flush()
            return
        _write_atomically(Path(output), rendered.content)
        self.stderr.write(f"已生成 {output}（{len(rendered.content):,} 字节）")


def _write_atomically(path: Path, content: bytes) -> None:
    """Write through a temporary file in the same folder, so a failure leaves no half file
    and an existing file is replaced only by a complete one."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CommandError(f"输出目录不存在：{folder}")
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".jixiao-report-", suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
