"""Fixtures of the self-evaluation entry tests.

No demo account works in a unit with a draft self-evaluation, so `draft_staff` is a 经办人 of
示例区第二小学, whose projects 0104 (submitted), 0105 (returned) and 0106 (draft) cover the
editable and locked statuses; 0107 (示例区中心幼儿园) has no self-evaluation yet.
"""

from __future__ import annotations

import pytest

from jixiao.accounts.models import Role, User
from jixiao.evaluation.models import SelfEvaluation
from jixiao.projects.models import Project


@pytest.fixture
def users() -> dict[str, User]:
    return {user.username: user for user in User.objects.all()}


@pytest.fixture
def draft() -> SelfEvaluation:
    return SelfEvaluation.objects.select_related("project").get(project__code="440111-2023-0106")


@pytest.fixture
def draft_staff(draft) -> User:
    return User.objects.create(
        username="staff2", role=Role.STAFF, organisation=draft.project.unit, full_name="第二经办人"
    )


@pytest.fixture
def draft_head(draft) -> User:
    return User.objects.create(username="head2", role=Role.HEAD, organisation=draft.project.unit)


@pytest.fixture
def unstarted() -> Project:
    return Project.objects.get(code="440111-2023-0107")


@pytest.fixture
def unstarted_staff(unstarted) -> User:
    return User.objects.create(username="staff3", role=Role.STAFF, organisation=unstarted.unit)
