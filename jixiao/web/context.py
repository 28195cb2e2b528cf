"""Template context shared by every page."""

from __future__ import annotations

from jixiao.accounts.models import Organisation


def site(request) -> dict:
    """`is_demo`: the database holds demo data, so pages show 演示数据."""
    return {"is_demo": Organisation.objects.filter(is_demo=True).exists()}
