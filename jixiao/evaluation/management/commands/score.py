"""`jixiao score CODE [--json]`: the self-evaluation score of a project."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jixiao.console import text_table
from jixiao.evaluation.selectors import evaluation_compute, score_json
from jixiao.projects.models import Project
from jixiao.rules import ScoringError, UnknownScheme

FLAG_LABELS = {
    "over_achieved": "超额完成",
    "needs_explanation": "需说明偏差原因",
    "not_completed": "未完成",
    "missing_actual": "未填报",
    "manual_deduction": "已调减",
}


def _target(item: dict) -> str:
    """年度指标值 as printed: "=100%", or the qualitative target text."""
    if item["comparator"] == "定性":
        return item["target"] or "定性"
    return f"{item['comparator']}{item['target'] or ''}{item['measure_unit']}"


class Command(BaseCommand):
    help = "计算并打印项目的绩效自评得分与等级（不写入数据库）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="项目编码，例如 440111-2023-0001")
        parser.add_argument(
            "--json", action="store_true", help="以 JSON 输出（金额、分数为字符串）"
        )
        parser.add_argument("--scheme", default=None, help="评分方案（默认自评记录的方案）")

    def handle(self, *args, **options) -> None:
        project = Project.objects.select_related("unit").filter(code=options["code"]).first()
        if project is None:
            raise CommandError(f"项目不存在：{options['code']}")
        scheme = options["scheme"]
        if scheme is None and hasattr(project, "evaluation"):
            scheme = project.evaluation.scheme_code or None
        try:
            computed = evaluation_compute(project, scheme_code=scheme)
        except UnknownScheme as error:
            raise CommandError(str(error).strip("'\"")) from None
        except ScoringError as error:
            raise CommandError(f"无法计算得分：{error}") from None
        data = score_json(computed)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self._print_table(data)

    def _print_table(self, data: dict) -> None:
        write = self.stdout.write
        write(f"项目：{data['code']}（{data['year']} 年度）  单位：{data['unit']}")
        write(f"评分方案：{data['scheme']}")
        rate = f"{data['execution_rate']}%" if data["execution_rate"] is not None else "—"
        write(
            f"全年预算数 {data['budget']} 元  全年执行数 {data['executed']} 元  "
            f"执行率 {rate}  预算执行得分 {data['execution_score']}"
        )
        write("")
        rows = [
            [
                item["level1"],
                item["level2"],
                item["name"],
                _target(item),
                f"{item['actual']}{item['measure_unit']}" if item["actual"] else "—",
                item["weight"],
                item["score"],
                "、".join(FLAG_LABELS.get(flag, flag) for flag in item["flags"]),
            ]
            for item in data["indicators"]
        ]
        headers = [
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "实际完成值",
            "分值",
            "得分",
            "提示",
        ]
        write(text_table(headers, rows, numeric={5, 6}))
        write("")
        write(f"指标得分 {data['indicator_score']}  总分 {data['total']}  等级 {data['grade']}")
