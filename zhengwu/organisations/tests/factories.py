from __future__ import annotations

import factory

from zhengwu.core.validators import credit_code_check_char, org_code_check_char
from zhengwu.organisations.models import Department, Region, Section, Window


class RegionFactory(factory.django.DjangoModelFactory[Region]):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "321282"
    name = "靖江市"
    level = "county"


def _org_code(n: int) -> str:
    body = f"{70000000 + n:08d}"
    return body + org_code_check_char(body)


def _credit_code(org_code: str) -> str:
    body = "11321282" + org_code
    return body + credit_code_check_char(body)


class DepartmentFactory(factory.django.DjangoModelFactory[Department]):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"测试局{n}")
    short_name = factory.LazyAttribute(lambda o: o.name)
    region = factory.SubFactory(RegionFactory)
    org_code = factory.Sequence(_org_code)
    credit_code = factory.LazyAttribute(lambda o: _credit_code(o.org_code))


class SectionFactory(factory.django.DjangoModelFactory[Section]):
    class Meta:
        model = Section

    department = factory.SubFactory(DepartmentFactory)
    name = factory.Sequence(lambda n: f"科室{n}")


class WindowFactory(factory.django.DjangoModelFactory[Window]):
    class Meta:
        model = Window

    number = factory.Sequence(lambda n: f"T{n:02d}")
    name = "综合受理窗口"
    department = factory.SubFactory(DepartmentFactory)
    location = "一楼A区"
