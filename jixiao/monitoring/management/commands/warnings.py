"""`jixiao warnings --year Y [--unit CODE] [--json]`: the current monitoring warnings."""

from __future__ import annotations

import datetime
import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jixiao.accounts.models import Organisation, OrganisationKind
from jixiao.console import text_table
from jixiao.monitoring.models import MonitoringRound, MonitoringWarning
from jixiao.monitoring.services import monitoring_round_recompute
from jixiao.rules.warnings import WARNING_TYPES

COLOURS = {"red": "红灯", "yellow": "黄灯"}


class Command(BaseCommand):
    help = "打印某年度最新一轮绩效运行监控的预警（项目、类型、颜色、数据、原因）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="年度")
        parser.add_argument("--unit", default="", help="只看一个预算单位（机构代码）")
        parser.add_argument(
            "--checkpoint", default="", help="监控轮次 YYYY-MM（默认该年度最新一轮）"
        )
        parser.add_argument(
            "--recompute",
            action="store_true",
            help="先按最新台账和今天的日期重算本轮执行数据和预警",
        )
        parser.add_argument("--today", default="", help="重算时使用的日期 YYYY-MM-DD（默认今天）")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, **options) -> None:
        round_ = self._round(options["year"], options["checkpoint"])
        unit = None
        if options["unit"]:
            unit = Organisation.objects.filter(
                code=options["unit"], kind=OrganisationKind.UNIT
            ).first()
            if unit is None:
                raise CommandError(f"预算单位不存在：{options['unit']}")
        if options["recompute"]:
            monitoring_round_recompute(round_=round_, today=self._today(options["today"]))
            round_.refresh_from_db()
        warnings = (
            MonitoringWarning.objects.filter(round=round_)
            .select_related("project", "unit")
            .order_by("rank", "unit__code", "project__code", "id")
        )
        if unit is not None:
            warnings = warnings.filter(unit=unit)
        rows = [
            {
                "project": warning.project.code,
                "project_name": warning.project.name,
                "unit": warning.unit.code,
                "unit_name": warning.unit.name,
                "type": warning.rule,
                "type_name": WARNING_TYPES.get(warning.rule, warning.rule),
                "colour": warning.colour,
                "subject": warning.subject,
                "figures": {k: v for k, v in warning.figures.items() if k != "colour"},
                "reason": warning.message,
            }
            for warning in warnings.iterator(chunk_size=2000)
        ]
        if options["json"]:
            data = {
                "year": round_.year,
                "checkpoint": round_.slug,
                "computed_on": round_.computed_on.isoformat() if round_.computed_on else None,
                "count": len(rows),
                "warnings": rows,
            }
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{round_.label}绩效运行监控预警，共 {len(rows)} 条"
            f"（计算日期 {round_.computed_on or '—'}）"
        )
        if rows:
            self.stdout.write(
                text_table(
                    ["颜色", "类型", "单位", "项目编码", "对象", "原因"],
                    [
                        [
                            COLOURS.get(row["colour"], row["colour"]),
                            row["type_name"],
                            row["unit_name"],
                            row["project"],
                            row["subject"],
                            row["reason"],
                        ]
                        for row in rows
                    ],
                    numeric=set(),
                )
            )

    def _round(self, year: int, checkpoint: str) -> MonitoringRound:
        rounds = MonitoringRound.objects.filter(year=year)
        if checkpoint:
            year_text, _, month_text = checkpoint.partition("-")
            if not (year_text == str(year) and month_text.isdigit()):
                raise CommandError(f"监控轮次“{checkpoint}”无效，应为 {year}-MM。")
            rounds = rounds.filter(checkpoint_month=int(month_text))
        round_ = rounds.order_by("-checkpoint_month").first()
        if round_ is None:
            raise CommandError(f"{year} 年度没有{'该' if checkpoint else ''}绩效运行监控轮次。")
        return round_

    def _today(self, text: str) -> datetime.date | None:
        if not text:
            return None
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise CommandError(f"日期“{text}”无效，请按 YYYY-MM-DD 填写。") from None
