"""The permission matrix: every page and action × anonymous, own unit (staff, head), another
unit's staff, reviewers above (the supervising department over the unit, the bureau) and a
reviewer elsewhere (another department's supervisor).

Every URL name of the project must appear in MATRIX (the first test walks `get_resolver()`), so
a new page fails here until its row is added. Each request runs in a savepoint that is rolled
back, so every actor meets the same data. A POST answered with a refusal must leave the
subject's goal and self-evaluation (status, version), the decisions and the audit trail as they
were; only the (url, actor) pairs listed in CHANGES may change them.

Subjects: the seed project (区直机关工委, directly under the bureau: no supervisor above it)
and 440111-2023-0101 of 示例区第一中学 (under the department 示例区教育局).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client
from django.urls import get_resolver, reverse
from django.urls.resolvers import URLResolver

from jixiao.accounts.models import User
from jixiao.audit.models import AuditEvent
from jixiao.evaluation.models import SelfEvaluation
from jixiao.goals.models import Goal, Indicator
from jixiao.ledger.models import LedgerEntry
from jixiao.workflow.models import Decision

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_submit_checks")]

ACTORS = ("anonymous", "own_staff", "own_head", "other_unit", "bureau", "department", "elsewhere")
SUBJECTS = {
    "seed": {
        "code": "440111-2023-0001",
        "own_staff": "staff",
        "own_head": "head",
        "other_unit": "other",
        "bureau": "reviewer",
        "department": None,  # the seed unit has no supervising department
        "elsewhere": "supervisor",
    },
    "school": {
        "code": "440111-2023-0101",
        "own_staff": "other",
        "own_head": "school_head",
        "other_unit": "staff",
        "bureau": "reviewer",
        "department": "supervisor",
        "elsewhere": "health_supervisor",
    },
}


@dataclass(frozen=True)
class Subject:
    """The objects of one subject project, for URL arguments and the unchanged-state check."""

    name: str
    code: str
    unit_code: str
    goal: Goal
    evaluation: SelfEvaluation
    indicator_id: int
    entry_id: int
    users: dict[str, User | None]


def _subject(name: str, users: dict[str, User]) -> Subject:
    spec = SUBJECTS[name]
    goal = Goal.objects.get(project__code=spec["code"])
    evaluation = SelfEvaluation.objects.get(project__code=spec["code"])
    if name == "school":  # waiting for its department: every reviewer step is in play
        SelfEvaluation.objects.filter(pk=evaluation.pk).update(status="head_approved", version=1)
        evaluation.refresh_from_db()
    return Subject(
        name=name,
        code=spec["code"],
        unit_code=goal.project.unit.code,
        goal=goal,
        evaluation=evaluation,
        indicator_id=Indicator.objects.filter(goal=goal).order_by("position")[0].pk,
        entry_id=LedgerEntry.objects.filter(project=goal.project).order_by("pk")[0].pk,
        users={actor: users[spec[actor]] if spec.get(actor) else None for actor in ACTORS[1:]},
    )


def _state(subject: Subject) -> tuple:
    goal = Goal.objects.get(pk=subject.goal.pk)
    evaluation = SelfEvaluation.objects.get(pk=subject.evaluation.pk)
    return (
        goal.status,
        goal.version,
        evaluation.status,
        evaluation.version,
        Decision.objects.count(),
        AuditEvent.objects.count(),
        LedgerEntry.objects.count(),
    )


def _code(s: Subject) -> dict:
    return {"code": s.code}


def NO_ARGS(s) -> dict:  # a URL without arguments
    return {}


@dataclass(frozen=True)
class Row:
    """One request of the matrix and the answer of each actor.

    `expect` lists the statuses in the order of ACTORS ("login" = redirected to the login page,
    "-" = no such actor for the subject); `seed` overrides it for the seed project where the
    answers differ. `subjects` says which subject projects the request is tried on. `changes`
    lists the (subject, actor) pairs whose request changes the state; for everyone else the
    goal, the self-evaluation, the decisions, the audit trail and the ledger stay as they were.
    """

    method: str
    expect: str
    seed: str = ""
    data: object = None
    kwargs: object = None
    subjects: tuple[str, ...] = ("seed", "school")
    changes: frozenset[tuple[str, str]] = frozenset()


def _version(s: Subject) -> dict:
    return {"version": str(s.evaluation.version)}


def _transition(kind: str, action: str):
    def kwargs(s: Subject) -> dict:
        obj = s.goal if kind == "goal" else s.evaluation
        return {"kind": kind, "pk": obj.pk, "action": action}

    return kwargs


def _goal_version(s: Subject) -> dict:
    return {"version": str(s.goal.version)}


def _return_reason(s: Subject) -> dict:
    return {"version": str(s.evaluation.version), "reason": "请补充佐证材料"}


ROUND = "2023-07"  # no monitoring round in the demo data: the round pages answer 404


def _indicator(s: Subject) -> dict:
    return {"code": s.code, "pk": s.indicator_id}


KWARGS = {
    "set_language": NO_ARGS,
    "project-new": NO_ARGS,
    "project-funding": _code,
    "home": NO_ARGS,
    "login": NO_ARGS,
    "logout": NO_ARGS,
    "project-list": NO_ARGS,
    "project-detail": _code,
    "review-list": NO_ARGS,
    "goal-editor": _code,
    "goal-start": _code,
    "goal-annual": _code,
    "goal-check": _code,
    "goal-library": _code,
    "indicator-add": _code,
    "indicator-new": _code,
    "indicator-edit": _indicator,
    "indicator-move": lambda s: {**_indicator(s), "direction": "down"},
    "indicator-remove": _indicator,
    "goal-adjustment-request": _code,
    "ledger-page": _code,
    "ledger-record": _code,
    "ledger-reverse": lambda s: {"code": s.code, "entry_id": s.entry_id},
    "decision-record": _code,
    "evidence-page": _code,
    "evidence-upload": _code,
    "evidence-download": lambda s: {"code": s.code, "evidence_id": 999999},
    "evaluation-page": _code,
    "evaluation-start": _code,
    "evaluation-preview": _code,
    "evaluation-narrative": _code,
    "evaluation-check": _code,
    "workflow-inbox": NO_ARGS,
    "workflow-transition": _transition("self_evaluation", "return"),
    "project-history": _code,
    "report-page": _code,
    "report-download": lambda s: {"code": s.code, "kind": "goal-table", "fmt": "xlsx"},
    "report-export": NO_ARGS,
    "report-export-job": lambda s: {"pk": 999999},
    "report-export-download": lambda s: {"pk": 999999},
    "report-templates": NO_ARGS,
    "report-template-download": lambda s: {"kind": "goal-table", "template": "seed"},
    "report-template-upload": lambda s: {"kind": "goal-table", "template": "seed"},
    "report-template-reset": lambda s: {"kind": "goal-table", "template": "seed"},
    "monitoring-overview": NO_ARGS,
    "monitoring-warnings": NO_ARGS,
    "monitoring-drilldown": NO_ARGS,
    "monitoring-pending": NO_ARGS,
    "monitoring-round-open": NO_ARGS,
    "monitoring-round-recompute": lambda s: {"slug": ROUND},
    "monitoring-remind": lambda s: {"slug": ROUND},
    "monitoring-decide": lambda s: {"slug": ROUND},
    "monitoring-messages": NO_ARGS,
    "monitoring-report": lambda s: {"code": s.code, "slug": ROUND},
    "monitoring-table": lambda s: {"code": s.code, "slug": ROUND, "fmt": "xlsx"},
    "ingest-upload": NO_ARGS,
    "ingest-preview": lambda s: {"token": "no-such-upload"},
    "ingest-cancel": lambda s: {"token": "no-such-upload"},
    "followup-overview": NO_ARGS,
    "followup-rates": NO_ARGS,
    "followup-project": _code,
    "followup-next-year": _code,
    "followup-propose": _code,
    "followup-confirm": _code,
    "rectification-issue": _code,
    "rectification-answer": lambda s: {"item_id": 999999},
    "rectification-accept": lambda s: {"item_id": 999999},
    "rectification-reopen": lambda s: {"item_id": 999999},
    "disclosure-publish": NO_ARGS,
    "disclosure-publish-post": NO_ARGS,
    "disclosure-withdraw": lambda s: {"snapshot_id": 999999},
    "portal-home": NO_ARGS,
    "portal-year": lambda s: {"year": 2023},
    "portal-search": lambda s: {"year": 2023},
    "portal-unit": lambda s: {"year": 2023, "unit_code": s.unit_code},
    "portal-project": lambda s: {"year": 2023, "code": s.code},
    "portal-report": lambda s: {"year": 2023, "code": s.code},
    "portal-report-pdf": lambda s: {"year": 2023, "code": s.code},
    "portal-data": lambda s: {"year": 2023, "kind": "projects"},
}


def url_names() -> list[str]:
    """Every named URL of the project except Django's admin site (see test_it_*_admin)."""
    names = []

    def walk(resolver, namespace=""):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern, inner)
            elif pattern.name:
                names.append(f"{namespace}{pattern.name}")

    walk(get_resolver())
    return [name for name in names if not name.startswith("admin:")]


def _observe(subject: Subject, name: str, method: str, kwargs, data) -> dict[str, tuple]:
    observed = {}
    url = reverse(name, kwargs=kwargs(subject))
    for actor in ACTORS:
        user = subject.users.get(actor)
        if actor != "anonymous" and user is None:
            continue
        client = Client()
        if user is not None:
            client.force_login(user)
        with transaction.atomic():
            before = _state(subject)
            if method == "GET":
                response = client.get(url)
            else:
                response = client.post(url, data(subject) if data else {})
            status = response.status_code
            if status == 302 and response["Location"].startswith("/login/"):
                status = "login"
            observed[actor] = (status, _state(subject) != before)
            transaction.set_rollback(True)
    return observed


# Pages outside a project are tried once (the seed's actors); the subject changes nothing.
ONCE = ("seed",)
IN_REACH = "login 200 200 404 200 200 404"  # a project page: own unit and reviewers above
UNIT_ONLY_PAGE = "login 200 403 404 403 403 404"  # the unit staff's editors (goals app)
UNIT_ONLY_ACTION = "login 200 403 404 403 403 404"
BAD_INPUT = "login 400 400 404 400 400 404"  # an empty form: refused, nothing stored
EVERYONE_404 = "login 404 404 404 404 404 404"  # a missing object (evidence, round, job …)
EVERYONE_200 = "login 200 200 200 200 200 200"
PUBLIC_200 = "200 200 200 200 200 200 200"
PUBLIC_404 = "404 404 404 404 404 404 404"
REVIEW_RETURN = {"version": "1", "reason": "请补充佐证材料"}

MATRIX: dict[str, list[Row]] = {
    "set_language": [
        Row("POST", "302 302 302 302 302 - 302", data={"language": "zh-hans"}, subjects=ONCE)
    ],
    "login": [
        Row("GET", "200 200 200 200 200 - 200", subjects=ONCE),
        Row("POST", "200 200 200 200 200 - 200", subjects=ONCE),
    ],
    "logout": [Row("POST", "login login login login login - login", subjects=ONCE)],
    "home": [Row("GET", "login 302 302 302 302 - 302", subjects=ONCE)],
    "project-list": [Row("GET", "login 200 200 200 200 - 200", subjects=ONCE)],
    "review-list": [Row("GET", "login 200 200 200 200 - 200", subjects=ONCE)],
    "project-new": [
        Row("GET", "login 200 403 200 403 - 403", subjects=ONCE),
        Row("POST", "login 400 403 400 403 - 403", subjects=ONCE),
    ],
    "project-detail": [
        Row("GET", IN_REACH),
        Row("POST", "login 405 405 405 405 - 405", subjects=ONCE),
    ],
    "project-funding": [Row("GET", IN_REACH), Row("POST", BAD_INPUT)],
    "project-history": [
        Row("GET", IN_REACH),
        Row("POST", "login 405 405 405 405 - 405", subjects=ONCE),
    ],
    "goal-editor": [Row("GET", UNIT_ONLY_PAGE)],
    "goal-start": [Row("POST", "login 302 403 404 403 403 404")],
    "goal-annual": [Row("POST", UNIT_ONLY_ACTION)],
    "goal-check": [Row("POST", UNIT_ONLY_ACTION)],
    "goal-library": [Row("GET", UNIT_ONLY_PAGE)],
    "indicator-add": [Row("POST", UNIT_ONLY_ACTION)],
    "indicator-new": [Row("GET", UNIT_ONLY_PAGE)],
    "indicator-edit": [Row("GET", UNIT_ONLY_PAGE), Row("POST", UNIT_ONLY_ACTION)],
    "indicator-move": [Row("POST", UNIT_ONLY_ACTION)],
    "indicator-remove": [Row("POST", UNIT_ONLY_ACTION)],
    "goal-adjustment-request": [Row("POST", UNIT_ONLY_ACTION)],
    "ledger-page": [Row("GET", IN_REACH)],
    "ledger-record": [Row("POST", BAD_INPUT)],
    "ledger-reverse": [Row("POST", BAD_INPUT)],
    "decision-record": [Row("POST", BAD_INPUT)],
    "evidence-page": [Row("GET", IN_REACH)],
    "evidence-upload": [Row("POST", BAD_INPUT)],
    "evidence-download": [Row("GET", EVERYONE_404, subjects=ONCE)],
    "evaluation-page": [Row("GET", IN_REACH), Row("POST", BAD_INPUT)],
    "evaluation-start": [Row("POST", "login 302 403 404 403 403 404")],
    "evaluation-preview": [Row("POST", IN_REACH)],
    "evaluation-narrative": [Row("GET", IN_REACH), Row("POST", BAD_INPUT)],
    "evaluation-check": [Row("GET", IN_REACH)],
    "workflow-inbox": [
        Row("GET", "login 200 200 200 200 - 200", subjects=ONCE),
        Row("POST", "login 405 405 405 405 - 405", subjects=ONCE),
    ],
    "workflow-transition": [
        # the school's evaluation waits for its department, the seed's for the bureau
        Row(
            "POST",
            "login 302 302 404 302 302 404",
            seed="login 302 302 404 302 - 404",
            kwargs=_transition("self_evaluation", "return"),
            data=REVIEW_RETURN,
            changes=frozenset({("seed", "bureau"), ("school", "department")}),
        ),
        Row(
            "POST",
            "login 302 302 404 302 302 404",
            seed="login 302 302 404 302 - 404",
            kwargs=_transition("self_evaluation", "review"),
            data={"version": "1"},
            changes=frozenset({("seed", "bureau")}),
        ),
        Row(
            "POST",
            "login 302 302 404 302 302 404",
            seed="login 302 302 404 302 - 404",
            kwargs=_transition("self_evaluation", "approve_department"),
            data={"version": "1"},
            changes=frozenset({("school", "department")}),
        ),
        Row(
            "POST",
            "login 302 302 404 302 302 404",
            seed="login 302 302 404 302 - 404",
            kwargs=_transition("self_evaluation", "approve_unit"),
            data={"version": "1"},
        ),
        # both goals are accepted: nothing moves them, not even the bureau's review
        Row(
            "POST",
            "login 302 302 404 302 302 404",
            seed="login 302 302 404 302 - 404",
            kwargs=_transition("goal", "submit"),
            data=_goal_version,
        ),
        Row(
            "POST",
            "login 302 302 404 302 302 404",
            seed="login 302 302 404 302 - 404",
            kwargs=_transition("goal", "review"),
            data=lambda s: {**_goal_version(s), "result": "优"},
        ),
        Row("GET", "login 405 405 405 405 - 405", subjects=ONCE),
    ],
    "report-page": [Row("GET", IN_REACH)],
    "report-download": [Row("GET", IN_REACH)],
    "report-export": [
        Row("GET", "login 404 404 404 200 - 200", subjects=ONCE),
        Row("POST", "login 404 404 404 400 - 400", subjects=ONCE),
    ],
    "report-export-job": [Row("GET", EVERYONE_404, subjects=ONCE)],
    "report-export-download": [Row("GET", EVERYONE_404, subjects=ONCE)],
    "report-templates": [Row("GET", EVERYONE_404, subjects=ONCE)],
    "report-template-download": [Row("GET", EVERYONE_404, subjects=ONCE)],
    "report-template-upload": [Row("POST", EVERYONE_404, subjects=ONCE)],
    "report-template-reset": [Row("POST", EVERYONE_404, subjects=ONCE)],
    "monitoring-overview": [Row("GET", EVERYONE_200, subjects=ONCE)],
    "monitoring-warnings": [Row("GET", EVERYONE_404, subjects=ONCE)],
    "monitoring-drilldown": [Row("GET", EVERYONE_404, subjects=ONCE)],
    "monitoring-pending": [Row("GET", EVERYONE_404, subjects=ONCE)],
    "monitoring-round-open": [Row("POST", "login 302 302 302 302 302 302", subjects=ONCE)],
    "monitoring-round-recompute": [Row("POST", EVERYONE_404, subjects=ONCE)],
    "monitoring-remind": [Row("POST", EVERYONE_404, subjects=ONCE)],
    "monitoring-decide": [Row("POST", EVERYONE_404, subjects=ONCE)],
    "monitoring-messages": [Row("GET", EVERYONE_200, subjects=ONCE)],
    "monitoring-report": [
        Row("GET", EVERYONE_404, subjects=ONCE),
        Row("POST", EVERYONE_404, subjects=ONCE),
    ],
    "monitoring-table": [Row("GET", EVERYONE_404, subjects=ONCE)],
    "ingest-upload": [
        Row("GET", "login 200 403 200 200 - 200", subjects=ONCE),
        Row("POST", "login 400 403 400 400 - 400", subjects=ONCE),
    ],
    "ingest-preview": [Row("GET", "login 404 403 404 404 - 404", subjects=ONCE)],
    "ingest-cancel": [Row("POST", "login 404 403 404 404 - 404", subjects=ONCE)],
    "followup-overview": [Row("GET", EVERYONE_200, subjects=ONCE)],
    "followup-rates": [Row("GET", EVERYONE_200, subjects=ONCE)],
    "followup-project": [Row("GET", IN_REACH)],
    "followup-next-year": [Row("GET", IN_REACH)],
    "followup-propose": [Row("POST", EVERYONE_404, subjects=ONCE)],
    "followup-confirm": [Row("POST", EVERYONE_404, subjects=ONCE)],
    "rectification-issue": [Row("POST", BAD_INPUT)],
    "rectification-answer": [Row("POST", EVERYONE_404, subjects=ONCE)],
    "rectification-accept": [Row("POST", EVERYONE_404, subjects=ONCE)],
    "rectification-reopen": [Row("POST", EVERYONE_404, subjects=ONCE)],
    "disclosure-publish": [Row("GET", "login 404 404 404 200 - 404", subjects=ONCE)],
    "disclosure-publish-post": [Row("POST", EVERYONE_404, subjects=ONCE)],
    "disclosure-withdraw": [Row("POST", EVERYONE_404, subjects=ONCE)],
    # The public portal needs no login; nothing of the demo is published, so the year's pages
    # answer 404 to everyone alike.
    "portal-home": [Row("GET", PUBLIC_200, subjects=ONCE)],
    "portal-year": [Row("GET", PUBLIC_404, subjects=ONCE)],
    "portal-search": [Row("GET", PUBLIC_404, subjects=ONCE)],
    "portal-unit": [Row("GET", PUBLIC_404, subjects=ONCE)],
    "portal-project": [Row("GET", PUBLIC_404, subjects=ONCE)],
    "portal-report": [Row("GET", PUBLIC_404, subjects=ONCE)],
    "portal-report-pdf": [Row("GET", PUBLIC_404, subjects=ONCE)],
    "portal-data": [Row("GET", PUBLIC_404, subjects=ONCE)],
}

CASES = [
    pytest.param(name, index, subject, id=f"{name}-{index}-{row.method}-{subject}")
    for name, rows in MATRIX.items()
    for index, row in enumerate(rows)
    for subject in row.subjects
]


def test_it_covers_every_url_of_the_project():
    """A page added without a row here fails: add its row (and its refusals) to MATRIX."""
    assert sorted(set(url_names()) - set(MATRIX)) == []
    assert sorted(set(MATRIX) - set(url_names())) == []


@pytest.mark.parametrize(("name", "index", "subject_name"), CASES)
def test_it_answers_each_actor_as_the_matrix_says(users, name, index, subject_name):
    row = MATRIX[name][index]
    subject = _subject(subject_name, users)
    expected_codes = (row.seed if subject_name == "seed" and row.seed else row.expect).split()
    present = [a for a in ACTORS if a == "anonymous" or subject.users.get(a) is not None]
    expected = {
        actor: code
        for actor, code in zip(ACTORS, expected_codes, strict=True)
        if actor in present and code != "-"
    }
    kwargs = (row.kwargs or KWARGS[name])(subject)
    data = row.data(subject) if callable(row.data) else (row.data or {})
    observed = {}
    for actor in ACTORS:
        user = subject.users.get(actor)
        if actor != "anonymous" and user is None:
            continue
        code, changed = _request(name, row.method, kwargs, data, user, subject)
        observed[actor] = code
        assert changed == ((subject_name, actor) in row.changes), (actor, code)
    assert observed == expected


def _request(name, method, kwargs, data, user, subject) -> tuple[str, bool]:
    """(status, whether the state changed) of one request, rolled back afterwards."""
    client = Client()
    if user is not None:
        client.force_login(user)
    url = reverse(name, kwargs=kwargs)
    with transaction.atomic():
        before = _state(subject)
        response = client.get(url) if method == "GET" else client.post(url, data)
        changed = _state(subject) != before
        transaction.set_rollback(True)
    code = str(response.status_code)
    if code == "302" and response["Location"].startswith("/login/"):
        code = "login"
    return code, changed


@pytest.mark.parametrize("username", ["staff", "head", "other", "reviewer", "supervisor"])
def test_it_keeps_everyone_but_administrators_out_of_the_admin_site(users, username):
    client = Client()
    client.force_login(users[username])
    response = client.get("/admin/")
    assert (response.status_code, response["Location"]) == (302, "/admin/login/?next=/admin/")


def test_it_lets_the_administrator_into_the_admin_site(users):
    client = Client()
    client.force_login(users["admin"])
    assert client.get("/admin/").status_code == 200
    assert Client().get("/admin/").status_code == 302
