"""Parsing of the request parameters that many pages share, in one place."""

from __future__ import annotations

from django.http import Http404, HttpRequest


def year_param(request: HttpRequest, years: list[int]) -> int | None:
    """`?year=`: the year asked for, else the newest of `years` (None when there is none).

    A malformed year is a 404 ("年度无效"), as for any URL that names nothing.
    """
    raw = request.GET.get("year", "")
    if not raw:
        return years[0] if years else None
    if not raw.isdigit():
        raise Http404("年度无效")
    return int(raw)


def version_param(request: HttpRequest) -> int:
    """The hidden `version` of a posted form (optimistic locking); a missing or malformed one
    counts as stale (-1), so the save is refused rather than applied blind."""
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else -1
