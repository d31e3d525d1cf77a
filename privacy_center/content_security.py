"""Content-Security-Policy support on both Django lines: the nonce for the app's one inline script.

Django 6 has CSP built in (``ContentSecurityPolicyMiddleware``, ``SECURE_CSP``); on Django 5.2
the standard package is ``django-csp`` (``csp.middleware.CSPMiddleware``,
``CONTENT_SECURITY_POLICY``). privacy_center's templates load their scripts from static files;
the one inline script (Google Consent Mode's defaults, which must run before any tag loads)
carries the request's nonce from whichever of the two is installed. ``privacy_center.W022``
warns a shop that has neither middleware.
"""

from __future__ import annotations

BUILTIN_MIDDLEWARE = "django.middleware.csp.ContentSecurityPolicyMiddleware"
PACKAGE_MIDDLEWARE = "csp.middleware.CSPMiddleware"


def nonce(request) -> str:
    """The CSP nonce of ``request`` ("" without a CSP middleware); reading it puts it in the header."""
    if request is None:
        return ""
    try:  # Django 6
        # django.middleware.csp exists from Django 6 on; on 5.2 the fallback below reads django-csp's nonce
        from django.middleware.csp import get_nonce
    except ImportError:  # Django 5.2 has no built-in CSP
        pass
    else:
        builtin = get_nonce(request)
        # A LazyNonce is falsy until it is read (that is how the middleware knows whether to send it): read it.
        if builtin is not None:
            return str(builtin)
    try:  # django-csp: a lazy value, made when first read
        lazy = getattr(request, "csp_nonce", None)
        return str(lazy) if lazy is not None else ""
    except Exception:  # django-csp raises once the header is written: there is no nonce to give any more
        return ""


def middleware_installed(middleware: list[str]) -> bool:
    return BUILTIN_MIDDLEWARE in middleware or PACKAGE_MIDDLEWARE in middleware
