"""The bureau's disclosure page: publish with withheld items and a reason, withdraw."""

from __future__ import annotations

import pytest
from django.test import Client

from jixiao.audit.models import AuditEvent
from jixiao.disclosure.models import Publication, PublishedSnapshot

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_page_lists_what_may_be_published(users) -> None:
    response = _client(users["reviewer"]).get("/disclosure/?year=2023&unit=440111-U008")
    assert response.status_code == 200
    text = response.content.decode()
    assert text.count('name="withheld"') == 3
    assert "公开本单位" in text


@pytest.mark.parametrize("username", ["supervisor", "staff", "other", "head"])
def test_it_is_hidden_from_everyone_but_the_bureau(users, username) -> None:
    client = _client(users[username])
    assert client.get("/disclosure/?year=2023").status_code == 404
    assert client.post("/disclosure/publish/", {"year": "2023"}).status_code == 404
    assert Publication.objects.count() == 0


def test_anonymous_users_are_sent_to_login() -> None:
    response = Client().get("/disclosure/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_it_publishes_with_a_withheld_item(users) -> None:
    response = _client(users["reviewer"]).post(
        "/disclosure/publish/",
        {
            "year": "2023",
            "unit": "440111-U008",
            "withheld": ["440111-2023-0123"],
            "withheld_reason": "涉密",
        },
    )
    assert response.status_code == 302
    assert sorted(PublishedSnapshot.objects.values_list("project_code", flat=True)) == [
        "440111-2023-0122",
        "440111-2023-0124",
    ]
    assert Publication.objects.get().withheld.get().reason == "涉密"


def test_a_withheld_item_without_reason_is_refused_with_the_choice_kept(users) -> None:
    before = AuditEvent.objects.count()
    response = _client(users["reviewer"]).post(
        "/disclosure/publish/",
        {"year": "2023", "unit": "440111-U008", "withheld": ["440111-2023-0123"]},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "勾选了不公开的项目，请填写不公开理由。" in text
    assert 'value="440111-2023-0123" id="withhold-440111-2023-0123"' in text
    assert 'aria-label="不公开 示例图书馆' in text
    assert "checked" in text
    assert PublishedSnapshot.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_a_forged_withheld_code_is_named(users) -> None:
    response = _client(users["reviewer"]).post(
        "/disclosure/publish/",
        {
            "year": "2023",
            "unit": "440111-U008",
            "withheld": ["440111-2023-0101"],
            "withheld_reason": "x",
        },
    )
    assert response.status_code == 400
    assert "不在本次公开范围内的项目：440111-2023-0101。" in response.content.decode()
    assert PublishedSnapshot.objects.count() == 0


def test_it_withdraws_with_a_reason(users, published) -> None:
    client = _client(users["reviewer"])
    snapshot = PublishedSnapshot.objects.get(project_code="440111-2023-0132")
    response = client.post(f"/disclosure/snapshots/{snapshot.pk}/withdraw/", {"reason": ""})
    assert response.status_code == 302
    snapshot.refresh_from_db()
    assert snapshot.is_public
    client.post(f"/disclosure/snapshots/{snapshot.pk}/withdraw/", {"reason": "更正数据"})
    snapshot.refresh_from_db()
    assert (snapshot.is_public, snapshot.withdrawn_reason) == (False, "更正数据")
    assert Client().get("/public/2023/projects/440111-2023-0132/").status_code == 404
    page = client.get("/disclosure/?year=2023").content.decode()
    assert "已撤回（更正数据）" in page
    again = client.post(f"/disclosure/snapshots/{snapshot.pk}/withdraw/", {"reason": "x"})
    assert again.status_code == 404
