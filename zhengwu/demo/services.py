"""Loading the demo county (idempotent: running it twice changes nothing the second time).

Later issues add their own demo data by giving their app a ``demo.py`` module with a
``load(ctx: DemoContext) -> None`` function; it is called after the county is in place,
in INSTALLED_APPS order.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction

from zhengwu.accounts.models import CitizenProfile, EnterpriseProfile, User
from zhengwu.accounts.roles import Role
from zhengwu.accounts.services import (
    citizen_create,
    enterprise_create,
    id_number_index,
    roles_ensure,
    staff_create,
)
from zhengwu.core.validators import credit_code_check_char, id_number_check_digit
from zhengwu.organisations.models import Department, Region, Section, Window
from zhengwu.organisations.services import department_upsert

from . import county


@dataclass
class DemoContext:
    log: Callable[[str], None]
    departments: dict[str, Department] = field(default_factory=dict)
    staff: dict[str, User] = field(default_factory=dict)


def _regions() -> dict[str, Region]:
    regions: dict[str, Region] = {}
    for code, name, level, parent in county.REGIONS:
        regions[code], _ = Region.objects.update_or_create(
            code=code,
            defaults={"name": name, "level": level, "parent": regions.get(parent or "")},
        )
    return regions


def _departments(ctx: DemoContext, region: Region) -> None:
    for order, (name, short, kind, prefix) in enumerate(county.DEPARTMENTS, start=1):
        org_code = county.org_code_for(name)
        dept = department_upsert(
            name=name,
            short_name=short,
            kind=kind,
            region=region,
            credit_code=county.credit_code_for(prefix, org_code),
            phone=f"0523-8{order:03d}{order:04d}"[:13],
            address="靖江市政务服务中心" if order > 1 else "靖江市人民政府",
            sort_order=order,
        )
        ctx.departments[short] = dept
    for short, names in county.SECTIONS.items():
        for name in names:
            Section.objects.get_or_create(department=ctx.departments[short], name=name)
    for number, name, short, location in county.WINDOWS:
        Window.objects.update_or_create(
            number=number,
            defaults={"name": name, "department": ctx.departments[short], "location": location},
        )


def _staff(ctx: DemoContext) -> None:
    roles_ensure()
    for username, full_name, role_values, dept_shorts, windows in county.STAFF:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = staff_create(
                username=username,
                full_name=full_name,
                password=county.DEMO_PASSWORD,
                roles=[Role(r) for r in role_values],
                departments=[ctx.departments[s] for s in dept_shorts],
            )
        for number in windows:
            Window.objects.get(number=number).staff.add(user)
        ctx.staff[username] = user


def _citizens() -> None:
    for name, id17, phone in county.CITIZENS:
        id_number = id17 + id_number_check_digit(id17)
        if not CitizenProfile.objects.filter(id_number_index=id_number_index(id_number)).exists():
            citizen_create(
                name=name, id_number=id_number, phone=phone, password=county.DEMO_PASSWORD
            )
    for body, name, legal, agent, agent_id17, phone in county.ENTERPRISES:
        credit_code = body + credit_code_check_char(body)
        if not EnterpriseProfile.objects.filter(credit_code=credit_code).exists():
            enterprise_create(
                credit_code=credit_code,
                name=name,
                legal_representative=legal,
                agent_name=agent,
                agent_id_number=agent_id17 + id_number_check_digit(agent_id17),
                phone=phone,
                password=county.DEMO_PASSWORD,
            )


def demo_logins() -> list[tuple[str, str, str]]:
    """(who, login name, password) for every demo account, as printed by `make demo`."""
    shorts = {short: name for name, short, _kind, _prefix in county.DEPARTMENTS}
    logins = []
    for username, _full_name, role_values, dept_shorts, _windows in county.STAFF:
        roles = "、".join(str(Role(r).label) for r in role_values)
        depts = "、".join(shorts[s].removeprefix("靖江市") for s in dept_shorts)
        logins.append((f"{depts}{roles}", username, county.DEMO_PASSWORD))
    for name, _id17, phone in county.CITIZENS:
        logins.append((f"自然人{name}（手机号登录）", phone, county.DEMO_PASSWORD))
    for *_rest, phone in county.ENTERPRISES:
        logins.append(("法人经办人（手机号登录）", phone, county.DEMO_PASSWORD))
    return logins


def demo_load(*, log: Callable[[str], None] = lambda _m: None) -> DemoContext:
    ctx = DemoContext(log=log)
    with transaction.atomic():
        regions = _regions()
        _departments(ctx, regions[county.REGION_CODE])
        log(
            f"区划 {len(regions)} 个，部门 {len(ctx.departments)} 个，窗口 {len(county.WINDOWS)} 个"
        )
        _staff(ctx)
        _citizens()
        log(
            f"工作人员 {len(ctx.staff)} 名，群众与企业账户 {len(county.CITIZENS) + len(county.ENTERPRISES)} 个"
        )
    for app in apps.get_app_configs():
        if not app.name.startswith("zhengwu.") or app.name == "zhengwu.demo":
            continue
        try:
            module = importlib.import_module(f"{app.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app.name}.demo":
                raise
            continue
        with transaction.atomic():
            module.load(ctx)
        log(f"{app.verbose_name}：演示数据已加载")
    return ctx
