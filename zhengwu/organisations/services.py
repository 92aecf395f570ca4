"""Writes for organisations."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zhengwu.core.errors import UserFacingError
from zhengwu.core.validators import validate_credit_code, validate_org_code

from .models import Department, DepartmentKind, Region, Section, Window


@transaction.atomic
def department_upsert(
    *,
    name: str,
    region: Region,
    credit_code: str,
    short_name: str = "",
    kind: str = DepartmentKind.AGENCY,
    parent: Department | None = None,
    phone: str = "",
    address: str = "",
    sort_order: int = 0,
) -> Department:
    """Create or update a department by its credit code (idempotent, used by imports and demo)."""
    credit_code = credit_code.strip().upper()
    try:
        validate_credit_code(credit_code)
        validate_org_code(credit_code[8:17])
    except ValidationError as exc:
        raise UserFacingError.from_validation(exc, field="credit_code") from exc
    department, _created = Department.objects.update_or_create(
        credit_code=credit_code,
        defaults={
            "name": name,
            "short_name": short_name,
            "kind": kind,
            "region": region,
            "org_code": credit_code[8:17],
            "parent": parent,
            "phone": phone,
            "address": address,
            "sort_order": sort_order,
        },
    )
    return department


@transaction.atomic
def window_update(*, window_id: int, name: str, location: str, is_active: bool) -> Window:
    window = Window.objects.select_for_update().get(pk=window_id)
    if not name.strip() or not location.strip():
        raise UserFacingError(_("窗口名称和位置不能为空。"))
    window.name = name.strip()
    window.location = location.strip()
    window.is_active = is_active
    window.save(update_fields=["name", "location", "is_active"])
    return window


@transaction.atomic
def section_create(*, department: Department, name: str, phone: str = "") -> Section:
    name = name.strip()
    if not name:
        raise UserFacingError(_("请填写科室名称。"), field="name")
    duplicate = UserFacingError(_("本部门已有同名科室。"), field="name")
    if Section.objects.filter(department=department, name=name).exists():
        raise duplicate
    try:
        with transaction.atomic():
            return Section.objects.create(department=department, name=name, phone=phone.strip())
    except IntegrityError as exc:  # a concurrent submit of the same form won
        raise duplicate from exc
