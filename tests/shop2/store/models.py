"""A shop unlike the demo: an e-mail-only user, a customer profile, orders that outlive it, shipments.

``Shipment -> Order -> Customer -> User``: an order reaches its customer through the profile, which
``SET_NULL``s the order when it is deleted; guest orders carry only an e-mail address. ``Invoice``
protects its order (``PROTECT``), and ``Note`` hangs off a shipment (a three-hop chain plus one).
"""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        return self.create_user(email, password, is_staff=True, is_superuser=True, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("e-mail address", unique=True)
    full_name = models.CharField("full name", max_length=150, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    def __str__(self):
        return self.email


class Customer(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="customer")
    phone = models.CharField("phone", max_length=40, blank=True)
    member_since = models.DateField(default=timezone.localdate)


class Order(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.SET_NULL, null=True, blank=True, related_name="orders")
    email = models.EmailField("e-mail")  # guests order by e-mail only
    reference = models.CharField("reference", max_length=20, unique=True)
    shipping_name = models.CharField("shipping name", max_length=150)
    shipping_street = models.CharField("street", max_length=200)
    shipping_city = models.CharField("city", max_length=100)
    total = models.DecimalField(max_digits=10, decimal_places=2)
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    placed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.reference


class Shipment(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="shipments")
    carrier = models.CharField(max_length=50)
    tracking_code = models.CharField(max_length=50)
    recipient_name = models.CharField("recipient", max_length=150)
    delivery_notes = models.TextField("delivery notes", blank=True)
    shipped_at = models.DateTimeField(default=timezone.now)


class Invoice(models.Model):
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="invoices")
    number = models.CharField(max_length=20, unique=True)
    billing_name = models.CharField("billing name", max_length=150)
    issued_at = models.DateTimeField(default=timezone.now)


class Note(models.Model):
    """A courier's note on a shipment: four hops from the user."""

    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="notes")
    author_name = models.CharField("written by", max_length=100)
    text = models.TextField()


class Question(models.Model):
    """A question a customer asked on a product page, shown publicly under their display name; it outlives the
    account (``SET_NULL``), anonymized."""

    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions")
    display_name = models.CharField("display name", max_length=80)
    product = models.CharField("product", max_length=120)
    text = models.TextField("question")
    posted_at = models.DateTimeField(default=timezone.now)
