"""The demo shop's own data: a small 3D-printing supplies store.

Every model that holds personal data is declared in ``shop_demo/privacy.py``;
privacy_center never imports this module.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _


def mask(value: str, keep: int = 4) -> str:
    """Show only the last ``keep`` characters: ``"•••••1234"``."""
    if not value:
        return ""
    visible = value[-keep:] if len(value) > keep else ""
    return "•" * max(len(value) - len(visible), 4) + visible


class Product(models.Model):
    class Material(models.TextChoices):
        PLA = "pla", "PLA"
        PETG = "petg", "PETG"
        ABS = "abs", "ABS"
        TPU = "tpu", "TPU"
        RESIN = "resin", _("Resin")
        PART = "part", _("Spare part")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    description = models.TextField(_("description"), blank=True)
    material = models.CharField(_("material"), max_length=10, choices=Material.choices)
    price = models.DecimalField(_("price"), max_digits=10, decimal_places=2)
    stock = models.PositiveIntegerField(_("stock"), default=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self) -> str:
        return self.name


class CustomerProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile", verbose_name=_("user")
    )
    phone = models.CharField(_("phone number"), max_length=32, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    # Kept for credit checks on invoice payments; never shown or exported in full.
    national_id = models.CharField(_("national ID number"), max_length=32, blank=True)
    country = models.CharField(_("country"), max_length=2, default="SE")

    class Meta:
        verbose_name = _("customer profile")
        verbose_name_plural = _("customer profiles")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def national_id_masked(self) -> str:
        return mask(self.national_id)


class Address(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="addresses", verbose_name=_("user")
    )
    full_name = models.CharField(_("full name"), max_length=150)
    line1 = models.CharField(_("street address"), max_length=200)
    line2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100)
    postcode = models.CharField(_("postcode"), max_length=20)
    country = models.CharField(_("country"), max_length=2, default="SE")
    phone = models.CharField(_("phone number"), max_length=32, blank=True)
    is_default = models.BooleanField(_("default address"), default=False)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self) -> str:
        return f"{self.full_name}, {self.line1}, {self.city}"


class Order(models.Model):
    class Status(models.TextChoices):
        PLACED = "placed", _("Placed")
        PAID = "paid", _("Paid")
        SHIPPED = "shipped", _("Shipped")
        DELIVERED = "delivered", _("Delivered")
        CANCELLED = "cancelled", _("Cancelled")

    number = models.CharField(_("order number"), max_length=20, unique=True)
    # Null for guest orders, which are reached by e-mail alone.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="orders", verbose_name=_("customer"),
    )
    email = models.EmailField(_("e-mail"))
    full_name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(_("phone number"), max_length=32, blank=True)
    line1 = models.CharField(_("street address"), max_length=200)
    line2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100)
    postcode = models.CharField(_("postcode"), max_length=20)
    billing_postcode = models.CharField(_("billing postcode"), max_length=20)
    country = models.CharField(_("country"), max_length=2, default="SE")
    # Recorded for fraud prevention.
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLACED)
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2, default=0)
    created_at = models.DateTimeField(_("placed at"), db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        indexes = [
            models.Index(fields=["user", "created_at"]),
            models.Index(fields=["email"]),
            # The privacy center reaches guest orders by ``email__iexact`` (``UPPER(email)`` on
            # PostgreSQL): without this index every "My data" page and staff preview scans the table.
            models.Index(Upper("email"), name="shop_order_email_upper"),
        ]

    def __str__(self) -> str:
        return self.number


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines", verbose_name=_("order"))
    product = models.ForeignKey(Product, on_delete=models.PROTECT, verbose_name=_("product"))
    product_name = models.CharField(_("product name"), max_length=120)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price = models.DecimalField(_("unit price"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")

    def __str__(self) -> str:
        return f"{self.quantity} × {self.product_name}"


class Payment(models.Model):
    class Method(models.TextChoices):
        CARD = "card", _("Card")
        PAYPAL = "paypal", "PayPal"
        BANK = "bank", _("Bank transfer")
        INVOICE = "invoice", _("Invoice")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="payments", verbose_name=_("order"))
    method = models.CharField(_("payment method"), max_length=10, choices=Method.choices)
    # Only the last four digits of a card or account are ever stored.
    last4 = models.CharField(_("last 4 digits"), max_length=4, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    created_at = models.DateTimeField(_("paid at"))

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.amount}"


class Review(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("author")
    )
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("product"))
    display_name = models.CharField(_("display name"), max_length=80)
    rating = models.PositiveSmallIntegerField(_("rating"))
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("review"))
    created_at = models.DateTimeField(_("written at"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return self.title


class WishlistItem(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wishlist", verbose_name=_("user")
    )
    product = models.ForeignKey(Product, on_delete=models.CASCADE, verbose_name=_("product"))
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("wishlist item")
        verbose_name_plural = _("wishlist items")
        constraints = [models.UniqueConstraint(fields=["user", "product"], name="shop_demo_wishlist_unique")]

    def __str__(self) -> str:
        return str(self.product)


class SupportMessage(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="support_messages", verbose_name=_("customer"),
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"))
    # Notes support staff write after a call or chat about the customer.
    staff_notes = models.TextField(_("staff notes"), blank=True)
    created_at = models.DateTimeField(_("sent at"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("support message")
        verbose_name_plural = _("support messages")

    def __str__(self) -> str:
        return self.subject


class NewsletterSignup(models.Model):
    email = models.EmailField(_("e-mail"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="newsletter_signups", verbose_name=_("user"),
    )
    created_at = models.DateTimeField(_("signed up at"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    source = models.CharField(_("where"), max_length=40, default="footer")

    class Meta:
        verbose_name = _("newsletter sign-up")
        verbose_name_plural = _("newsletter sign-ups")

    def __str__(self) -> str:
        return self.email


class VisitLog(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="visits", verbose_name=_("user"),
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    path = models.CharField(_("page"), max_length=300)
    created_at = models.DateTimeField(_("visited at"), db_index=True)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visit log")
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return self.path
