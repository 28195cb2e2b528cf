"""Two people pressing the same button at the same moment: the row lock lets one through; the
other is refused and nothing is written twice.

PostgreSQL only: the SQLite test database lives in memory with a shared cache, where a second
thread meets "database table is locked" instead of waiting (the file database of a real
installation waits, `transaction_mode=IMMEDIATE`)."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="needs PostgreSQL (DATABASE_URL=postgres://…): threads on the in-memory SQLite test "
    "database do not wait for each other's locks",
)


def test_it_lets_only_one_of_two_simultaneous_approvals_through(
    demo_reloaded_afterwards, transactional_db, no_submit_checks
):
    from jixiao.accounts.models import User
    from jixiao.audit.models import AuditEvent
    from jixiao.evaluation.models import SelfEvaluation
    from jixiao.workflow.models import Decision
    from jixiao.workflow.services import TransitionRefused, transition_apply

    evaluation = SelfEvaluation.objects.get(project__code="440111-2023-0001")
    reviewer = User.objects.get(username="reviewer")
    # Only the evaluation's own events: when the review wins, the acceptance also proposes the
    # follow-up (jixiao.followup), which audits its own object.
    own_events = AuditEvent.objects.filter(
        object_type="evaluation.selfevaluation", object_id=str(evaluation.pk)
    )
    events_before = own_events.count()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def press(action: str, reason: str) -> None:
        try:
            barrier.wait()
            transition_apply(
                obj=SelfEvaluation.objects.get(pk=evaluation.pk),
                action=action,
                actor=reviewer,
                reason=reason,
                expected_version=1,
            )
            outcomes.append("done")
        except TransitionRefused as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [
        threading.Thread(target=press, args=("review", "")),
        threading.Thread(target=press, args=("return", "补充材料")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes, key=len) == ["done", "该记录已被他人修改，请刷新后重试。"]
    evaluation.refresh_from_db()
    assert evaluation.version == 2
    assert Decision.objects.filter(kind="self_evaluation", object_id=evaluation.pk).count() == 1
    assert own_events.count() == events_before + 1
