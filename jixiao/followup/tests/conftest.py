"""Fixtures of the follow-up tests.

The demo has four accepted self-evaluations of 2023: 0108 优 一次性 (示例幼儿园, under
示例区教育局), 0116 中 延续性, 0124 优 常年性 and 0132 良 一次性 (units directly under the
bureau). `other` is the 经办人 of 示例第一中学 (projects 0101–0103).
"""

from __future__ import annotations

import pytest

from jixiao.accounts.models import User
from jixiao.audit.models import AuditEvent
from jixiao.evaluation.models import SelfEvaluation
from jixiao.projects.models import Project


@pytest.fixture
def users() -> dict[str, User]:
    return {user.username: user for user in User.objects.all()}


@pytest.fixture
def evaluation():
    def get(code: str) -> SelfEvaluation:
        return SelfEvaluation.objects.select_related("project__unit").get(project__code=code)

    return get


@pytest.fixture
def project():
    def get(code: str) -> Project:
        return Project.objects.select_related("unit").get(code=code)

    return get


@pytest.fixture
def audit_count():
    def count(action_prefix: str = "followup.") -> int:
        return AuditEvent.objects.filter(action__startswith=action_prefix).count()

    return count
