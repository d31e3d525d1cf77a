"""System checks for what a shop must set up around privacy_center (codes E020-E028, W024-W026).

Each requirement the README lists is checked here, so ``manage.py check`` tells a new
shop every missing step with a hint saying what to write: a Celery app the tasks can
use, allauth and its middleware, the context processor, the layout and its main
block, the public site URL (under ``--deploy``), the periodic tasks, the order of
``INSTALLED_APPS`` and anonymizers that fit their fields.
"""

from __future__ import annotations

from typing import Any

from celery import current_app
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from .anonymizers import ANONYMIZERS, get_anonymizer
from .app_settings import app_settings
from .celery import beat_schedule, celery_app_problem, scheduled_task_names
from .declarations import Erasure
from .layout import BLOCK_NAME, TemplateDoesNotExist, template_blocks
from .links import is_local
from .registry import site
from .sources import ModelSource, resolve_field

ACCOUNT_MIDDLEWARE = "allauth.account.middleware.AccountMiddleware"
CONTEXT_PROCESSOR = "privacy_center.context_processors.privacy_center"
FEATURE_APPS = ("privacy_center.erasure", "privacy_center.consent", "privacy_center.requests")
CELERY_HINT = (
    "Create <project>/celery.py with app = Celery(...); app.config_from_object('django.conf:settings', "
    "namespace='CELERY'); app.autodiscover_tasks(), and import it in <project>/__init__.py (see Celery's "
    "'First steps with Django'). Without a broker, CELERY_TASK_ALWAYS_EAGER = True runs tasks in-process."
)


def _app_names() -> list[str]:
    return [entry.split(".apps.")[0] for entry in settings.INSTALLED_APPS]


@checks.register(checks.Tags.compatibility)
def check_celery_app(app_configs, **kwargs) -> list[checks.CheckMessage]:
    problem = celery_app_problem()
    if problem is None:
        return []
    return [checks.Error(
        f"privacy_center cannot start its tasks: {problem}, so exports, erasures and e-mails would never run.",
        hint=CELERY_HINT, id="privacy_center.E020")]


@checks.register(checks.Tags.compatibility)
def check_allauth(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """allauth's own start-up refuses a missing middleware only when allauth.account is installed."""
    names = _app_names()
    missing = [app for app in ("allauth", "allauth.account") if app not in names]
    messages: list[checks.CheckMessage] = []
    if missing:
        messages.append(checks.Error(
            f"privacy_center needs django-allauth (re-authentication, verified addresses): {', '.join(missing)} "
            "not in INSTALLED_APPS.",
            hint="Add 'allauth' and 'allauth.account' to INSTALLED_APPS and include('allauth.urls') "
            "under accounts/.", id="privacy_center.E021"))
    if ACCOUNT_MIDDLEWARE not in settings.MIDDLEWARE:
        messages.append(checks.Error(
            f"{ACCOUNT_MIDDLEWARE} is not in MIDDLEWARE.",
            hint="Add it after AuthenticationMiddleware and MessageMiddleware.", id="privacy_center.E021"))
    return messages


@checks.register(checks.Tags.templates)
def check_templates(app_configs, **kwargs) -> list[checks.CheckMessage]:
    django_backends: list[dict[str, Any]] = [t for t in settings.TEMPLATES
                       if t.get("BACKEND") == "django.template.backends.django.DjangoTemplates"]
    processors = [p for t in django_backends for p in t.get("OPTIONS", {}).get("context_processors", [])]
    messages: list[checks.CheckMessage] = []
    for processor in (CONTEXT_PROCESSOR, "django.template.context_processors.request"):
        if processor not in processors:
            messages.append(checks.Error(
                f"{processor!r} is not in TEMPLATES' context_processors: privacy pages would not use your layout.",
                hint=f"TEMPLATES[0]['OPTIONS']['context_processors'] += [{processor!r}]",
                id="privacy_center.E022"))
    base, block = app_settings.BASE_TEMPLATE, app_settings.BASE_BLOCK
    if not BLOCK_NAME.match(block):
        return [*messages, checks.Error(f"PRIVACY_CENTER_BASE_BLOCK = {block!r} is not a block name.",
                                        hint="Name the block of your layout that holds the page's main content.",
                                        id="privacy_center.E024")]
    try:
        blocks = template_blocks(base)
    except TemplateDoesNotExist:
        return [*messages, checks.Error(
            f"PRIVACY_CENTER_BASE_TEMPLATE = {base!r} does not exist.",
            hint="Name your layout as {% extends %} would (e.g. 'base.html'), or leave the setting out.",
            id="privacy_center.E023")]
    except Exception as exc:  # a syntax error in the shop's layout: say so here, not on every privacy page
        return [*messages, checks.Error(f"PRIVACY_CENTER_BASE_TEMPLATE = {base!r} cannot be loaded: {exc}",
                                        id="privacy_center.E023")]
    if block not in blocks:
        found = ", ".join(sorted(blocks)) or "none"
        messages.append(checks.Error(
            f"{base!r} has no {{% block {block} %}}: every privacy page would render empty.",
            hint=f"Set PRIVACY_CENTER_BASE_BLOCK to the block holding your pages' main content "
            f"(blocks in {base!r}: {found}).", id="privacy_center.E024"))
    for wanted, what in (("title", "page titles"), ("extra_head", "the privacy pages' stylesheets")):
        if wanted not in blocks:
            messages.append(checks.Warning(
                f"{base!r} has no {{% block {wanted} %}}: {what} are left out.",
                hint=f"Add {{% block {wanted} %}}{{% endblock %}} inside <head>.", id="privacy_center.W024"))
    return messages


@checks.register(checks.Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs) -> list[checks.CheckMessage]:
    url = app_settings.SITE_URL
    if url and not is_local(url) and url.startswith("https://"):
        return []
    problem = "is not set" if not url else f"is {url!r}"
    return [checks.Warning(
        f"PRIVACY_CENTER_SITE_URL {problem}: links in e-mails sent by tasks (export ready, erasure, requests) "
        "would point at the wrong place.",
        hint="Set it to the shop's public https address, e.g. PRIVACY_CENTER_SITE_URL = 'https://shop.example'.",
        id="privacy_center.W025")]


@checks.register(checks.Tags.compatibility)
def check_beat_schedule(app_configs, **kwargs) -> list[checks.CheckMessage]:
    if celery_app_problem() is not None:
        return []  # E020 says it
    conf = current_app._get_current_object().conf
    if "django_celery_beat" in str(conf.beat_scheduler or ""):
        return []  # the schedule lives in the database, which checks do not read
    missing = sorted(set(task for task in scheduled_task_names(beat_schedule())) -
                     scheduled_task_names(conf.beat_schedule))
    if not missing:
        return []
    return [checks.Warning(
        f"The Celery beat schedule lacks privacy_center's periodic tasks: {', '.join(missing)}. Without them due "
        "erasures never run, exports never expire and retention never applies.",
        hint="from privacy_center.celery import beat_schedule; "
        "CELERY_BEAT_SCHEDULE = {**beat_schedule(INSTALLED_APPS), ...}, and run `celery -A <project> beat`.",
        id="privacy_center.W026")]


@checks.register(checks.Tags.compatibility)
def check_installed_apps(app_configs, **kwargs) -> list[checks.CheckMessage]:
    names = _app_names()
    messages: list[checks.CheckMessage] = []
    features = [app for app in FEATURE_APPS if app in names]
    if features and "privacy_center" not in names:
        messages.append(checks.Error(
            f"{', '.join(features)} need 'privacy_center' in INSTALLED_APPS.",
            hint="List 'privacy_center' before its feature apps.", id="privacy_center.E027"))
    elif features and names.index("privacy_center") > min(names.index(app) for app in features):
        messages.append(checks.Error(
            "'privacy_center' must come before its feature apps in INSTALLED_APPS (its templates and "
            "registry load first).",
            hint="INSTALLED_APPS order: 'privacy_center', then " + ", ".join(repr(a) for a in features) + ".",
            id="privacy_center.E027"))
    return messages


@checks.register("privacy_center")
def check_anonymizers(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """An anonymizer that cannot apply to its field fails here, not at erase time after the cooling-off."""


    messages: list[checks.CheckMessage] = []
    for source in site:
        if not isinstance(source, ModelSource):
            continue
        for path, spec in source.anonymize.items():
            try:
                field = resolve_field(source.model, path)
            except FieldDoesNotExist:
                continue  # E002 names it
            try:
                get_anonymizer(spec).validate(field)
            except ValueError as exc:
                fitting = [repr(name) for name in ANONYMIZERS if _fits(ANONYMIZERS[name](), field)]
                if _fits(get_anonymizer("fixed:x"), field):
                    fitting.append("'fixed:<text>'")
                messages.append(checks.Error(
                    f"Source {source.name!r} anonymizes {path!r} with {spec!r}, which cannot apply: {exc}",
                    hint=f"Write instead one of: {', '.join(fitting) or 'none (use erasure = Erasure.DELETE)'}.",
                    obj=source.model, id="privacy_center.E028"))
    return messages


def _fits(anonymizer, field) -> bool:
    try:
        anonymizer.validate(field)
    except (ValueError, NotImplementedError):
        return False
    return True


def _kept_by(source) -> str:
    """Why the erasure leaves a model's rows in place ("" when it deletes them all)."""
    if source is None:
        return "no source declares it, so the erasure never deletes its rows"
    if source.erasure != Erasure.DELETE:
        return f"its source {source.name!r} keeps them ({source.erasure})"
    if source.legal_hold is not None:
        return f"its source {source.name!r} keeps rows under a legal hold"
    return ""


def _guarding_keys(model, deleted: set):
    """The model's PROTECT/RESTRICT foreign keys to a model whose rows the erasure deletes."""
    for field in model._meta.concrete_fields:
        if (field.many_to_one or field.one_to_one) and field.remote_field.on_delete in (models.PROTECT,
                                                                                       models.RESTRICT):
            if {field.related_model, *field.related_model._meta.get_parent_list()} & deleted:
                yield field


@checks.register("privacy_center")
def check_protected_keys(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """A row the erasure keeps, pointing with PROTECT or RESTRICT at a row it deletes, would stop every erasure
    of a customer who has such rows (E029): found here, not when the erasure runs after the cooling-off."""


    sources = {source.model: source for source in site if isinstance(source, ModelSource)}
    user_model = get_user_model()
    # The user row is erased last, as PRIVACY_CENTER_ERASURE_USER_ACTION says, whatever its source declares.
    deleted = {model for model, source in sources.items() if source.erasure == Erasure.DELETE} - {user_model}
    if app_settings.ERASURE_USER_ACTION == "delete":
        deleted.add(user_model)
    messages: list[checks.CheckMessage] = []
    for model in apps.get_models():
        why = _kept_by(sources.get(model))
        for field in _guarding_keys(model, deleted) if why else ():
            target = field.related_model
            rule = "PROTECT" if field.remote_field.on_delete is models.PROTECT else "RESTRICT"
            messages.append(checks.Error(
                f"{model._meta.label}.{field.name} points at {target._meta.label} with on_delete={rule}, and "
                f"{why}: erasing a customer with such rows would fail, since {target._meta.label} rows are deleted.",
                hint=f"Make {model._meta.label}.{field.name} on_delete=SET_NULL (null=True), or declare "
                f"{model._meta.label}'s source with erasure = Erasure.DELETE and no legal hold"
                + (", or set PRIVACY_CENTER_ERASURE_USER_ACTION = 'anonymize'" if target is user_model else "")
                + ".",
                obj=model, id="privacy_center.E029"))
    return messages
