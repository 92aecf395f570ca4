"""Which models the audit trail watches, and the receivers that record their changes.

Every ``save()`` (create or update) and ``delete()`` of a registered model, and every change to
its many-to-many fields, writes an audit entry with field-level values:

* create: ``{"field": {"new": value}}`` for each field
* update: ``{"field": {"old": value, "new": value}}`` for each changed field only
* delete: ``{"field": {"old": value}}`` for each field
* many-to-many: ``{"field": {"added": [pks]}}`` / ``{"removed": [pks]}`` / ``{"cleared": [pks]}``

Old values are the ones the instance was loaded with, kept by a ``post_init`` receiver, so a
save costs no extra query. Personal data (``EncryptedField``) is written masked; passwords,
secrets and blind indexes as “已修改”.

Not captured, because Django sends no signal for them: ``QuerySet.update()``,
``bulk_create()``, ``bulk_update()`` and raw SQL. A service using those on a registered model
calls ``services.audit_record`` itself. Fixture loading (``loaddata``, ``raw=True`` saves) is not
recorded row by row either.

Why signals here despite style rule 9: the audit trail is cross-cutting infrastructure that must
see *every* write, including admin, fixtures and services not written yet; an explicit call in
each service would be forgotten exactly where it matters. It contains no business logic
(docs/adr/0005-audit-trail.md).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models.signals import (
    m2m_changed,  # noqa: TID251 - audit trail is infrastructure, see module docstring / ADR 0005
    post_delete,  # noqa: TID251 - audit trail is infrastructure, see module docstring / ADR 0005
    post_init,
    post_save,  # noqa: TID251 - audit trail is infrastructure, see module docstring / ADR 0005
)

from zhengwu.core.fields import BlindIndexField, EncryptedField
from zhengwu.core.masking import ProtectedValue, mask

from .models import AuditAction
from .services import REDACTED, audit_record, object_label

SNAPSHOT_ATTR = "_audit_snapshot"
CLEARED_ATTR = "_audit_m2m_cleared"
SECRET_NAME_RE = re.compile(r"password|secret|token|otp|code_hash", re.IGNORECASE)

# Registered in AuditConfig.ready(); a label whose app is not installed is skipped.
DEFAULT_MODELS: dict[str, tuple[str, ...]] = {
    "core.CalendarYear": (),
    "core.CalendarDay": (),
    "organisations.Region": (),
    "organisations.Department": (),
    "organisations.Section": (),
    "organisations.Window": (),
    # last_login changes on every login, which has its own "login" entry.
    "accounts.User": ("last_login",),
    "accounts.CitizenProfile": (),
    "accounts.EnterpriseProfile": (),
    "auth.Group": (),
}


@dataclass(frozen=True)
class AuditedModel:
    model: type[models.Model]
    exclude: frozenset[str] = frozenset()
    redact: frozenset[str] = frozenset()
    fields: tuple[models.Field[Any, Any], ...] = field(default=())
    m2m_fields: tuple[models.ManyToManyField[Any, Any], ...] = field(default=())


_registry: dict[type[models.Model], AuditedModel] = {}
# through model -> (model owning the field, the field)
_m2m_owners: dict[
    type[models.Model], tuple[type[models.Model], models.ManyToManyField[Any, Any]]
] = {}


def is_registered(model: type[models.Model]) -> bool:
    return model in _registry


def registered_models() -> list[type[models.Model]]:
    return list(_registry)


def register(
    model: type[models.Model] | str,
    *,
    exclude: Iterable[str] = (),
    redact: Iterable[str] = (),
) -> type[models.Model]:
    """Audit every create/update/delete of ``model`` (a class or an ``"app.Model"`` label).

    ``exclude`` names fields left out of entries entirely; ``redact`` names fields written as
    “已修改” (passwords, secrets and blind indexes are redacted without being named).
    Registering again replaces the earlier options. Returns the model class.
    """
    if isinstance(model, str):
        model = apps.get_model(model)
    excluded = frozenset(exclude)
    opts = model._meta
    config = AuditedModel(
        model=model,
        exclude=excluded,
        redact=frozenset(redact),
        fields=tuple(f for f in opts.concrete_fields if f.name not in excluded),
        m2m_fields=tuple(
            f
            for f in opts.many_to_many
            if f.name not in excluded and isinstance(f, models.ManyToManyField)
        ),
    )
    _registry[model] = config
    uid = f"zhengwu.audit:{opts.label}"
    post_init.connect(_on_post_init, sender=model, dispatch_uid=uid, weak=False)
    post_save.connect(_on_post_save, sender=model, dispatch_uid=uid, weak=False)
    post_delete.connect(_on_post_delete, sender=model, dispatch_uid=uid, weak=False)
    for m2m in config.m2m_fields:
        through = m2m.remote_field.through
        assert isinstance(through, type)
        _m2m_owners[through] = (model, m2m)
        m2m_changed.connect(
            _on_m2m_changed, sender=through, dispatch_uid=f"{uid}.{m2m.name}", weak=False
        )
    return model


def unregister(model: type[models.Model]) -> None:
    config = _registry.pop(model, None)
    if config is None:
        return
    uid = f"zhengwu.audit:{model._meta.label}"
    post_init.disconnect(sender=model, dispatch_uid=uid)
    post_save.disconnect(sender=model, dispatch_uid=uid)
    post_delete.disconnect(sender=model, dispatch_uid=uid)
    for m2m in config.m2m_fields:
        through = m2m.remote_field.through
        _m2m_owners.pop(through, None)  # type: ignore[arg-type]
        m2m_changed.disconnect(sender=through, dispatch_uid=f"{uid}.{m2m.name}")


def register_defaults() -> None:
    for label, exclude in DEFAULT_MODELS.items():
        try:
            register(label, exclude=exclude)
        except LookupError:
            continue  # that app is not installed in this project


# --- values ------------------------------------------------------------------------------------


def _is_secret(config: AuditedModel, f: models.Field[Any, Any]) -> bool:
    return (
        f.name in config.redact
        or isinstance(f, BlindIndexField)
        or bool(SECRET_NAME_RE.search(f.name))
    )


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | ProtectedValue) and len(value) == 0)


def _display(config: AuditedModel, f: models.Field[Any, Any], value: Any) -> Any:
    """The value as written into `changes`: never plaintext personal data or a secret."""
    if _empty(value):
        return None if value is None else ""
    if _is_secret(config, f):
        return REDACTED
    if isinstance(value, ProtectedValue):
        return str(value)
    if isinstance(f, EncryptedField):  # a plain str assigned before the field wrapped it
        return mask(f.kind, str(value))
    return value


def _current_values(
    config: AuditedModel, instance: models.Model, names: Iterable[str] | None = None
) -> dict[str, Any]:
    """Field name -> value for the loaded (not deferred) fields of ``instance``."""
    data = instance.__dict__
    wanted = None if names is None else set(names)
    values: dict[str, Any] = {}
    for f in config.fields:
        if wanted is not None and f.name not in wanted and f.attname not in wanted:
            continue
        if f.attname in data:
            value = data[f.attname]
            values[f.name] = copy.deepcopy(value) if isinstance(value, dict | list) else value
    return values


def _snapshot(config: AuditedModel, instance: models.Model) -> None:
    setattr(instance, SNAPSHOT_ATTR, _current_values(config, instance))


# --- receivers ---------------------------------------------------------------------------------


def _on_post_init(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    config = _registry.get(sender)
    if config is not None:
        _snapshot(config, instance)


def _on_post_save(
    sender: type[models.Model],
    instance: models.Model,
    created: bool,
    raw: bool = False,
    update_fields: frozenset[str] | None = None,
    **kwargs: Any,
) -> None:
    config = _registry.get(sender)
    if config is None or raw:
        # raw: loaddata / test-database restore writes rows exactly as given, while the database
        # may be inconsistent; Django advises receivers not to query then. Fixture loads are not
        # recorded row by row.
        return
    by_name = {f.name: f for f in config.fields}
    current = _current_values(config, instance, update_fields)
    if created:
        action = AuditAction.CREATE
        changes = {
            name: {"new": _display(config, by_name[name], value)}
            for name, value in current.items()
            if not by_name[name].primary_key
        }
    else:
        action = AuditAction.UPDATE
        before: dict[str, Any] = getattr(instance, SNAPSHOT_ATTR, {})
        changes = {}
        for name, value in current.items():
            f = by_name[name]
            if name not in before:  # deferred when loaded: the old value is unknown
                changes[name] = {"new": _display(config, f, value)}
            elif before[name] != value:
                changes[name] = {
                    "old": _display(config, f, before[name]),
                    "new": _display(config, f, value),
                }
        if not changes:
            return  # saved without a change: nothing happened worth a record
    audit_record(
        action=action,
        object_type=sender._meta.label,
        object_id=instance.pk,
        object_repr=object_label(instance),
        changes=changes,
    )
    snapshot: dict[str, Any] = getattr(instance, SNAPSHOT_ATTR, {})
    snapshot.update(current)
    setattr(instance, SNAPSHOT_ATTR, snapshot)


def _on_post_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    config = _registry.get(sender)
    if config is None:
        return
    by_name = {f.name: f for f in config.fields}
    changes = {
        name: {"old": _display(config, by_name[name], value)}
        for name, value in _current_values(config, instance).items()
        if not by_name[name].primary_key
    }
    audit_record(
        action=AuditAction.DELETE,
        object_type=sender._meta.label,
        object_id=instance.pk,
        object_repr=object_label(instance),
        changes=changes,
    )


def _through_pks(
    m2m: models.ManyToManyField[Any, Any], *, forward: bool, pk: Any
) -> dict[Any, list[Any]]:
    """Current links of one object, as {pk on the owner side: [pks on the other side]}."""
    through = m2m.remote_field.through
    assert isinstance(through, type)
    source = f"{m2m.m2m_field_name()}_id"
    target = f"{m2m.m2m_reverse_field_name()}_id"
    if forward:
        rows = through._base_manager.filter(**{source: pk}).values_list(source, target)
    else:
        rows = through._base_manager.filter(**{target: pk}).values_list(source, target)
    links: dict[Any, list[Any]] = {}
    for owner_pk, other_pk in rows:
        links.setdefault(owner_pk, []).append(other_pk)
    return links


def _on_m2m_changed(
    sender: type[models.Model],
    instance: models.Model,
    action: str,
    reverse: bool,
    pk_set: set[Any] | None,
    **kwargs: Any,
) -> None:
    owner_info = _m2m_owners.get(sender)
    if owner_info is None:
        return
    owner, m2m = owner_info
    if action == "pre_clear":
        links = _through_pks(m2m, forward=not reverse, pk=instance.pk)
        cleared = instance.__dict__.setdefault(CLEARED_ATTR, {})
        cleared[m2m.name] = links
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    verb = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[action]
    if action == "post_clear":
        links = instance.__dict__.get(CLEARED_ATTR, {}).pop(m2m.name, {})
    elif not reverse:
        links = {instance.pk: list(pk_set or ())}
    else:
        links = {pk: [instance.pk] for pk in pk_set or ()}
    links = {owner_pk: pks for owner_pk, pks in links.items() if pks}
    if not links:
        return
    if reverse:
        owners = {o.pk: o for o in owner._base_manager.filter(pk__in=list(links))}
    else:
        owners = {instance.pk: instance}
    for owner_pk in sorted(links, key=str):
        obj = owners.get(owner_pk)
        audit_record(
            action=AuditAction.UPDATE,
            object_type=owner._meta.label,
            object_id=owner_pk,
            object_repr=object_label(obj) if obj is not None else "",
            changes={m2m.name: {verb: sorted(links[owner_pk], key=str)}},
        )
