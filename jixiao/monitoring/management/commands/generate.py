"""`jixiao generate --units N --projects-per-unit M --year Y [--seed S]`: synthetic data in bulk."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jixiao.monitoring.generate import AlreadyGenerated, generated_load

TABLES = {
    "organisations": "机构",
    "users": "用户",
    "projects": "项目",
    "funding_sources": "资金来源",
    "goals": "绩效目标",
    "indicators": "绩效指标",
    "ledger_entries": "资金使用记录",
    "monitoring_reports": "监控表",
    "indicator_progress": "指标执行情况",
    "warnings": "预警",
    "self_evaluations": "绩效自评",
}


class Command(BaseCommand):
    help = "批量生成确定性的模拟数据（机构、项目、指标、台账、监控、自评），用于演示和性能测试。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--units", type=int, required=True, help="预算单位数")
        parser.add_argument("--projects-per-unit", type=int, required=True, help="每个单位的项目数")
        parser.add_argument("--year", type=int, required=True, help="年度")
        parser.add_argument("--seed", type=int, default=1, help="随机种子（默认 1）")
        parser.add_argument("--quiet", action="store_true", help="不打印进度")

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        report = None if options["quiet"] else (lambda text: self.stderr.write(text))
        try:
            counts = generated_load(
                units=options["units"],
                projects_per_unit=options["projects_per_unit"],
                year=options["year"],
                seed=options["seed"],
                progress=report,
            )
        except (AlreadyGenerated, ValueError) as error:
            raise CommandError(str(error)) from None
        elapsed = time.perf_counter() - started
        for key, label in TABLES.items():
            self.stdout.write(f"{label}：{counts.get(key, 0)}")
        self.stdout.write(f"用时 {elapsed:.1f} 秒。")
