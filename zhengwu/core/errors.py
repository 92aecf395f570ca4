"""Domain errors carrying a Chinese message for the person who caused them."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class UserFacingError(Exception):
    """An error whose message is safe and meant to be shown to the user (Chinese)."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code

    @classmethod
    def from_validation(cls, exc: ValidationError, *, field: str | None = None) -> UserFacingError:
        """The Chinese messages of a validator's ValidationError, for the user."""
        return cls(" ".join(exc.messages), field=field, code=getattr(exc, "code", None) or "")


class RateLimited(UserFacingError):
    def __init__(self, message: str, *, retry_after_seconds: int) -> None:
        super().__init__(message, code="rate_limited")
        self.retry_after_seconds = retry_after_seconds
