"""Password rules beyond Django's built-ins."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterClassPasswordValidator:
    """At least three of: upper-case letters, lower-case letters, digits, symbols (等保 baseline)."""

    def validate(self, password: str, user: Any = None) -> None:
        classes = [
            any(c.isupper() for c in password),
            any(c.islower() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < 3:
            raise ValidationError(
                _("密码须包含大写字母、小写字母、数字、符号中的至少三类。"),
                code="password_character_classes",
            )

    def get_help_text(self) -> str:
        return _("密码须包含大写字母、小写字母、数字、符号中的至少三类。")
