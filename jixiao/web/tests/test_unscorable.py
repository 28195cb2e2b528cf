"""A goal the rules cannot score (an imported quantitative indicator without a target) still
shows its project page, with the reason, and the score command says why in one line."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from jixiao.accounts.models import User
from jixiao.goals.models import Indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def target_removed():
    indicator = Indicator.objects.get(goal__project__code="440111-2023-0001", position=1)
    Indicator.objects.filter(pk=indicator.pk).update(target=None)
    return indicator


def test_it_shows_the_project_page_with_the_reason(target_removed):
    client = Client()
    client.force_login(User.objects.get(username="staff"))
    response = client.get("/projects/440111-2023-0001/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "无法计算得分" in html
    assert "党组织规范化建设覆盖率" in html  # the indicators are still listed
    assert 'class="score-box"' not in html


def test_the_score_command_refuses_with_one_line(target_removed):
    with pytest.raises(CommandError) as error:
        call_command("score", "440111-2023-0001", "--json", stdout=StringIO())
    message = str(error.value)
    assert message.startswith("无法计算得分：")
    assert "党组织规范化建设覆盖率" in message
    assert "\n" not in message
