"""Writes for accounts: SMS codes, registration of 自然人/法人, staff, roles."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.core import crypto
from zhengwu.core.errors import RateLimited, UserFacingError
from zhengwu.core.ratelimit import rate_limit_lock
from zhengwu.core.validators import (
    normalise_id_number,
    validate_credit_code,
    validate_id_number,
    validate_phone,
)
from zhengwu.notifications.services import notification_create
from zhengwu.organisations.models import Department

from .models import (
    CitizenProfile,
    EnterpriseProfile,
    SmsCode,
    SmsCodeStatus,
    SmsPurpose,
    User,
    UserKind,
)
from .roles import Role, group_name

PHONE_INDEX = "phone"
ID_INDEX = "id_number"


def phone_index(phone: str) -> str:
    return crypto.blind_index(phone, purpose=PHONE_INDEX)


def id_number_index(id_number: str) -> str:
    return crypto.blind_index(normalise_id_number(id_number), purpose=ID_INDEX)


def _code_hash(code: str, phone_idx: str) -> str:
    return crypto.blind_index(code, purpose=f"sms:{phone_idx}")


def _check_phone(phone: str) -> str:
    phone = phone.strip()
    try:
        validate_phone(phone)
    except ValidationError as exc:
        raise UserFacingError(_("请输入11位中国大陆手机号码。"), field="phone") from exc
    return phone


# --- SMS codes ---------------------------------------------------------------------------------


def sms_code_send(*, phone: str, purpose: str, ip_address: str | None) -> SmsCode:
    """Issue a 6-digit code and queue the SMS. Rate limited per phone and per address."""
    phone = _check_phone(phone)
    idx = phone_index(phone)
    now = timezone.now()
    with transaction.atomic():
        # Serialise concurrent requests for this phone and address before counting.
        rate_limit_lock(f"sms:phone:{idx}", *([f"sms:ip:{ip_address}"] if ip_address else []))
        recent = SmsCode.objects.filter(phone_index=idx)
        last = recent.order_by("-created_at").first()
        interval = settings.ZHENGWU_SMS_PER_PHONE_INTERVAL_SECONDS
        if last is not None and (now - last.created_at).total_seconds() < interval:
            wait = int(interval - (now - last.created_at).total_seconds()) + 1
            raise RateLimited(
                _("验证码发送过于频繁，请%(s)d秒后再试。") % {"s": wait}, retry_after_seconds=wait
            )
        if recent.filter(created_at__gte=now - timedelta(days=1)).count() >= (
            settings.ZHENGWU_SMS_PER_PHONE_PER_DAY
        ):
            raise RateLimited(
                _("该手机号今日获取验证码次数已达上限，请明天再试。"), retry_after_seconds=86400
            )
        if (
            ip_address
            and SmsCode.objects.filter(
                ip_address=ip_address, created_at__gte=now - timedelta(hours=1)
            ).count()
            >= settings.ZHENGWU_SMS_PER_IP_PER_HOUR
        ):
            raise RateLimited(
                _("当前网络获取验证码次数过多，请1小时后再试。"), retry_after_seconds=3600
            )
        SmsCode.objects.filter(
            phone_index=idx, purpose=purpose, status=SmsCodeStatus.ACTIVE
        ).update(status=SmsCodeStatus.SUPERSEDED)
        code = f"{secrets.randbelow(1_000_000):06d}"
        ttl = settings.ZHENGWU_SMS_CODE_TTL_SECONDS
        sms = SmsCode.objects.create(
            phone=phone,
            phone_index=idx,
            purpose=purpose,
            code_hash=_code_hash(code, idx),
            ip_address=ip_address,
            created_at=now,
            expires_at=now + timedelta(seconds=ttl),
        )
        notification_create(
            channel="sms",
            recipient=phone,
            template_code=f"sms_code_{purpose}",
            body=_("【政务服务网】您的验证码为%(code)s，%(m)d分钟内有效，请勿告诉他人。")
            % {"code": code, "m": ttl // 60},
        )
    return sms


def sms_code_verify(*, phone: str, purpose: str, code: str) -> None:
    """Consume a valid code or raise UserFacingError. Five wrong tries lock that code."""
    phone = _check_phone(phone)
    idx = phone_index(phone)
    error: str | None = None
    with transaction.atomic():
        sms = (
            SmsCode.objects.select_for_update()
            .filter(phone_index=idx, purpose=purpose)
            .exclude(status=SmsCodeStatus.SUPERSEDED)
            .order_by("-created_at")
            .first()
        )
        if sms is None:
            error = _("请先获取短信验证码。")
        elif sms.status == SmsCodeStatus.USED:
            error = _("该验证码已使用，请重新获取。")
        elif sms.status == SmsCodeStatus.LOCKED:
            error = _("验证码错误次数过多，已失效，请重新获取。")
        elif sms.expires_at <= timezone.now():
            error = _("验证码已过期，请重新获取。")
        elif not secrets.compare_digest(sms.code_hash, _code_hash(code.strip(), idx)):
            sms.failed_attempts += 1
            remaining = settings.ZHENGWU_SMS_CODE_MAX_ATTEMPTS - sms.failed_attempts
            if remaining <= 0:
                sms.status = SmsCodeStatus.LOCKED
                error = _("验证码错误次数过多，已失效，请重新获取。")
            else:
                error = _("验证码不正确，还可尝试%(n)d次。") % {"n": remaining}
            sms.save(update_fields=["failed_attempts", "status"])
        else:
            sms.status = SmsCodeStatus.USED
            sms.save(update_fields=["status"])
    # The failed-attempt count is committed above before the error is raised.
    if error:
        raise UserFacingError(error, field="code")


# --- registration ------------------------------------------------------------------------------
# Registration is deliberately not one outer transaction: the SMS code check commits its own
# failed-attempt count (so five wrong tries lock the code even though registration fails), and
# only then are the account rows created atomically.


def _check_id_number(id_number: str, field: str = "id_number") -> str:
    id_number = normalise_id_number(id_number)
    try:
        validate_id_number(id_number)
    except ValidationError as exc:
        raise UserFacingError.from_validation(exc, field=field) from exc
    return id_number


def _set_password(user: User, password: str | None) -> None:
    if password:
        from django.contrib.auth.password_validation import validate_password

        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise UserFacingError.from_validation(exc, field="password") from exc
        user.set_password(password)
    else:
        user.set_unusable_password()


PhoneCheck = Callable[[str], None]


def _public_user(*, kind: str, full_name: str, phone: str, password: str | None) -> User:
    """An unsaved 自然人/法人 account for a verified phone (password rules checked here)."""
    user = User(
        username=User.generate_username(kind),
        kind=kind,
        full_name=full_name,
        phone=phone,
        phone_index=phone_index(phone),
        phone_verified_at=timezone.now(),
    )
    _set_password(user, password)
    return user


def _save_account(user: User, create_profile: Callable[[User], object], conflict: str) -> User:
    """Save the account and its profile atomically; a lost uniqueness race is a clear error."""
    try:
        with transaction.atomic():
            user.save()
            create_profile(user)
    except IntegrityError as exc:
        raise UserFacingError(conflict) from exc
    return user


def citizen_create(
    *,
    name: str,
    id_number: str,
    phone: str,
    password: str | None = None,
    phone_check: PhoneCheck | None = None,
) -> User:
    """Create a 自然人 account. ``phone_check`` proves the phone (e.g. an SMS code) and runs
    only after every other check passed, so a rejected form does not use up the code."""
    name = name.strip()
    if not name:
        raise UserFacingError(_("请填写姓名。"), field="name")
    id_number = _check_id_number(id_number)
    phone = _check_phone(phone)
    user = _public_user(kind=UserKind.CITIZEN, full_name=name, phone=phone, password=password)
    # The phone is proven before saying whether an ID number or phone is registered, so
    # nobody can probe for existing accounts without a code sent to that phone.
    if phone_check is not None:
        phone_check(phone)
    if CitizenProfile.objects.filter(id_number_index=id_number_index(id_number)).exists():
        raise UserFacingError(_("该身份证号码已注册，请直接登录。"), field="id_number")
    if User.objects.filter(kind=UserKind.CITIZEN, phone_index=phone_index(phone)).exists():
        raise UserFacingError(_("该手机号已注册，请直接登录。"), field="phone")
    return _save_account(
        user,
        lambda u: CitizenProfile.objects.create(
            user=u, name=name, id_number=id_number, id_number_index=id_number_index(id_number)
        ),
        _("该身份证号码或手机号已注册，请直接登录。"),
    )


def citizen_register(
    *, name: str, id_number: str, phone: str, sms_code: str, password: str | None = None
) -> User:
    """Online self-registration of a 自然人, proven by a registration SMS code."""
    return citizen_create(
        name=name,
        id_number=id_number,
        phone=phone,
        password=password,
        phone_check=lambda p: sms_code_verify(phone=p, purpose=SmsPurpose.REGISTER, code=sms_code),
    )


def enterprise_create(
    *,
    credit_code: str,
    name: str,
    legal_representative: str,
    agent_name: str,
    agent_id_number: str,
    phone: str,
    password: str | None = None,
    phone_check: PhoneCheck | None = None,
) -> User:
    """Create a 法人 account acting through its 经办人 (whose phone logs in)."""
    credit_code = credit_code.strip().upper()
    try:
        validate_credit_code(credit_code)
    except ValidationError as exc:
        raise UserFacingError.from_validation(exc, field="credit_code") from exc
    for value, field, label in (
        (name, "name", _("单位名称")),
        (legal_representative, "legal_representative", _("法定代表人")),
        (agent_name, "agent_name", _("经办人姓名")),
    ):
        if not value.strip():
            raise UserFacingError(_("请填写%(f)s。") % {"f": label}, field=field)
    agent_id_number = _check_id_number(agent_id_number, field="agent_id_number")
    phone = _check_phone(phone)
    user = _public_user(
        kind=UserKind.ENTERPRISE, full_name=name.strip(), phone=phone, password=password
    )
    if phone_check is not None:  # before any "already registered" answer (see citizen_create)
        phone_check(phone)
    if EnterpriseProfile.objects.filter(credit_code=credit_code).exists():
        raise UserFacingError(_("该统一社会信用代码已注册，请直接登录。"), field="credit_code")
    if User.objects.filter(kind=UserKind.ENTERPRISE, phone_index=phone_index(phone)).exists():
        raise UserFacingError(_("该手机号已用于其他法人账户。"), field="phone")
    return _save_account(
        user,
        lambda u: EnterpriseProfile.objects.create(
            user=u,
            credit_code=credit_code,
            name=name.strip(),
            legal_representative=legal_representative.strip(),
            agent_name=agent_name.strip(),
            agent_id_number=agent_id_number,
            agent_id_number_index=id_number_index(agent_id_number),
        ),
        _("该统一社会信用代码或手机号已注册，请直接登录。"),
    )


def enterprise_register(*, sms_code: str, **fields: Any) -> User:
    """Online self-registration of a 法人, proven by the 经办人's registration SMS code."""
    return enterprise_create(
        **fields,
        phone_check=lambda p: sms_code_verify(phone=p, purpose=SmsPurpose.REGISTER, code=sms_code),
    )


def user_for_sms_login(*, phone: str, kind: str, code: str) -> User:
    """Verify the login code and return the account, or raise UserFacingError."""
    phone = _check_phone(phone)
    user = User.objects.filter(kind=kind, phone_index=phone_index(phone), is_active=True).first()
    sms_code_verify(phone=phone, purpose=SmsPurpose.LOGIN, code=code)
    if user is None:
        raise UserFacingError(_("该手机号尚未注册，请先注册。"), field="phone")
    return user


# --- staff and roles ---------------------------------------------------------------------------

# Model permissions each role's group carries. Object-level scope (own department only) is
# enforced by the `rules` predicates in each app's permissions.py, never by these alone.
ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.WINDOW_STAFF: ("accounts.view_citizenprofile", "accounts.view_enterpriseprofile"),
    Role.APPROVER: (),
    Role.DEPARTMENT_ADMIN: ("organisations.change_window", "organisations.change_section"),
    Role.CENTRE_LEADER: (),
    Role.DISCLOSURE_OFFICER: (),
    Role.SYSTEM_ADMIN: ("*",),
}


def roles_ensure() -> dict[Role, Group]:
    """Create the six role groups with their permissions (idempotent)."""
    groups: dict[Role, Group] = {}
    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=group_name(role))
        if perms == ("*",):
            wanted = Permission.objects.exclude(
                content_type__app_label="audit", codename__regex=r"^(add|change|delete)_"
            )
        else:
            q = Permission.objects.none()
            for perm in perms:
                app_label, codename = perm.split(".")
                q = q | Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename
                )
            wanted = q
        group.permissions.set(wanted)
        groups[role] = group
    return groups


@transaction.atomic
def staff_create(
    *,
    username: str,
    full_name: str,
    password: str,
    roles: Iterable[Role],
    departments: Iterable[Department] = (),
    phone: str = "",
) -> User:
    if User.objects.filter(username=username).exists():
        raise UserFacingError(_("用户名已存在。"), field="username")
    roles = list(roles)
    user = User(
        username=username,
        kind=UserKind.STAFF,
        full_name=full_name,
        is_staff=Role.SYSTEM_ADMIN in roles,  # Django admin is for system administrators only
    )
    if phone:
        phone = _check_phone(phone)
        user.phone = phone
        user.phone_index = phone_index(phone)
    _set_password(user, password)
    user.save()
    groups = roles_ensure()
    user.groups.set([groups[r] for r in roles])
    user.departments.set(list(departments))
    return user


def personal_data_reveal(*, obj: Any, field_name: str, reason: str = "") -> str:
    """Return the plaintext of one personal-data field and write the audit entry for it.

    Callers check ``permissions.can_reveal_personal_data`` first.
    """
    from zhengwu.audit.context import current_actor
    from zhengwu.audit.models import AuditAction, AuditEntry
    from zhengwu.audit.services import audit_record_reveal

    actor = current_actor()
    limit = settings.ZHENGWU_REVEALS_PER_HOUR
    recent = AuditEntry.objects.filter(
        action=AuditAction.REVEAL,
        actor_id=actor.user_id,
        created_at__gte=timezone.now() - timedelta(hours=1),
    )
    if actor.user_id is not None and recent.count() >= limit:
        raise RateLimited(
            _("一小时内查看明文已达%(n)d次上限，请稍后再试。") % {"n": limit},
            retry_after_seconds=3600,
        )
    value = getattr(obj, field_name)
    with transaction.atomic():
        audit_record_reveal(obj=obj, field_name=field_name, reason=reason)
    return value.reveal() if value else ""


def sms_codes_purge(*, older_than_days: int = 30) -> int:
    """Delete SMS code rows older than the retention period (scheduler job)."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    deleted, _by_model = SmsCode.objects.filter(created_at__lt=cutoff).delete()
    return deleted
