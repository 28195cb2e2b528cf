"""Display formats for money and rates, in one place."""

from __future__ import annotations

from decimal import Decimal

from django import template

from jixiao.goals.models import decimal_plain

register = template.Library()


@register.filter
def yuan(value: Decimal | None) -> str:
    """An amount in 元 with thousands separators and two decimals: 99975 → "99,975.00"."""
    if value is None or value == "":
        return "—"
    return f"{Decimal(value):,.2f}"


@register.filter
def percent(value: Decimal | None) -> str:
    """A stored percentage with its sign: 99.98 → "99.98%"."""
    if value is None or value == "":
        return "—"
    return f"{Decimal(value):.2f}%"


@register.filter
def normalize(value) -> str:
    """A target or actual without trailing zeros: 100.0000 → "100"."""
    if value is None or value == "" or isinstance(value, str):
        return value
    return decimal_plain(Decimal(value))
