"""The service entries on the portal home (我要办事, 办件查询, …).

Modules that are not mounted yet have no URL name (or one that does not resolve): their card
shows 即将开放 instead of a link. Later modules fill in `url_name`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class ServiceEntry:
    title: str
    text: str
    icon: str
    url_name: str | None = None
    accent: bool = False


@dataclass(frozen=True)
class ResolvedEntry:
    title: str
    text: str
    icon: str
    url: str | None
    accent: bool


SERVICE_ENTRIES: tuple[ServiceEntry, ...] = (
    ServiceEntry("我要办事", "按事项查看办事指南，在线申报。", "img/icons/briefcase.svg"),
    ServiceEntry("办件查询", "凭受理编号查询办理进度和结果。", "img/icons/progress.svg"),
    ServiceEntry("在线预约", "预约政务服务中心窗口办理时间。", "img/icons/calendar.svg"),
    ServiceEntry("好差评", "对办理过的服务作出评价。", "img/icons/star.svg", accent=True),
    ServiceEntry("政务公开", "查阅政府信息，申请政府信息公开。", "img/icons/document.svg"),
)


def _safe_reverse(url_name: str | None) -> str | None:
    if not url_name:
        return None
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def resolved_entries() -> list[ResolvedEntry]:
    return [
        ResolvedEntry(
            title=e.title, text=e.text, icon=e.icon, url=_safe_reverse(e.url_name), accent=e.accent
        )
        for e in SERVICE_ENTRIES
    ]
