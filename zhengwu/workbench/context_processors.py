from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .menu import build_navigation
from .permissions import can_use_workbench


def navigation(request: HttpRequest) -> dict[str, object]:
    """`nav_items`: the workbench sidebar for staff users (empty for everyone else).

    Lazy, so pages that never render the sidebar (the public portal) pay no queries for it.
    """

    def build() -> list[object]:
        user = getattr(request, "user", None)
        if not can_use_workbench(user):
            return []
        match = getattr(request, "resolver_match", None)
        return list(
            build_navigation(user, path=request.path, view_name=match.view_name if match else "")
        )

    return {"nav_items": SimpleLazyObject(build)}
