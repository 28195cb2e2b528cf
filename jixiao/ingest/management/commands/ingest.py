"""`jixiao ingest FILE [--json] [--save --unit CODE]`: extract, check and optionally store."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jixiao.accounts.models import Organisation
from jixiao.ingest.extract import FIELD_LABELS, KIND_LABELS, IngestRefused, Limits, extract_file
from jixiao.ingest.selectors import findings_for
from jixiao.ingest.services import ImportRefused, import_save

CONFIDENCE = {"certain": "确定", "unsure": "待核对"}


class Command(BaseCommand):
    help = "导入绩效目标表、自评表或自评报告：打印提取结果与一致性核查发现；--save 时保存。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="XLSX、DOCX、PDF（文字版）或 TXT 文件")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")
        parser.add_argument("--save", action="store_true", help="校验通过后保存为项目")
        parser.add_argument("--unit", help="保存到的预算单位机构代码（--save 时必填）")
        parser.add_argument(
            "--index",
            type=int,
            default=None,
            help="文件含多个项目时，要保存第几个（从 1 开始）",
        )
        parser.add_argument(
            "--accept-unsure",
            action="store_true",
            help="确认所有“待核对”的读取结果后保存",
        )

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        limit = settings.UPLOAD_MAX_BYTES
        if path.stat().st_size > limit:
            raise CommandError(f"文件过大（{path.stat().st_size} 字节），上限为 {limit} 字节。")
        data = path.read_bytes()
        try:
            extractions = extract_file(data, path.name, Limits(max_bytes=limit))
        except IngestRefused as error:
            raise CommandError(str(error)) from None
        findings = [findings_for(extraction) for extraction in extractions]
        saved = None
        if options["save"]:
            saved = self._save(extractions, options, path.name, hashlib.sha256(data).hexdigest())
        if options["json"]:
            output = {
                "file": path.name,
                "projects": [
                    {**extraction.to_dict(), "findings": [f.to_dict() for f in found]}
                    for extraction, found in zip(extractions, findings, strict=True)
                ],
                "saved": saved,
            }
            self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))
            return
        self._print(path.name, extractions, findings, saved)

    def _save(self, extractions, options, filename: str, checksum: str) -> dict:
        if not options["unit"]:
            raise CommandError("保存时必须用 --unit 指定预算单位的机构代码。")
        unit = Organisation.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"机构代码不存在：{options['unit']}")
        index = options["index"]
        if index is None:
            if len(extractions) != 1:
                raise CommandError(
                    f"文件含 {len(extractions)} 个项目，请用 --index 指定要保存第几个。"
                )
            index = 1
        if not 1 <= index <= len(extractions):
            raise CommandError(f"--index 应在 1 到 {len(extractions)} 之间。")
        try:
            result = import_save(
                extraction=extractions[index - 1],
                unit=unit,
                filename=filename,
                checksum=checksum,
                accept_unsure=options["accept_unsure"],
            )
        except ImportRefused as error:
            raise CommandError(f"未保存：{error}") from None
        project = result.project
        evaluation = getattr(project, "evaluation", None)
        return {
            "code": project.code,
            "unit": unit.code,
            "year": project.year,
            "indicators": result.indicator_count,
            "ledger_entries": result.ledger_count,
            "total": None
            if evaluation is None or evaluation.total is None
            else str(evaluation.total),
            "grade": None if evaluation is None else evaluation.grade,
        }

    def _print(self, filename, extractions, findings, saved) -> None:
        write = self.stdout.write
        write(f"文件：{filename}，识别到 {len(extractions)} 个项目")
        for number, (extraction, found) in enumerate(zip(extractions, findings, strict=True), 1):
            write("")
            write(f"【{number}】{KIND_LABELS.get(extraction.kind, extraction.kind)}")
            for name, item in extraction.fields.items():
                label = FIELD_LABELS.get(name, name)
                value = item.to_dict()["value"]
                write(f"  {label}：{value}（{CONFIDENCE[item.confidence.value]}，{item.source}）")
            if extraction.missing:
                write("  未找到：" + "、".join(FIELD_LABELS[n] for n in extraction.missing))
            for position, row in enumerate(extraction.indicators, 1):
                cells = "  ".join(
                    f"{key}={row[key].to_dict()['value']}"
                    for key in ("level1", "level2", "target", "actual", "weight", "score")
                    if key in row
                )
                write(f"  指标{position} {row['name'].value if 'name' in row else ''}  {cells}")
            for note in extraction.notes:
                write(f"  说明：{note}")
            if found:
                write("  核查发现：")
                for finding in found:
                    write(f"    [{finding.severity.value}] {finding.subject}：{finding.message}")
            else:
                write("  核查发现：无")
        if saved:
            write("")
            write(f"已保存为项目 {saved['code']}（总分 {saved['total']}，等级 {saved['grade']}）")
