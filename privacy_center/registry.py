"""The registry of personal-data sources, filled from each app's ``privacy.py``.

Like ``django.contrib.admin.site``: a small API (``register``, ``unregister``,
``is_registered``, ``get``, iteration) on one default registry, ``site``.
``autodiscover()`` runs in ``PrivacyCenterConfig.ready()`` and imports every
installed app's ``privacy`` module; a ``privacy.py`` that raises ImportError is
not swallowed.

How an app declares its personal data (feature sub-apps of privacy_center
included): put ``ModelSource`` classes decorated with ``@privacy_center.register``
in the app's ``privacy.py`` (found automatically), or call
``privacy_center.registry.site.register(MySource)`` from the app's
``AppConfig.ready()``. Built-in sources (the account, allauth's, the admin log, privacy_center's own) are
added after autodiscovery unless a source of the same name was declared, or
``PRIVACY_CENTER_SKIP_BUILTIN_SOURCES`` lists it; ``register(..., replace=True)`` replaces any source, and
``privacy_center.contrib.sources.builtin_source(name)`` gives a built-in's class to subclass (its ``Meta``
options are inherited). Fields that look personal but are not, or that another
source covers, are declared with ``site.ignore("app.Model.field", reason)`` or
listed in ``PRIVACY_CENTER_COVERAGE_IGNORE``; the coverage gate
(``privacy_center.W001``/``E001``) reports everything else.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.module_loading import autodiscover_modules

from .recipients import Recipient, is_reference, legacy_recipient, reference_name, warn_legacy
from .sources import BaseSource, use_recipient_lookup


class AlreadyRegistered(Exception):
    pass


class NotRegistered(Exception):
    pass


class Registry:
    def __init__(self) -> None:
        self._registry: dict[str, BaseSource] = {}
        # ``app.model`` or ``app.model.field`` -> why the coverage gate may skip it.
        self.ignored: dict[str, str] = {}
        self._recipients: dict[str, Recipient] = {}

    def register(self, source: type[BaseSource] | BaseSource | type[Recipient] | Recipient, *,
                 replace: bool = False) -> type[BaseSource] | BaseSource | type[Recipient] | Recipient:
        """Register a source class (or instance), or a ``Recipient``; usable as a class decorator.

        ``replace=True`` takes the place of a source of the same name (a built-in one, say) instead of
        raising ``AlreadyRegistered``.
        """
        if isinstance(source, Recipient) or (isinstance(source, type) and issubclass(source, Recipient)):
            return self.register_recipient(source, replace=replace)
        instance = source() if isinstance(source, type) else source
        if instance.name in self._registry and not replace:
            raise AlreadyRegistered(
                f"A source named {instance.name!r} is already registered; pass replace=True to replace it.")
        self._registry[instance.name] = instance
        return source

    def unregister(self, name: str) -> None:
        if name not in self._registry:
            raise NotRegistered(name)
        del self._registry[name]

    def is_registered(self, name: str) -> bool:
        return name in self._registry

    def get(self, name: str) -> BaseSource:
        try:
            return self._registry[name]
        except KeyError:
            raise NotRegistered(name) from None

    def __iter__(self) -> Iterator[BaseSource]:
        return iter(sorted(self._registry.values(), key=lambda s: (s.order, s.name)))

    def __len__(self) -> int:
        return len(self._registry)

    def clear(self) -> None:
        self._registry.clear()
        self.ignored.clear()
        self._recipients.clear()

    # -- recipients (privacy_center.recipients) ------------------------------------------------------

    def register_recipient(self, recipient, *, replace: bool = False):
        instance = recipient() if isinstance(recipient, type) else recipient
        if instance.name in self._recipients and not replace:
            raise AlreadyRegistered(
                f"A recipient named {instance.name!r} is already registered; pass replace=True to replace it.")
        self._recipients[instance.name] = instance
        return recipient

    def unregister_recipient(self, name: str) -> None:
        if name not in self._recipients:
            raise NotRegistered(name)
        del self._recipients[name]

    def get_recipient(self, name: str) -> Recipient:
        """A declared recipient, or the stand-in for a source's free-text one (``legacy.<slug>``)."""
        if name in self._recipients:
            return self._recipients[name]
        for recipient in self.legacy_recipients():
            if recipient.name == name:
                return recipient
        raise NotRegistered(name)

    def declared_recipients(self) -> list[Recipient]:
        return sorted(self._recipients.values(), key=lambda r: r.name)

    def recipients_of(self, source: BaseSource, *, warn: bool = False) -> list[Recipient]:
        """The recipients a source sends data to; names not declared are left out (``check`` reports them)."""
        found: dict[str, Recipient] = {}
        for entry in source.recipients:
            if is_reference(entry):
                name = reference_name(entry)
                if name in self._recipients:
                    found[name] = self._recipients[name]
                continue
            if warn:
                warn_legacy(source.name, entry)
            recipient = legacy_recipient(entry)
            found.setdefault(recipient.name, recipient)
        return list(found.values())

    def undeclared_recipients(self) -> list[tuple[BaseSource, str]]:
        """(source, name) for every recipient a source names by key that no ``privacy.py`` declares."""
        missing = []
        for source in self:
            for entry in source.recipients:
                if is_reference(entry):
                    name = reference_name(entry)
                    if name not in self._recipients:
                        missing.append((source, name))
        return missing

    def legacy_recipients(self) -> list[Recipient]:
        found: dict[str, Recipient] = {}
        for source in self:
            for entry in source.recipients:
                if not is_reference(entry):
                    recipient = legacy_recipient(entry)
                    found.setdefault(recipient.name, recipient)
        return list(found.values())

    def all_recipients(self) -> list[Recipient]:
        """Declared recipients, then the free-text ones sources still name."""
        return self.declared_recipients() + self.legacy_recipients()

    def ignore(self, entry: str, reason: str) -> None:
        """Tell the coverage gate that ``app.Model`` or ``app.Model.field`` holds no personal data.

        For an app's own models that look personal but are not (or whose data
        another source already covers); ``reason`` is required so that reviews
        see why.
        """
        if entry.count(".") not in (1, 2) or not str(reason).strip():
            raise ValueError("ignore('app.Model[.field]', reason): both are required.")
        self.ignored[entry.lower()] = str(reason)


site = Registry()
use_recipient_lookup(site.recipients_of)  # sources ask the registry for their recipients without importing it


def register(source=None, *, replace: bool = False):
    """Register on the default registry: ``@privacy_center.register`` (or ``@register(replace=True)``)
    above a source class."""
    if source is None:
        return lambda cls: site.register(cls, replace=replace)
    return site.register(source, replace=replace)


def autodiscover() -> None:
    """Import every app's ``privacy`` module, then add the built-in sources nobody declared under their name
    (and that ``PRIVACY_CENTER_SKIP_BUILTIN_SOURCES`` does not list): a project's own ``auth.user`` source
    replaces the built-in one without ``replace=True``."""
    # app loading: the built-in sources import allauth's and our models, and the registry must import before
    # apps are ready (settings-free import: tests/foundation/test_app_settings.py)
    from .contrib import register_builtin_sources

    autodiscover_modules("privacy", register_to=site)
    register_builtin_sources(site)
