"""Access follows the organisation tree (PRODUCT.md §2)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from jixiao.accounts.models import Organisation, User
from jixiao.accounts.selectors import unit_list_for_user
from jixiao.projects.selectors import project_list_for_user

pytestmark = pytest.mark.django_db


def _codes(queryset) -> set[str]:
    return set(queryset.values_list("code", flat=True))


def test_it_shows_unit_staff_only_their_own_units_projects():
    staff = User.objects.get(username="staff")
    codes = _codes(project_list_for_user(staff))
    assert codes == {"440111-2023-0001"}


def test_it_shows_the_bureau_reviewer_every_units_projects():
    reviewer = User.objects.get(username="reviewer")
    assert project_list_for_user(reviewer).count() == 37
    assert unit_list_for_user(reviewer).count() == 13


def test_it_shows_a_supervising_department_only_the_units_below_it():
    supervisor = User.objects.get(username="supervisor")
    units = unit_list_for_user(supervisor)
    assert set(units.values_list("short_name", flat=True)) == {
        "示例第一中学",
        "示例第二小学",
        "示例幼儿园",
    }
    assert {p.unit.parent.name for p in project_list_for_user(supervisor)} == {"示例区教育局"}
    assert project_list_for_user(supervisor).count() == 9


def test_it_shows_anonymous_visitors_and_users_without_a_unit_nothing():
    assert project_list_for_user(AnonymousUser()).count() == 0
    orphan = User.objects.create(username="orphan", role="staff")
    assert project_list_for_user(orphan).count() == 0
    assert unit_list_for_user(orphan).count() == 0


def test_it_keeps_the_materialised_path_under_the_parent():
    unit = Organisation.objects.get(code="440111-U001")
    assert unit.path == f"{unit.parent.path}{unit.pk}/"
    assert unit.parent.parent.path == f"/{unit.parent.parent.pk}/"
