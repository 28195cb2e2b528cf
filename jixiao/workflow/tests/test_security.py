"""Login lockout, password rules, session timeout and CSRF (等保2.0 application controls)."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from jixiao.accounts.models import User
from jixiao.audit.models import AuditEvent
from jixiao.workflow.models import Decision
from jixiao.workflow.tests.conftest import school_evaluation, state_of

pytestmark = pytest.mark.django_db

PASSWORD = "Jixiao@2026"


def _login(client: Client, password: str):
    return client.post("/login/", {"username": "staff", "password": password})


def test_it_logs_in_with_the_right_password():
    client = Client()
    response = _login(client, PASSWORD)
    assert (response.status_code, response["Location"]) == (302, "/")
    assert client.session["_auth_user_id"] == str(User.objects.get(username="staff").pk)


def test_it_locks_the_account_after_five_wrong_passwords():
    client = Client()
    for _ in range(4):
        response = _login(client, "wrong-password")
        assert response.status_code == 200
        assert "用户名或密码不正确" in response.content.decode()
    response = _login(client, "wrong-password")
    assert response.status_code == 429
    response = _login(client, PASSWORD)
    html = response.content.decode()
    assert response.status_code == 429
    assert "账户已临时锁定" in html
    assert "连续 5 次密码错误，已被锁定 15 分钟" in html
    assert "_auth_user_id" not in client.session
    attempt = AccessAttempt.objects.get(username="staff")
    assert (attempt.failures_since_start, attempt.ip_address) == (6, "127.0.0.1")


def test_it_keeps_other_accounts_usable_during_a_lockout():
    client = Client()
    for _ in range(5):
        _login(client, "wrong-password")
    response = client.post("/login/", {"username": "head", "password": PASSWORD})
    assert response.status_code == 302


def test_it_forgets_failures_after_a_successful_login():
    client = Client()
    for _ in range(4):
        _login(client, "wrong-password")
    assert _login(client, PASSWORD).status_code == 302
    assert AccessAttempt.objects.filter(username="staff").count() == 0


def test_it_configures_lockout_per_username_and_address_for_fifteen_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 900


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("abcdefghij", "密码须至少包含大写字母、小写字母、数字、其他符号中的 3 类。"),
        ("Short@1", "密码长度太短：至少需要 10 个字符。"),
    ],
)
def test_it_refuses_a_weak_password(password, message):
    with translation.override("zh-hans"):
        with pytest.raises(ValidationError) as refused:
            validate_password(password, user=User.objects.get(username="staff"))
        assert message in refused.value.messages


def test_it_accepts_the_demo_password_as_strong_enough():
    assert validate_password(PASSWORD, user=User.objects.get(username="staff")) is None


def test_it_expires_idle_sessions():
    assert settings.SESSION_COOKIE_AGE == 1800
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True
    client = Client()
    client.force_login(User.objects.get(username="staff"))
    client.get("/projects/")
    assert client.session.get_expiry_age() == 1800


def test_it_refuses_a_post_without_csrf_token_and_changes_nothing():
    evaluation = school_evaluation("draft")
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="other"))
    before = state_of(evaluation)
    response = client.post(
        f"/workflow/self_evaluation/{evaluation.pk}/submit/", {"version": evaluation.version}
    )
    assert response.status_code == 403
    assert "本次提交未被处理" in response.content.decode()
    assert state_of(evaluation) == before
    assert Decision.objects.count() == before.decisions
    assert AuditEvent.objects.count() == before.audit_events


def test_it_refuses_a_login_without_csrf_token():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "staff", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_it_puts_a_csrf_token_in_every_form_of_the_project_page():
    client = Client()
    client.force_login(User.objects.get(username="reviewer"))
    html = client.get("/projects/440111-2023-0001/").content.decode()
    assert html.count("<form") == html.count('name="csrfmiddlewaretoken"')
    assert html.count("<form") >= 3  # logout, return, review
