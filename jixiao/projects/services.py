"""Writes of projects, funding sources and policy basis."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum

from jixiao.accounts.models import Organisation
from jixiao.audit.services import audit_record
from jixiao.projects.models import Category, FundingKind, FundingSource, PolicyBasisItem, Project
from jixiao.projects.selectors import project_code_next, project_creation_unit, user_is_unit_staff
from jixiao.rules import execution_rate_percent, round_money
from jixiao.workflow.states import Status


@dataclass(frozen=True)
class FundingInput:
    """One funding source as entered: kind, 年初预算数 and 全年预算数 in 元."""

    kind: FundingKind
    initial_amount: Decimal
    full_year_amount: Decimal


@transaction.atomic
def project_create(
    *,
    unit: Organisation,
    year: int,
    code: str,
    name: str,
    actor=None,
    category: Category = Category.RECURRENT,
    background: str = "",
    policy_basis_intro: str = "",
    policy_items: Sequence[str] = (),
    funding: Iterable[FundingInput] = (),
    is_demo: bool = False,
    inferences: dict[str, str] | None = None,
) -> Project:
    """Create a project with its funding sources and policy items, and audit it."""
    project = Project.objects.create(
        unit=unit,
        year=year,
        code=code,
        name=name,
        category=category,
        background=background,
        policy_basis_intro=policy_basis_intro,
        is_demo=is_demo,
        inferences=inferences or {},
    )
    FundingSource.objects.bulk_create(
        FundingSource(
            project=project,
            kind=item.kind,
            initial_amount=round_money(item.initial_amount),
            full_year_amount=round_money(item.full_year_amount),
        )
        for item in funding
    )
    PolicyBasisItem.objects.bulk_create(
        PolicyBasisItem(project=project, position=position, text=text)
        for position, text in enumerate(policy_items, start=1)
    )
    project_totals_refresh(project)
    audit_record(
        actor=actor,
        action="project.create",
        obj=project,
        project_id=project.pk,
        summary=f"新建项目 {code} {name}",
        changes={"budget_full_year": (None, project.budget_full_year)},
    )
    return project


def project_totals_refresh(project: Project) -> Project:
    """Recompute the stored budget totals, executed amount and execution rate of `project`.

    Called by every service that changes funding sources or ledger entries, inside its
    transaction. The rate is 全年执行数 / 全年预算数 (财预〔2020〕10号 附件1), in percent.
    """
    from jixiao.ledger.models import LedgerEntry  # the ledger app depends on projects

    budget = project.funding_sources.aggregate(
        initial=Sum("initial_amount"), full_year=Sum("full_year_amount")
    )
    executed = LedgerEntry.objects.filter(project=project).aggregate(total=Sum("amount"))["total"]
    # SQLite returns sums unquantised (100000 rather than 100000.00): round once, here.
    project.budget_initial = round_money(budget["initial"] or Decimal(0))
    project.budget_full_year = round_money(budget["full_year"] or Decimal(0))
    project.executed = round_money(executed or Decimal(0))
    project.execution_rate = execution_rate_percent(project.budget_full_year, project.executed)
    project.save(update_fields=["budget_initial", "budget_full_year", "executed", "execution_rate"])
    return project


# Funding can change while the goal is being written; once the goal is sent out for review
# the budget it was set against is what the reviewers see (PRODUCT.md §3: budget and goal go
# together), so later changes go through an adjustment.
FUNDING_EDITABLE_GOAL_STATUSES = frozenset({Status.DRAFT, Status.RETURNED})


def _require_unit_staff(actor, project: Project) -> None:
    if not user_is_unit_staff(actor, project):
        raise PermissionDenied("只有本单位经办人可以修改该项目。")


def _funding_problems(funding: Sequence[FundingInput]) -> None:
    kinds = [item.kind for item in funding]
    if len(set(kinds)) != len(kinds):
        raise ValidationError("同一资金来源只能填写一次。")
    if not funding:
        raise ValidationError("请至少填写一项资金来源及其预算数。")
    for item in funding:
        if item.initial_amount < 0 or item.full_year_amount < 0:
            raise ValidationError("预算数不能为负数。")


@transaction.atomic
def project_register(
    *,
    unit: Organisation,
    year: int,
    name: str,
    category: Category,
    funding: Sequence[FundingInput],
    actor,
    background: str = "",
    policy_items: Sequence[str] = (),
) -> Project:
    """A unit's 经办人 registers a new project: the code is generated
    (`project_code_next`), the funding sources and policy items are stored, and an empty
    draft goal is created so the goal editor can open it. Raises PermissionDenied for anyone
    but the unit's staff and ValidationError for a missing name, a year outside 2000–2100 or
    bad funding."""
    from jixiao.goals.services import goal_create  # goals depend on projects

    if project_creation_unit(actor).pk != unit.pk:
        raise PermissionDenied("只能在本单位新建项目。")
    if not name.strip():
        raise ValidationError({"name": "请填写项目名称。"})
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": "年度应在 2000 至 2100 之间。"})
    _funding_problems(funding)
    for _attempt in range(5):
        code = project_code_next(unit, year)
        try:
            with transaction.atomic():
                project = project_create(
                    unit=unit,
                    year=year,
                    code=code,
                    name=name.strip(),
                    category=category,
                    background=background.strip(),
                    policy_items=[item.strip() for item in policy_items if item.strip()],
                    funding=funding,
                    actor=actor,
                )
            break
        except IntegrityError:
            # Someone took the same serial at the same moment: take the next one.
            continue
    else:
        raise ValidationError("项目编码生成冲突，请稍后重试。")
    goal_create(project=project, annual_goal="", indicators=[], actor=actor)
    return project


@transaction.atomic
def project_funding_update(
    *, project: Project, funding: Sequence[FundingInput], actor, reason: str = ""
) -> Project:
    """Replace the funding sources of `project` (年初/全年预算数 per source) while its goal is
    still a draft or returned; audits every amount old → new and refreshes the totals.

    Raises PermissionDenied for anyone but the unit's staff, ValidationError once the goal has
    been submitted or approved (changes then need an adjustment) and for bad funding.
    """
    from jixiao.goals.models import Goal  # goals depend on projects

    _require_unit_staff(actor, project)
    project = Project.objects.select_for_update().get(pk=project.pk)
    goal = Goal.objects.filter(project=project).first()
    if goal is not None and goal.status not in FUNDING_EDITABLE_GOAL_STATUSES:
        raise ValidationError(
            f"绩效目标状态为“{goal.get_status_display()}”，资金来源已锁定；如需变更请提出调整申请。"
        )
    _funding_problems(funding)
    before = {
        source.kind: (source.initial_amount, source.full_year_amount)
        for source in project.funding_sources.all()
    }
    after = {
        item.kind: (round_money(item.initial_amount), round_money(item.full_year_amount))
        for item in funding
    }
    changes: dict[str, tuple[object, object]] = {}
    for kind in FundingKind:
        old = before.get(kind, (None, None))
        new = after.get(kind, (None, None))
        if old[0] != new[0]:
            changes[f"{kind.value}.initial_amount"] = old[0], new[0]
        if old[1] != new[1]:
            changes[f"{kind.value}.full_year_amount"] = old[1], new[1]
    if not changes:
        return project
    project.funding_sources.all().delete()
    FundingSource.objects.bulk_create(
        FundingSource(
            project=project, kind=kind, initial_amount=amounts[0], full_year_amount=amounts[1]
        )
        for kind, amounts in after.items()
    )
    old_total = project.budget_full_year
    project_totals_refresh(project)
    changes["budget_full_year"] = old_total, project.budget_full_year
    audit_record(
        actor=actor,
        action="project.funding_update",
        obj=project,
        project_id=project.pk,
        summary=f"修改资金来源，全年预算数 {old_total} → {project.budget_full_year} 元",
        changes=changes,
        reason=reason,
    )
    return project
