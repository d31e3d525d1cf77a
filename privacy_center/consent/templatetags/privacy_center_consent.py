"""Template helpers: the cookie banner, consent-gated scripts and Google Consent Mode v2.

In the shop's layout::

    {% load privacy_center_consent %}
    <head> {% privacy_consent_mode %} ... </head>       first in <head>, before any tag loads
    ... {% privacy_consent_script "analytics" "shop_demo/analytics.js" %}
    <body> {% privacy_consent_skip_link %}              first in <body>: one Tab reaches the banner
    ... {% privacy_consent_banner %}                     notices and the first-visit banner
    <footer> {% privacy_choices_link %}                  "Do Not Sell or Share My Personal Information"
             {% privacy_choices_link "choices" %}        "Your Privacy Choices", with the opt-out icon
    {% if request|consent_granted:"marketing" %} ... {% endif %}
"""

from __future__ import annotations

import json

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from ...content_security import nonce as csp_nonce
from ..forms import NewsletterForm
from ..services.cookies import consent_mode_state, current_choices
from ..services.policy import material_policy_to_review

register = template.Library()


def _choices(context) -> dict:
    request = context.get("request")
    if request is None:
        return {}
    cached = getattr(request, "_privacy_choices", None)
    if cached is None:
        cached = request._privacy_choices = current_choices(request)
    return cached


@register.filter
def consent_granted(request, group: str) -> bool:
    """``{% if request|consent_granted:"analytics" %}``: True only after the group was accepted."""
    return current_choices(request).get(group) is True if request is not None else False


@register.simple_tag(takes_context=True)
def privacy_consent_mode(context) -> str:
    """Google Consent Mode v2: everything denied by default, then the visitor's stored choice.

    Emit it first in ``<head>``, before gtag.js or Tag Manager load.
    """
    choices = _choices(context)
    default = consent_mode_state({})
    current = consent_mode_state(choices)
    script = (
        "window.dataLayer=window.dataLayer||[];"
        "function gtag(){dataLayer.push(arguments);}"
        f"gtag('consent','default',{json.dumps({**default, 'wait_for_update': 500})});"
    )
    if current != default:
        script += f"gtag('consent','update',{json.dumps(current)});"
    nonce = csp_nonce(context.get("request"))
    if nonce:
        return format_html('<script nonce="{}" data-privacy-consent-mode>{}</script>', nonce,
                           mark_safe(script))  # noqa: S308
    return format_html('<script data-privacy-consent-mode>{}</script>', mark_safe(script))  # noqa: S308


@register.simple_tag(takes_context=True)
def privacy_consent_script(context, group: str, path: str, **attrs) -> str:
    """A ``<script>`` that runs only once ``group`` is accepted (now, or later from the banner without reload).

    ``path`` is a static path or an absolute URL.
    """
    src = path if path.startswith(("http://", "https://", "/")) else static(path)
    if _choices(context).get(group) is True:
        return format_html('<script src="{}" defer data-consent-group="{}"></script>', src, group)
    return format_html('<script type="text/plain" data-consent-group="{}" data-src="{}"></script>', group, src)


def _banner_shown(context) -> bool:
    request = context.get("request")
    choices = _choices(context)
    match = getattr(request, "resolver_match", None)
    on_cookie_page = match is not None and match.view_name in {"privacy_center:cookies",
                                                                "cookie_consent_cookie_group_list"}
    return bool(choices) and any(v is None for v in choices.values()) and not on_cookie_page


@register.simple_tag(takes_context=True)
def privacy_consent_skip_link(context) -> str:
    """A "Cookie choices" skip link, first in ``<body>``: the banner sits at the end of the page, so a
    keyboard visitor reaches it in one Tab instead of after every link of the page. Empty without a banner."""
    if not _banner_shown(context):
        return ""

    return format_html('<a class="skip-link pcc-skip" href="#pcc-banner" data-privacy-skip>{}</a>',
                       gettext("Skip to the cookie choices"))


@register.inclusion_tag("privacy_center/consent/includes/banner.html", takes_context=True)
def privacy_consent_banner(context) -> dict:
    """Privacy notices on every page: GPC honoured, a policy to review, and the first-visit cookie banner."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "show_banner": _banner_shown(context),
        "gpc_honored": getattr(request, "privacy_gpc", False),
        "dnt_honored": getattr(request, "privacy_dnt", False),
        "policy_to_review": material_policy_to_review(user) if user is not None else None,
        "next": request.get_full_path() if request is not None else "/",
    }


@register.inclusion_tag("privacy_center/consent/includes/choices_link.html")
def privacy_choices_link(title: str = "do_not_sell") -> dict:
    """The footer link the CCPA regulations ask for (11 CCR § 7015, § 7026), to the one-step opt-out page.

    ``"do_not_sell"`` (default) titles it "Do Not Sell or Share My Personal Information"; ``"choices"`` titles
    it "Your Privacy Choices" with the opt-out icon beside it (§ 7015(b): the icon goes with that title).
    """
    if title == "choices":
        return {"url": reverse("privacy_center:choices"), "label": gettext("Your Privacy Choices"), "icon": True}
    if title != "do_not_sell":
        raise template.TemplateSyntaxError('privacy_choices_link takes "do_not_sell" or "choices"')
    return {"url": reverse("privacy_center:do_not_sell"),
            "label": gettext("Do Not Sell or Share My Personal Information"), "icon": False}


@register.inclusion_tag("privacy_center/consent/includes/newsletter_footer.html", takes_context=True)
def privacy_newsletter_form(context) -> dict:
    """A small newsletter sign-up form for the shop's footer (double opt-in, like the page)."""
    return {"form": NewsletterForm(auto_id="newsletter_footer_%s"), "csrf_token": context.get("csrf_token")}
