"""The coverage gate's rules: which fields look personal, and which declarations are broken.

Used by ``checks.py``. A field counts as covered when a registered source lists
it (a ``ModelSource`` field path ending on it, or a custom source's ``covers``),
or when ``PRIVACY_CENTER_COVERAGE_IGNORE`` or ``site.ignore()`` names it (or its
model) with a reason. Add-ons that keep personal data nobody declared are what
this gate exists to catch, so it scans every installed app.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from .app_settings import app_settings
from .registry import site
from .sources import ModelSource, resolve_field

# Matched against the lower-case field name.
PERSONAL_NAME = re.compile(
    r"e_?mail|phone|mobile|(^|_)tel(_|$)|fax|address|street|post_?code|postal|(^|_)zip(_?code)?($|_)|(^|_)city($|_)"
    r"|(^|_)ip($|_)|ip_?addr|remote_addr|birth|(^|_)dob($|_)"
    r"|first_?name|last_?name|full_?name|display_?name|sur_?name|given_?name|family_?name|maiden"
    r"|national_?id|(^|_)ssn($|_)|personnummer|social_security|tax_?id|passport|id_?number"
    r"|user_?agent|latitude|longitude|geo_?loc"
)
# Only on models linked to a person: a plain ``name`` (or ``recipient_name``) there is a person's; on a
# product it is not.
USER_LINKED_NAME = re.compile(
    r"^(name|nickname|username)$"
    r"|(shipping|recipient|billing|customer|contact|holder|buyer|receiver|sender|delivery|invoice|card|account"
    r"|person|member|guest|owner|author|client|patient|passenger|attendee)_?name$"
)
PERSONAL_TYPES = (models.EmailField, models.GenericIPAddressField)


def _user_model():
    return apps.get_model(settings.AUTH_USER_MODEL)


def _points_at(model: type[models.Model], targets: set) -> bool:
    return any(
        f.is_relation and (f.many_to_one or f.one_to_one) and f.concrete and f.related_model in targets
        for f in model._meta.get_fields()
    )


def _path_models(model: type[models.Model], path: str) -> Iterator[type[models.Model]]:
    """The models a ``__`` lookup path passes through, from ``model`` on."""
    yield model
    for part in path.split("__")[:-1]:
        try:
            related = model._meta.get_field(part).related_model
        except FieldDoesNotExist:
            return
        if not isinstance(related, type):  # not a relation (or a generic one): the path ends here
            return
        model = related
        yield model


def linked_models(registry=None) -> set[type[models.Model]]:
    """Models that hold a person's data in context: the user model, every model that reaches it through
    foreign keys by any number of hops (``Shipment -> Order -> Customer -> User``), and every model a
    source reaches or passes through on its way to the subject."""
    user_model = _user_model()
    found = {user_model}
    candidates = [m for m in apps.get_models() if not (m._meta.proxy or m._meta.swapped)]
    grew = True
    while grew:
        grew = False
        for model in candidates:
            if model not in found and _points_at(model, found):
                found.add(model)
                grew = True
    for source in registry if registry is not None else ():
        if isinstance(source, ModelSource):
            found.add(source.model._meta.concrete_model)
            for path in (source.user_path, source.email_path):
                if path:
                    found.update(m._meta.concrete_model for m in _path_models(source.model, path))
    return found


def _is_user_linked(model: type[models.Model], linked: set | None = None) -> bool:
    return model._meta.concrete_model in (linked if linked is not None else linked_models())


def personal_fields(model: type[models.Model], linked: set | None = None) -> list[str]:
    """Names of the model's concrete, non-relation fields that look like personal data.

    On a model linked to a person (``linked_models``) a plain ``name`` and any free text count too.
    """
    linked_ = _is_user_linked(model, linked)
    found = []
    for field in model._meta.concrete_fields:
        if field.is_relation or field.primary_key:
            continue
        name = field.name.lower()
        if (
            isinstance(field, PERSONAL_TYPES)
            or PERSONAL_NAME.search(name)
            or (linked_ and USER_LINKED_NAME.search(name))
            or (linked_ and isinstance(field, models.TextField))
        ):
            found.append(field.name)
    return found


def _ignored() -> tuple[set[str], set[str]]:
    """Lower-case ``app.model`` and ``app.model.field`` entries from the setting and the registry."""
    entries = [e.lower() for e in app_settings.COVERAGE_IGNORE] + [e.lower() for e in site.ignored]
    models_ = {e for e in entries if e.count(".") == 1}
    fields = {e for e in entries if e.count(".") == 2}
    return models_, fields


def covered(registry) -> set[tuple[type[models.Model], str]]:
    """(model, field name) pairs some source declares."""
    result: set[tuple[type[models.Model], str]] = set()
    for source in registry:
        if isinstance(source, ModelSource):
            for path in source.field_labels:
                try:
                    field = resolve_field(source.model, path)
                except FieldDoesNotExist:
                    continue  # reported as E002
                result.add((field.model._meta.concrete_model or field.model, field.name))
        for entry in getattr(source, "covers", ()):
            app_label, model_name, field_name = entry.split(".")
            result.add((apps.get_model(app_label, model_name)._meta.concrete_model, field_name))
    return result


def uncovered_fields(registry, app_configs: Iterable | None = None) -> Iterator[tuple[type[models.Model], list]]:
    ignored_models, ignored_fields = _ignored()
    done = covered(registry)
    linked = linked_models(registry)
    configs = app_configs if app_configs is not None else apps.get_app_configs()
    for config in configs:
        for model in config.get_models():
            opts = model._meta
            if opts.proxy or opts.swapped or opts.auto_created:
                continue
            label = f"{opts.app_label}.{opts.model_name}"
            if label in ignored_models:
                continue
            missing = [
                name for name in personal_fields(model, linked)
                if (model, name) not in done and f"{label}.{name.lower()}" not in ignored_fields
            ]
            if missing:
                yield model, missing


@dataclass
class Problem:
    code: str
    source: str
    message: str
    hint: str = ""


def _paths(source: ModelSource) -> Iterator[tuple[str, str]]:
    """Every (option, path) the declaration names."""
    for option in ("field_labels", "masked", "_declared_editable", "anonymize"):
        for path in getattr(source, option):
            yield {"field_labels": "fields", "_declared_editable": "editable"}.get(option, option), path
    for path in source.reauth or ():
        yield "reauth", path
    for path in source.contact:
        yield "contact", path
    yield "order_by", source.order_by.lstrip("-")
    if source.retention and source.retention.date_field:
        yield "retention.date_field", source.retention.date_field
    if source.legal_hold and source.legal_hold.date_field:
        yield "legal_hold.date_field", source.legal_hold.date_field


def declaration_problems(registry) -> list[Problem]:
    problems: list[Problem] = []
    user_model = _user_model()
    for source in registry:
        if not isinstance(source, ModelSource):
            continue
        model_label = f"{source.model._meta.app_label}.{source.model.__name__}"
        for option, path in _paths(source):
            try:
                resolve_field(source.model, path)
            except FieldDoesNotExist:
                problems.append(Problem(
                    "E002", source.name, f"Source {source.name!r} names {path!r} in {option}, "
                    f"which {model_label} does not have.", hint="Fix the field name or lookup path."))
        for option in ("masked", "editable", "anonymize"):
            # PRIVACY_CENTER_EDITABLE_FIELDS naming an undeclared field is its own error (E005).
            declared = source._declared_editable if option == "editable" else getattr(source, option)
            for path in declared:
                if path not in source.field_labels:
                    problems.append(Problem(
                        "E002", source.name, f"Source {source.name!r} names {path!r} in {option} but not in fields.",
                        hint="Every masked, editable or anonymized field must be listed in fields."))
        for path in source.editable:
            try:
                field = resolve_field(source.model, path)
            except FieldDoesNotExist:
                continue
            if path not in source.field_labels and path not in source._declared_editable:
                continue  # named only by PRIVACY_CENTER_EDITABLE_FIELDS: E005 says so
            if "__" in path or field.is_relation or field.primary_key or not field.editable:
                problems.append(Problem(
                    "E004", source.name, f"Source {source.name!r} marks {path!r} editable, but only the model's "
                    "own editable, non-relation fields can be corrected in place."))
        if source.custom_reach:
            continue
        for kind, path in (("user_path", source.user_path), ("email_path", source.email_path)):
            if path and not _reaches(source.model, path, kind, user_model):
                target = "the user model" if kind == "user_path" else "a text field holding an e-mail address"
                problems.append(Problem(
                    "E003", source.name, f"Source {source.name!r} has {kind}={path!r}, which does not lead from "
                    f"{model_label} to {target}.", hint="Use a lookup such as 'user' or 'order__email'."))
    return problems


def _reaches(model: type[models.Model], path: str, kind: str, user_model) -> bool:
    try:
        field = resolve_field(model, path)
    except FieldDoesNotExist:
        return False
    if kind == "user_path":
        if field.is_relation:
            return field.related_model is user_model and bool(field.many_to_one or field.one_to_one)
        return bool(field.primary_key and field.model._meta.concrete_model is user_model)
    return isinstance(field, models.CharField | models.TextField) and not field.is_relation
