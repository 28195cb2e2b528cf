"""The 待办 badge in the navigation: the inbox count, cached briefly per user.

The badge is a hint shown on every page; the 待办 page itself always counts afresh. Caching spares
every page one count query per workflow kind (tens of milliseconds at province scale,
docs/performance.md). A user's own action or a visit to the 待办 page refreshes it at once.
"""

from __future__ import annotations

from django.core.cache import cache

from jixiao.workflow.selectors import inbox_count

INBOX_COUNT_SECONDS = 30


def _key(user_id: int) -> str:
    return f"workflow:inbox-count:{user_id}"


def inbox_badge_count(user) -> int:
    """The number of items waiting for `user`, at most INBOX_COUNT_SECONDS old."""
    if not user.is_authenticated:
        return 0
    return cache.get_or_set(_key(user.pk), lambda: inbox_count(user), INBOX_COUNT_SECONDS)


def inbox_badge_forget(user) -> None:
    """Drop `user`'s cached count, so the next page counts afresh."""
    cache.delete(_key(user.pk))
