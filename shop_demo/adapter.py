"""allauth adapter for the demo shop: account e-mails go through privacy_center's outbox."""

from privacy_center.contrib.account_adapter import OutboxAccountAdapter


class ShopAccountAdapter(OutboxAccountAdapter):
    """Hook point for the shop's account behaviour (profile creation happens in the sign-up form)."""
