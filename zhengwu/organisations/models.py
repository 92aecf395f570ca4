"""行政区划, 机关/部门, 科室 and the hall's 窗口."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengwu.core.validators import validate_credit_code, validate_org_code, validate_region_code


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
    TOWNSHIP = "township", _("乡（镇、街道）级")
    VILLAGE = "village", _("村（社区）级")


class Region(models.Model):
    code = models.CharField(
        _("行政区划代码"), max_length=12, unique=True, validators=[validate_region_code]
    )
    name = models.CharField(_("名称"), max_length=50)
    level = models.CharField(_("层级"), max_length=16, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("上级区划"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")

    def __str__(self) -> str:
        return self.name


class DepartmentKind(models.TextChoices):
    GOVERNMENT = "government", _("人民政府")
    AGENCY = "agency", _("政府工作部门")
    DIRECT = "direct", _("直属机构/事业单位")
    VERTICAL = "vertical", _("垂直管理部门")
    TOWNSHIP = "township", _("镇（街道、园区）")


class DepartmentQuerySet(models.QuerySet["Department"]):
    def active(self) -> DepartmentQuerySet:
        return self.filter(is_active=True)


class Department(models.Model):
    """A 机关 or 部门. Its 组织机构代码 (digits 9–17 of the credit code) starts every 索引号."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=30, blank=True)
    kind = models.CharField(
        _("类别"), max_length=16, choices=DepartmentKind.choices, default=DepartmentKind.AGENCY
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="departments", verbose_name=_("行政区划")
    )
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, unique=True, validators=[validate_credit_code]
    )
    org_code = models.CharField(
        _("组织机构代码"),
        max_length=9,
        unique=True,
        validators=[validate_org_code],
        help_text=_("9位，用于政府信息索引号。"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("上级机关"),
    )
    phone = models.CharField(_("咨询电话"), max_length=30, blank=True)
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("部门")
        verbose_name_plural = _("部门")

    def __str__(self) -> str:
        return self.name


class Section(models.Model):
    """科室: an internal office of a department."""

    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="sections", verbose_name=_("部门")
    )
    name = models.CharField(_("名称"), max_length=100)
    phone = models.CharField(_("电话"), max_length=30, blank=True)

    class Meta:
        ordering = ["department_id", "id"]
        verbose_name = _("科室")
        verbose_name_plural = _("科室")
        constraints = [
            models.UniqueConstraint(fields=["department", "name"], name="section_unique_per_dept")
        ]

    def __str__(self) -> str:
        return f"{self.department.short_name or self.department.name}·{self.name}"


class Window(models.Model):
    """进驻大厅的窗口: a numbered counter in the service hall, staffed by one department."""

    number = models.CharField(_("窗口号"), max_length=10, unique=True)
    name = models.CharField(_("窗口名称"), max_length=100)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="windows", verbose_name=_("部门")
    )
    location = models.CharField(_("位置"), max_length=100, help_text=_("如：一楼A区"))
    staff = models.ManyToManyField(
        "accounts.User", blank=True, related_name="windows", verbose_name=_("窗口人员")
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("窗口")
        verbose_name_plural = _("窗口")

    def __str__(self) -> str:
        return f"{self.number} {self.name}"
