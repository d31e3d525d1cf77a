"""allauth adapter for the demo shop."""

from allauth.account.adapter import DefaultAccountAdapter


class ShopAccountAdapter(DefaultAccountAdapter):
    """Hook point for the shop's account behaviour (profile creation happens in the sign-up form)."""
