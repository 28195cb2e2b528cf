"""Fixtures of the disclosure tests: the demo accounts and a publication of the demo year.

In the demo, every 2023 goal is accepted and four self-evaluations are (0108, 0116, 0124,
0132); the seed project's evaluation waits for the bureau (head_approved).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.accounts.models import User
from jixiao.disclosure.services import disclosure_publish

SCHEMA_PATH = Path(__file__).resolve().parents[3] / "docs" / "open-data.schema.json"


@pytest.fixture
def users() -> dict[str, User]:
    return {user.username: user for user in User.objects.all()}


@pytest.fixture
def published(users):
    """The 2023 goals and accepted self-evaluations of 示例区图书馆 and 示例区退役军人服务中心
    published (0122–0124 and 0131–0133), 0123 withheld."""
    library = disclosure_publish(
        year=2023,
        unit_code="440111-U008",
        withheld_codes=["440111-2023-0123"],
        withheld_reason="涉及未公开的采购信息",
        actor=users["reviewer"],
    )
    veterans = disclosure_publish(year=2023, unit_code="440111-U011", actor=users["reviewer"])
    return library, veterans


@pytest.fixture
def open_data_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
