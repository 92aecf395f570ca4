"""Role-specific cards on the workbench home.

A card whose module is not mounted yet (URL name missing, or none given) shows as 即将开放.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhengwu.accounts.roles import Role

from .menu import safe_reverse


@dataclass(frozen=True)
class Card:
    title: str
    text: str
    url_name: str | None = None
    icon: str = ""


@dataclass(frozen=True)
class ResolvedCard:
    title: str
    text: str
    url: str | None
    icon: str


ALL_STAFF_CARDS: tuple[Card, ...] = (
    Card(
        "期限计算",
        "按工作日历计算法定办理期限，查看每一步的推算依据。",
        "core:explain",
        "img/icons/clock.svg",
    ),
)

ROLE_CARDS: dict[Role, tuple[Card, ...]] = {
    Role.WINDOW_STAFF: (
        Card(
            "收件受理",
            "接收申请材料，当场核验，一次性告知需补正的材料。",
            None,
            "img/icons/inbox.svg",
        ),
        Card("出件登记", "登记办结证照的领取与寄递。", None, "img/icons/briefcase.svg"),
    ),
    Role.APPROVER: (
        Card(
            "待我审批",
            "按法定时限审查并作出决定，临近超期的办件优先显示。",
            None,
            "img/icons/check.svg",
        ),
    ),
    Role.DEPARTMENT_ADMIN: (
        Card(
            "部门管理",
            "维护本部门的科室、窗口和工作人员。",
            "organisations:my-department",
            "img/icons/building.svg",
        ),
    ),
    Role.CENTRE_LEADER: (
        Card("督办预警", "查看临近超期和已超期的办件，发起督办。", None, "img/icons/progress.svg"),
    ),
    Role.DISCLOSURE_OFFICER: (
        Card("主动公开", "编辑、审核和发布政府信息，生成索引号。", None, "img/icons/document.svg"),
        Card("依申请公开", "登记和答复政府信息公开申请。", None, "img/icons/search.svg"),
    ),
    Role.SYSTEM_ADMIN: (
        Card(
            "系统管理",
            "账户、角色、部门和工作日历等基础配置。",
            "admin:index",
            "img/icons/settings.svg",
        ),
    ),
}


def cards_for(roles: list[Role]) -> list[ResolvedCard]:
    """Cards for all staff, then per role (in `Role` order), without duplicates."""
    seen: set[str] = set()
    result: list[ResolvedCard] = []
    for card in ALL_STAFF_CARDS + tuple(c for r in roles for c in ROLE_CARDS.get(r, ())):
        if card.title in seen:
            continue
        seen.add(card.title)
        url = safe_reverse(card.url_name) if card.url_name else None
        result.append(ResolvedCard(title=card.title, text=card.text, url=url, icon=card.icon))
    return result
