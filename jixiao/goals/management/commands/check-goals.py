"""`jixiao check-goals CODE [--json]`: the goal checks of a project's performance goal."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jixiao.goals.models import Goal
from jixiao.goals.selectors import goal_findings_for
from jixiao.projects.models import Project

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


class Command(BaseCommand):
    help = (
        "检查项目绩效目标（指标分值、指标值、投入与产出、成本指标、评价方法等），打印发现的问题。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="项目编码，例如 440111-2023-0001")
        parser.add_argument(
            "--json",
            action="store_true",
            help="以 JSON 输出：对象列表，键为 rule、severity、subject、message、figures",
        )

    def handle(self, *args, **options) -> None:
        code = options["code"]
        goal = Goal.objects.select_related("project").filter(project__code=code).first()
        if goal is None:
            if Project.objects.filter(code=code).exists():
                raise CommandError(f"项目 {code} 尚未设定绩效目标")
            raise CommandError(f"项目不存在：{code}")
        findings = [finding.to_dict() for finding in goal_findings_for(goal)]
        if options["json"]:
            self.stdout.write(json.dumps(findings, ensure_ascii=False, indent=2))
            return
        self._print_table(goal, findings)

    def _print_table(self, goal: Goal, findings: list[dict]) -> None:
        write = self.stdout.write
        project = goal.project
        write(f"项目：{project.code} {project.name}（{project.year} 年度）")
        write(f"目标状态：{goal.get_status_display()}  指标 {goal.indicators.count()} 项")
        if not findings:
            write("未发现问题。")
            return
        counts = {label: 0 for label in SEVERITY_LABELS.values()}
        write("")
        write(f"{'序号':<4}{'级别':<4}{'规则':<24}{'对象':<20}说明")
        for number, finding in enumerate(findings, start=1):
            label = SEVERITY_LABELS[finding["severity"]]
            counts[label] += 1
            write(
                f"{number:<6}{label:<4}{finding['rule']:<24}{finding['subject']:<20}"
                f"{finding['message']}"
            )
        write("")
        write("合计：" + "，".join(f"{label} {count} 项" for label, count in counts.items()))
