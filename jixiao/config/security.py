"""Application-level controls of 等保2.0 (identity): the password complexity rule.

Lockout (django-axes), session timeout and cookie flags are settings in settings.py.
"""

from __future__ import annotations

import string

from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError
from django.shortcuts import render

_CLASSES = (
    ("大写字母", set(string.ascii_uppercase)),
    ("小写字母", set(string.ascii_lowercase)),
    ("数字", set(string.digits)),
)


class ChineseMinimumLengthValidator(MinimumLengthValidator):
    """Django's length rule with a Chinese message (Django 5.2's zh_Hans catalogue lacks it)."""

    def get_error_message(self) -> str:
        return f"密码长度太短：至少需要 {self.min_length} 个字符。"

    def get_help_text(self) -> str:
        return f"密码至少需要 {self.min_length} 个字符。"


class CharacterClassesValidator:
    """A password must mix at least `minimum` of: upper-case letters, lower-case letters,
    digits and other characters (GB/T 22239-2019 8.1.4.1 a: 口令具有复杂度要求)."""

    def __init__(self, minimum: int = 3) -> None:
        self.minimum = minimum

    def _classes(self, password: str) -> int:
        characters = set(password)
        count = sum(1 for _, members in _CLASSES if characters & members)
        known = set().union(*(members for _, members in _CLASSES))
        return count + (1 if characters - known else 0)

    def validate(self, password: str, user=None) -> None:
        if self._classes(password) < self.minimum:
            raise ValidationError(
                f"密码须至少包含大写字母、小写字母、数字、其他符号中的 {self.minimum} 类。",
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return f"密码须至少包含大写字母、小写字母、数字、其他符号中的 {self.minimum} 类。"


def csrf_failure(request, reason: str = ""):
    """The Chinese 403 page for a form sent without a valid CSRF token (nothing is saved)."""
    return render(request, "registration/csrf_failure.html", status=403)
