"""`jixiao open-data --year Y -o DIR`: the same files as the portal, validated by the schema."""

from __future__ import annotations

import json

import jsonschema
import pytest
from django.core.management import CommandError, call_command
from django.test import Client

pytestmark = pytest.mark.django_db


def test_it_writes_the_files_of_the_portal(published, tmp_path, open_data_schema) -> None:
    call_command("open-data", "--year", "2023", "-o", str(tmp_path / "out"))
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == [
        "jixiao-2023-funding.csv",
        "jixiao-2023-indicators.csv",
        "jixiao-2023-projects.csv",
        "jixiao-2023.json",
    ]
    document = json.loads((tmp_path / "out" / "jixiao-2023.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, open_data_schema, format_checker=jsonschema.FormatChecker())
    client = Client()
    for kind, name in (
        ("json", "jixiao-2023.json"),
        ("projects", "jixiao-2023-projects.csv"),
        ("indicators", "jixiao-2023-indicators.csv"),
        ("funding", "jixiao-2023-funding.csv"),
    ):
        portal = client.get(f"/public/2023/data/{kind}/").content
        assert (tmp_path / "out" / name).read_bytes() == portal


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("23", "年度“23”无效，应为 2000 至 2100 之间的四位数字。"),
        ("二〇二三", "年度“二〇二三”无效"),
        ("2019", "2019 年度没有已公开的绩效信息。"),
    ],
)
def test_it_names_a_bad_year(tmp_path, year, message) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("open-data", "--year", year, "-o", str(tmp_path))
    assert list(tmp_path.iterdir()) == []


def test_it_refuses_a_file_as_output_directory(published, tmp_path) -> None:
    target = tmp_path / "a-file"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(CommandError, match="已存在且不是目录"):
        call_command("open-data", "--year", "2023", "-o", str(target))
    assert target.read_text(encoding="utf-8") == "keep me"
