"""Fixtures of the workflow tests: extra accounts beside the demo ones, state snapshots."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from jixiao.accounts.models import Organisation, Role, User
from jixiao.audit.models import AuditEvent
from jixiao.evaluation.models import SelfEvaluation
from jixiao.goals.models import Goal
from jixiao.workflow.models import Decision

SEED_CODE = "440111-2023-0001"
SCHOOL_CODE = "440111-U001"  # 示例区第一中学, under the department 示例区教育局 (440111-D01)
HEALTH_DEPARTMENT_CODE = "440111-D02"  # 示例区卫生健康局: "reviewer elsewhere" for the school
PLAIN_UNIT_CODE = "440111-U006"  # 示例区示例街道办事处, directly under the bureau


def _user(username: str, role: Role, organisation_code: str) -> User:
    return User.objects.create(
        username=username,
        role=role,
        full_name=username,
        organisation=Organisation.objects.get(code=organisation_code),
    )


@pytest.fixture
def users(db) -> dict[str, User]:
    """The demo accounts plus a head of the school, a supervisor of another department and the
    staff and head of a unit directly under the bureau."""
    accounts = {u.username: u for u in User.objects.all()}
    accounts["school_head"] = _user("school_head", Role.HEAD, SCHOOL_CODE)
    accounts["health_supervisor"] = _user(
        "health_supervisor", Role.SUPERVISOR, HEALTH_DEPARTMENT_CODE
    )
    accounts["plain_staff"] = _user("plain_staff", Role.STAFF, PLAIN_UNIT_CODE)
    accounts["plain_head"] = _user("plain_head", Role.HEAD, PLAIN_UNIT_CODE)
    return accounts


@pytest.fixture
def no_submit_checks(monkeypatch):
    """Skip the kinds' before_submit checks (tested by the goals and evaluation apps), so the
    table is tested on the demo data whatever those checks find in it."""
    from jixiao.workflow import kinds, services

    def resolve(dotted):
        if dotted and dotted.endswith("_submit_check"):
            return None
        return kinds.hook_resolve(dotted)

    monkeypatch.setattr(services, "hook_resolve", resolve)


def _demo_load() -> None:
    """The session's demo data (and the goals' indicator library, where that app has one);
    loads nothing twice."""
    from jixiao.demo.services import demo_load

    demo_load()
    try:
        from jixiao.goals.library import library_seed
        from jixiao.goals.models import LibraryIndicator
    except ImportError:
        return
    library_seed(LibraryIndicator)


@pytest.fixture
def demo_reloaded_afterwards(django_db_blocker):
    """For tests on ``transactional_db`` (the live server, threads), whose teardown empties the
    database. Requested before ``transactional_db``, it makes sure the demo data is there first
    (a browser test before may have left the database empty) and, torn down after it, loads the
    data again for the tests that follow."""
    with django_db_blocker.unblock():
        _demo_load()
    yield
    with django_db_blocker.unblock():
        _demo_load()


@dataclass(frozen=True)
class State:
    status: str
    version: int
    decisions: int
    audit_events: int


def state_of(obj) -> State:
    """What a refused action must leave unchanged."""
    fresh = type(obj).objects.get(pk=obj.pk)
    return State(
        status=fresh.status,
        version=fresh.version,
        decisions=Decision.objects.count(),
        audit_events=AuditEvent.objects.count(),
    )


def school_evaluation(status: str) -> SelfEvaluation:
    """The self-evaluation of the school's first project, put in `status` (test set-up)."""
    evaluation = SelfEvaluation.objects.get(project__code="440111-2023-0101")
    SelfEvaluation.objects.filter(pk=evaluation.pk).update(status=status)
    evaluation.refresh_from_db()
    return evaluation


def school_goal(status: str) -> Goal:
    """The goal of the school's first project, put in `status` (test set-up)."""
    goal = Goal.objects.get(project__code="440111-2023-0101")
    Goal.objects.filter(pk=goal.pk).update(status=status)
    goal.refresh_from_db()
    return goal


def plain_goal(status: str) -> Goal:
    """The goal of the first project of a unit directly under the bureau, put in `status`."""
    goal = Goal.objects.filter(project__unit__code=PLAIN_UNIT_CODE).order_by("project__code")[0]
    Goal.objects.filter(pk=goal.pk).update(status=status)
    goal.refresh_from_db()
    return goal
