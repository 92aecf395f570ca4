from __future__ import annotations

from collections.abc import Iterable

import factory

from zhengwu.accounts.models import CitizenProfile, User, UserKind
from zhengwu.accounts.roles import Role
from zhengwu.accounts.services import id_number_index, phone_index, roles_ensure
from zhengwu.core.validators import id_number_check_digit

PASSWORD = "Test-Passw0rd!"


def valid_id_number(seq: int, birth: str = "19900101", region: str = "321282") -> str:
    first17 = f"{region}{birth}{seq % 1000:03d}"
    return first17 + id_number_check_digit(first17)


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    kind = UserKind.STAFF
    full_name = factory.Sequence(lambda n: f"工作人员{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def staff_user(*, roles: Iterable[Role] = (), departments: Iterable = (), **kwargs) -> User:
    user = UserFactory.create(kind=UserKind.STAFF, **kwargs)
    groups = roles_ensure()
    user.groups.set([groups[r] for r in roles])
    user.departments.set(list(departments))
    return user


class CitizenFactory(factory.django.DjangoModelFactory[CitizenProfile]):
    class Meta:
        model = CitizenProfile

    user = factory.SubFactory(
        UserFactory,
        kind=UserKind.CITIZEN,
        phone=factory.Sequence(lambda n: f"1380000{n:04d}"),
        phone_index=factory.LazyAttribute(lambda o: phone_index(o.phone)),
    )
    name = factory.Sequence(lambda n: f"群众{n}")
    id_number = factory.Sequence(lambda n: valid_id_number(n))
    id_number_index = factory.LazyAttribute(lambda o: id_number_index(o.id_number))
