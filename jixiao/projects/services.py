"""Writes of projects, funding sources and policy basis."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from jixiao.accounts.models import Organisation
from jixiao.audit.services import audit_record
from jixiao.projects.models import Category, FundingKind, FundingSource, PolicyBasisItem, Project
from jixiao.rules import execution_rate_percent, round_money


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
