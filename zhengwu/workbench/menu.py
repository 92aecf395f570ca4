"""The workbench sidebar menu: a small registry other apps add to.

Register entries from your app's ``AppConfig.ready()``::

    from zhengwu.accounts.roles import Role
    from zhengwu.workbench.menu import register_menu_item

    register_menu_item(
        "cases.inbox", "待办件", "cases:inbox",
        roles={Role.WINDOW_STAFF, Role.APPROVER}, icon="img/icons/inbox.svg", order=20,
    )

Entries whose URL name does not resolve (the module is not mounted yet) are skipped, so a menu
entry can be registered before its view exists. ``roles=None`` means every staff member.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse

from zhengwu.accounts.roles import Role

from .permissions import user_has_any_role


@dataclass(frozen=True)
class MenuItem:
    key: str
    label: str
    url_name: str
    roles: frozenset[Role] | None = None
    icon: str = ""  # a static path, e.g. "img/icons/home.svg"
    order: int = 100
    # Also mark the entry active on pages below its URL (e.g. /org/my/… for /org/my/).
    match_prefix: bool = True


@dataclass(frozen=True)
class NavEntry:
    """A menu item resolved for one request: what the template renders."""

    key: str
    label: str
    url: str
    icon: str
    active: bool


_registry: dict[str, MenuItem] = {}


def register_menu_item(
    key: str,
    label: str,
    url_name: str,
    *,
    roles: Iterable[Role] | None = None,
    icon: str = "",
    order: int = 100,
    match_prefix: bool = True,
    replace: bool = False,
) -> MenuItem:
    """Add an entry. Registering an identical entry twice is a no-op; a different entry under
    an existing key raises ``ValueError`` unless ``replace=True``."""
    item = MenuItem(
        key=key,
        label=label,
        url_name=url_name,
        roles=None if roles is None else frozenset(roles),
        icon=icon,
        order=order,
        match_prefix=match_prefix,
    )
    existing = _registry.get(key)
    if existing is not None and existing != item and not replace:
        raise ValueError(f"菜单项 {key!r} 已注册（{existing.label}）；如需覆盖请传 replace=True")
    _registry[key] = item
    return item


def unregister_menu_item(key: str) -> None:
    _registry.pop(key, None)


def registered_menu_items() -> list[MenuItem]:
    return sorted(_registry.values(), key=lambda item: (item.order, item.key))


def menu_items_for(user: Any) -> list[MenuItem]:
    """The entries this user's roles allow (no URL resolution). Non-staff get nothing."""
    return [item for item in registered_menu_items() if user_has_any_role(user, item.roles)]


def safe_reverse(url_name: str) -> str | None:
    """`reverse()` that answers None for a URL name that is not (yet) mounted."""
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def build_navigation(user: Any, *, path: str = "", view_name: str = "") -> list[NavEntry]:
    """Resolved, role-filtered entries with at most one marked active.

    Active: the entry whose URL name is the current view; otherwise the entry with the longest
    URL that prefixes the current path (for entries with ``match_prefix``).
    """
    resolved = [
        (item, url) for item in menu_items_for(user) if (url := safe_reverse(item.url_name))
    ]
    active_key = next((item.key for item, _ in resolved if item.url_name == view_name), None)
    if active_key is None and path:
        prefixed = [
            (len(url), item.key)
            for item, url in resolved
            if item.match_prefix and path.startswith(url)
        ]
        if prefixed:
            active_key = max(prefixed)[1]
    return [
        NavEntry(
            key=item.key, label=item.label, url=url, icon=item.icon, active=item.key == active_key
        )
        for item, url in resolved
    ]


# --- defaults -------------------------------------------------------------------------------
register_menu_item(
    "workbench.home",
    "工作台首页",
    "workbench:home",
    icon="img/icons/home.svg",
    order=0,
    match_prefix=False,
)
register_menu_item("core.explain", "期限计算", "core:explain", icon="img/icons/clock.svg", order=10)
register_menu_item(
    "organisations.my-department",
    "部门管理",
    "organisations:my-department",
    roles={Role.DEPARTMENT_ADMIN, Role.SYSTEM_ADMIN},
    icon="img/icons/building.svg",
    order=80,
)
register_menu_item(
    "admin",
    "系统管理",
    "admin:index",
    roles={Role.SYSTEM_ADMIN},
    icon="img/icons/settings.svg",
    order=90,
)
