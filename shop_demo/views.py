"""Storefront pages: validate, call a service, render. Every state change is a POST."""

from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Avg, Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from privacy_center.client_ip import client_ip
from privacy_center.decorators import contact_data_reauthentication, personal_page, rate_limited_response
from privacy_center.limits import RateLimited, check_send

from . import services
from .cart import Cart
from .forms import (
    AddressForm,
    AddToCartForm,
    CartLineForm,
    CheckoutForm,
    ContactForm,
    ProfileForm,
    ReviewForm,
)
from .models import Address, CustomerProfile, Order, OrderLine, Payment, Product, WishlistItem

RECENT_ORDERS_KEY = "shop_demo_recent_orders"


def _client_ip(request) -> str | None:
    """The client's IP: privacy_center's one function (trusts PRIVACY_CENTER_TRUSTED_PROXY_COUNT proxies)."""
    return client_ip(request)


def _next_or(request, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def home(request):
    products = Product.objects.order_by("name")[:8]
    return render(request, "shop_demo/home.html", {"products": products})


def product_list(request):
    products = Product.objects.all()
    material = request.GET.get("material", "")
    if material in Product.Material.values:
        products = products.filter(material=material)
    else:
        material = ""
    page = Paginator(products, 24).get_page(request.GET.get("page"))
    return render(request, "shop_demo/product_list.html", {
        "page": page, "materials": Product.Material.choices, "material": material,
    })


def product_detail(request, slug):
    product = get_object_or_404(Product.objects.annotate(avg_rating=Avg("reviews__rating")), slug=slug)
    reviews = product.reviews.all()[:20]
    in_wishlist = request.user.is_authenticated and WishlistItem.objects.filter(
        user=request.user, product=product).exists()
    review_form = None
    if request.user.is_authenticated:
        review_form = ReviewForm(initial={"display_name": _display_name(request.user)})
    return render(request, "shop_demo/product_detail.html", {
        "product": product, "reviews": reviews, "in_wishlist": in_wishlist,
        "cart_form": AddToCartForm(), "review_form": review_form,
    })


def _display_name(user) -> str:
    """"Ada L." by default: a review need not show a customer's full name."""
    if user.first_name:
        return f"{user.first_name} {user.last_name[:1]}." if user.last_name else user.first_name
    return user.email.split("@")[0]


@login_required
@require_POST
def review_create(request, slug):
    product = get_object_or_404(Product.objects.annotate(avg_rating=Avg("reviews__rating")), slug=slug)
    form = ReviewForm(request.POST)
    if form.is_valid():
        review = form.save(commit=False)
        review.user = request.user
        review.product = product
        review.created_at = timezone.now()
        review.save()
        messages.success(request, _("Thank you, your review is published."))
        return redirect("product_detail", slug=product.slug)
    in_wishlist = WishlistItem.objects.filter(user=request.user, product=product).exists()
    return render(request, "shop_demo/product_detail.html", {
        "product": product, "reviews": product.reviews.all()[:20], "in_wishlist": in_wishlist,
        "cart_form": AddToCartForm(), "review_form": form,
    }, status=400)


# --- cart -----------------------------------------------------------------------


def cart_view(request):
    cart = Cart(request.session)
    lines = cart.lines()
    return render(request, "shop_demo/cart.html", {"lines": lines, "total": Cart.total(lines)})


@require_POST
def cart_add(request, product_id):
    product = get_object_or_404(Product, pk=product_id)
    form = AddToCartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a quantity between 1 and 99."))
        return redirect("product_detail", slug=product.slug)
    Cart(request.session).add(product.pk, form.cleaned_data["quantity"])
    messages.success(request, _("“%(name)s” is in your cart.") % {"name": product.name})
    return redirect(_next_or(request, "/shop/cart/"))


@require_POST
def cart_update(request, product_id):
    cart = Cart(request.session)
    form = CartLineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a quantity between 0 and 99."))
    else:
        cart.set(product_id, form.cleaned_data["quantity"])
        messages.success(request, _("Your cart is updated."))
    return redirect("cart")


@require_POST
def cart_remove(request, product_id):
    Cart(request.session).remove(product_id)
    messages.success(request, _("The item is removed from your cart."))
    return redirect("cart")


# --- checkout and orders -------------------------------------------------------------


def _checkout_initial(user) -> dict:
    if not user.is_authenticated:
        return {"country": "SE"}
    initial = {"email": user.email, "full_name": user.get_full_name()}
    address = Address.objects.filter(user=user).order_by("-is_default", "pk").first()
    if address:
        initial.update(full_name=address.full_name, line1=address.line1, line2=address.line2, city=address.city,
                       postcode=address.postcode, country=address.country, phone=address.phone)
    profile = CustomerProfile.objects.filter(user=user).first()
    if profile and not initial.get("phone"):
        initial["phone"] = profile.phone
    return initial


def checkout(request):
    cart = Cart(request.session)
    lines = cart.lines()
    if not lines:
        messages.info(request, _("Your cart is empty."))
        return redirect("cart")
    user = request.user
    form = CheckoutForm(request.POST or None, guest=not user.is_authenticated,
                        initial=_checkout_initial(user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        delivery = services.Delivery(
            email=data["email"], full_name=data["full_name"], phone=data["phone"], line1=data["line1"],
            line2=data["line2"], city=data["city"], postcode=data["postcode"], country=data["country"],
            billing_postcode=data["billing_postcode"],
        )
        try:
            order = services.place_order(
                quantities=cart.quantities(), delivery=delivery, payment_method=data["payment_method"],
                last4=data["last4"], user=user, ip_address=_client_ip(request),
            )
        except services.CheckoutError as error:
            form.add_error(None, str(error))
        else:
            cart.clear()
            recent = request.session.get(RECENT_ORDERS_KEY, [])[-9:]
            request.session[RECENT_ORDERS_KEY] = [*recent, order.number]
            return redirect("order_confirmation", number=order.number)
    status = 400 if request.method == "POST" else 200
    return render(request, "shop_demo/checkout.html", {
        "form": form, "lines": lines, "total": Cart.total(lines),
    }, status=status)


def _order_with_details(queryset, **lookup) -> Order:
    return get_object_or_404(
        queryset.prefetch_related(Prefetch("lines", OrderLine.objects.order_by("pk")),
                                  Prefetch("payments", Payment.objects.order_by("pk"))),
        **lookup,
    )


@personal_page
def order_confirmation(request, number):
    """Shown right after checkout: to the customer who owns the order, or to the guest's session."""
    if number in request.session.get(RECENT_ORDERS_KEY, []):
        order = _order_with_details(Order.objects.all(), number=number)
    elif request.user.is_authenticated:
        order = _order_with_details(Order.objects.filter(user=request.user), number=number)
    else:
        raise Http404
    return render(request, "shop_demo/order_confirmation.html", {"order": order})


@login_required
@personal_page
def order_list(request):
    orders = Order.objects.filter(user=request.user).annotate(line_count=Count("lines")).order_by("-created_at", "-pk")
    page = Paginator(orders, 20).get_page(request.GET.get("page"))
    return render(request, "shop_demo/order_list.html", {"page": page})


@login_required
@personal_page
def order_detail(request, number):
    order = _order_with_details(Order.objects.filter(user=request.user), number=number)
    return render(request, "shop_demo/order_detail.html", {"order": order})


# --- wishlist ------------------------------------------------------------------------


@login_required
def wishlist(request):
    items = WishlistItem.objects.filter(user=request.user).select_related("product").order_by("-added_at")
    return render(request, "shop_demo/wishlist.html", {"items": items})


@login_required
@require_POST
def wishlist_add(request, product_id):
    product = get_object_or_404(Product, pk=product_id)
    services.toggle_wishlist(request.user, product, add=True)
    messages.success(request, _("“%(name)s” is on your wishlist.") % {"name": product.name})
    return redirect(_next_or(request, "/shop/wishlist/"))


@login_required
@require_POST
def wishlist_remove(request, product_id):
    product = get_object_or_404(Product, pk=product_id)
    services.toggle_wishlist(request.user, product, add=False)
    messages.success(request, _("“%(name)s” is no longer on your wishlist.") % {"name": product.name})
    return redirect(_next_or(request, "/shop/wishlist/"))


# --- contact ---------------------------------------------------------------------------


def contact(request):
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.get_full_name(), "email": request.user.email}
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                check_send("contact", request=request, email=form.cleaned_data["email"], user=request.user)
            except RateLimited as exc:
                return rate_limited_response(request, exc, back_url=request.path)
            message = form.save(commit=False)
            message.user = request.user if request.user.is_authenticated else None
            message.created_at = timezone.now()
            message.save()
            messages.success(request, _("Thank you, we have your message and answer within two working days."))
            return redirect("contact")
        return render(request, "shop_demo/contact.html", {"form": form}, status=400)
    return render(request, "shop_demo/contact.html", {"form": form})


# --- account: profile and addresses -----------------------------------------------------


@login_required
@personal_page
def profile(request):
    profile, _created = CustomerProfile.objects.get_or_create(user=request.user)
    return render(request, "shop_demo/profile.html", {"profile": profile})


@login_required
@reauthentication_required
def profile_edit(request):
    """Correcting contact data asks for the password again (allauth's re-authentication)."""
    profile, _created = CustomerProfile.objects.get_or_create(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile is updated."))
            return redirect("profile")
        return render(request, "shop_demo/profile_edit.html", {"form": form, "profile": profile}, status=400)
    return render(request, "shop_demo/profile_edit.html", {"form": form, "profile": profile})


@login_required
@personal_page
def address_list(request):
    addresses = Address.objects.filter(user=request.user).order_by("-is_default", "pk")
    return render(request, "shop_demo/address_list.html", {"addresses": addresses})


@login_required
@personal_page
@contact_data_reauthentication("shop_demo.address")
def address_form(request, pk=None):
    address = get_object_or_404(Address, pk=pk, user=request.user) if pk is not None else Address(user=request.user)
    form = AddressForm(request.POST or None, instance=address)
    if request.method == "POST":
        if form.is_valid():
            services.save_address(form.save(commit=False))
            messages.success(request, _("The address is saved."))
            return redirect("address_list")
        return render(request, "shop_demo/address_form.html", {"form": form, "address": address}, status=400)
    return render(request, "shop_demo/address_form.html", {"form": form, "address": address})


@login_required
def address_delete(request, pk):
    address = get_object_or_404(Address, pk=pk, user=request.user)
    if request.method == "POST":
        address.delete()
        messages.success(request, _("The address is deleted."))
        return redirect("address_list")
    return render(request, "shop_demo/address_confirm_delete.html", {"address": address})

