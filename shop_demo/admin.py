"""Staff views of the shop's data. The national ID number is masked in lists and never editable in full."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    Address,
    CustomerProfile,
    NewsletterSignup,
    Order,
    OrderLine,
    Payment,
    Product,
    Review,
    SupportMessage,
    VisitLog,
    WishlistItem,
)


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "material", "price", "stock"]
    list_filter = ["material"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(CustomerProfile)
class CustomerProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "phone", "birth_date", "masked_national_id", "country"]
    list_filter = ["country"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "phone"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    # The national ID is shown masked; staff cannot read it back in full here.
    fields = ["user", "phone", "birth_date", "masked_national_id", "country"]
    readonly_fields = ["masked_national_id"]

    @admin.display(description=_("national ID number"))
    def masked_national_id(self, obj: CustomerProfile) -> str:
        return obj.national_id_masked or "—"


@admin.register(Address)
class AddressAdmin(admin.ModelAdmin):
    list_display = ["full_name", "user", "line1", "postcode", "city", "country", "is_default"]
    list_filter = ["country", "is_default"]
    search_fields = ["full_name", "user__email", "line1", "city", "postcode"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    extra = 0
    raw_id_fields = ["product"]


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["number", "email", "full_name", "status", "total", "created_at", "is_guest"]
    list_filter = ["status", "country", "created_at"]
    search_fields = ["number", "email", "full_name", "user__email"]
    date_hierarchy = "created_at"
    raw_id_fields = ["user"]
    inlines = [OrderLineInline, PaymentInline]
    list_select_related = ["user"]
    show_full_result_count = False

    @admin.display(boolean=True, description=_("guest"))
    def is_guest(self, obj: Order) -> bool:
        return obj.user_id is None


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ["order", "method", "last4", "amount", "created_at"]
    list_filter = ["method"]
    search_fields = ["order__number", "order__email", "last4"]
    raw_id_fields = ["order"]
    list_select_related = ["order"]
    show_full_result_count = False


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["title", "product", "display_name", "rating", "created_at"]
    list_filter = ["rating"]
    search_fields = ["title", "body", "display_name", "user__email", "product__name"]
    raw_id_fields = ["user", "product"]
    list_select_related = ["product"]
    show_full_result_count = False


@admin.register(WishlistItem)
class WishlistItemAdmin(admin.ModelAdmin):
    list_display = ["user", "product", "added_at"]
    search_fields = ["user__email", "product__name"]
    raw_id_fields = ["user", "product"]
    list_select_related = ["user", "product"]


@admin.register(SupportMessage)
class SupportMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "name", "email", "created_at", "has_staff_notes"]
    search_fields = ["subject", "name", "email", "body"]
    raw_id_fields = ["user"]
    date_hierarchy = "created_at"

    @admin.display(boolean=True, description=_("staff notes"))
    def has_staff_notes(self, obj: SupportMessage) -> bool:
        return bool(obj.staff_notes)


@admin.register(NewsletterSignup)
class NewsletterSignupAdmin(admin.ModelAdmin):
    list_display = ["email", "user", "source", "created_at", "confirmed_at"]
    list_filter = ["source"]
    search_fields = ["email"]
    raw_id_fields = ["user"]


@admin.register(VisitLog)
class VisitLogAdmin(admin.ModelAdmin):
    list_display = ["path", "user", "ip_address", "created_at"]
    search_fields = ["path", "ip_address", "user__email"]
    raw_id_fields = ["user"]
    date_hierarchy = "created_at"
    show_full_result_count = False
