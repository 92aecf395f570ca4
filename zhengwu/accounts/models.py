"""Users: staff (by department), 自然人 and 法人 accounts, and one-time SMS codes."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengwu.core.fields import BlindIndexField, EncryptedField

from .roles import ROLE_BY_GROUP_NAME, Role


class UserKind(models.TextChoices):
    STAFF = "staff", _("工作人员")
    CITIZEN = "citizen", _("自然人")
    ENTERPRISE = "enterprise", _("法人")


class User(AbstractUser):
    kind = models.CharField(_("账户类型"), max_length=16, choices=UserKind.choices)
    full_name = models.CharField(_("姓名/名称"), max_length=100, blank=True)
    phone = EncryptedField(_("手机号"), kind="phone", blank=True, default="")
    phone_index = BlindIndexField(_("手机号索引"), null=True, blank=True)
    phone_verified_at = models.DateTimeField(_("手机号验证时间"), null=True, blank=True)
    departments = models.ManyToManyField(
        "organisations.Department", blank=True, related_name="staff", verbose_name=_("所属部门")
    )
    section = models.ForeignKey(
        "organisations.Section",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("科室"),
    )

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "phone_index"], name="user_phone_unique_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @staticmethod
    def generate_username(kind: str) -> str:
        return f"{kind[0]}{uuid.uuid4().hex[:15]}"

    @property
    def is_staff_member(self) -> bool:
        return self.kind == UserKind.STAFF

    def roles(self) -> set[Role]:
        cached: set[Role] | None = getattr(self, "_roles_cache", None)
        if cached is None:
            names = self.groups.values_list("name", flat=True)
            cached = {ROLE_BY_GROUP_NAME[n] for n in names if n in ROLE_BY_GROUP_NAME}
            self._roles_cache = cached
        return cached

    def has_role(self, *roles: Role) -> bool:
        return self.is_active and bool(self.roles() & set(roles))

    def department_ids(self) -> set[int]:
        cached: set[int] | None = getattr(self, "_department_ids_cache", None)
        if cached is None:
            cached = set(self.departments.values_list("id", flat=True))
            self._department_ids_cache = cached
        return cached


class CitizenProfile(models.Model):
    """自然人: real-name identity verified against the 居民身份证号码."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="citizen", verbose_name=_("账户")
    )
    name = models.CharField(_("姓名"), max_length=50)
    id_number = EncryptedField(_("居民身份证号码"), kind="id_number")
    id_number_index = BlindIndexField(_("身份证号索引"), unique=True)
    created_at = models.DateTimeField(_("注册时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("自然人")
        verbose_name_plural = _("自然人")

    def __str__(self) -> str:
        return self.name


class EnterpriseProfile(models.Model):
    """法人: an enterprise or organisation acting through its 经办人."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="enterprise", verbose_name=_("账户")
    )
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    name = models.CharField(_("单位名称"), max_length=200)
    legal_representative = models.CharField(_("法定代表人"), max_length=50)
    agent_name = models.CharField(_("经办人姓名"), max_length=50)
    agent_id_number = EncryptedField(_("经办人身份证号码"), kind="id_number")
    agent_id_number_index = BlindIndexField(_("经办人身份证号索引"), db_index=True)
    created_at = models.DateTimeField(_("注册时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("法人")
        verbose_name_plural = _("法人")

    def __str__(self) -> str:
        return self.name


class SmsPurpose(models.TextChoices):
    LOGIN = "login", _("登录")
    REGISTER = "register", _("注册")
    RESET_PASSWORD = "reset_password", _("重置密码")


class SmsCodeStatus(models.TextChoices):
    ACTIVE = "active", _("有效")
    USED = "used", _("已使用")
    LOCKED = "locked", _("错误次数过多已锁定")
    SUPERSEDED = "superseded", _("已被新验证码取代")


class SmsCode(models.Model):
    phone = EncryptedField(_("手机号"), kind="phone")
    phone_index = BlindIndexField(_("手机号索引"))
    purpose = models.CharField(_("用途"), max_length=20, choices=SmsPurpose.choices)
    code_hash = models.CharField(_("验证码摘要"), max_length=64)
    ip_address = models.GenericIPAddressField(_("请求地址"), null=True, blank=True)
    created_at = models.DateTimeField(_("发送时间"))
    expires_at = models.DateTimeField(_("过期时间"))
    failed_attempts = models.PositiveSmallIntegerField(_("错误次数"), default=0)
    status = models.CharField(
        _("状态"), max_length=16, choices=SmsCodeStatus.choices, default=SmsCodeStatus.ACTIVE
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("短信验证码")
        verbose_name_plural = _("短信验证码")
        indexes = [
            models.Index(fields=["phone_index", "purpose", "created_at"]),
            models.Index(fields=["ip_address", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.phone} {self.get_purpose_display()} {self.get_status_display()}"
