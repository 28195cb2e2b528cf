"""Reads of the reports app: who may see which document of a project."""

from __future__ import annotations

from jixiao.evaluation.models import SelfEvaluation
from jixiao.evaluation.selectors import evaluation_visible_to
from jixiao.goals.models import Goal
from jixiao.projects.models import Project
from jixiao.reports.services import KINDS
from jixiao.workflow.access import status_visible_to


def report_visible_to(user, project: Project, kind: str) -> bool:
    """True when `user`, who may see `project`, may also see its document `kind`.

    The 自评报告 and the 自评表 carry the self-evaluation: visible as the evaluation is
    (`evaluation_visible_to`: within the unit always, reviewers once it has been sent out). The
    绩效目标表 carries the goal: visible once a goal exists, as its status allows. An unknown
    kind is not visible. One query.
    """
    spec = KINDS.get(kind)
    if spec is None:
        return False
    if spec.evaluation_based:
        evaluation = SelfEvaluation.objects.filter(project=project).first()
        return evaluation_visible_to(user, evaluation)
    goal = Goal.objects.filter(project=project).only("status").first()
    if goal is None:
        return False
    return status_visible_to(user, unit_id=project.unit_id, status=goal.status)
