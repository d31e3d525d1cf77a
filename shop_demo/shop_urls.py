"""Storefront URLs under ``/shop/`` (names without a namespace: ``product_list``, ``cart``, ``checkout`` ...)."""

from django.urls import path

from . import views

urlpatterns = [
    path("products/", views.product_list, name="product_list"),
    path("products/<slug:slug>/", views.product_detail, name="product_detail"),
    path("products/<slug:slug>/review/", views.review_create, name="review_create"),
    path("cart/", views.cart_view, name="cart"),
    path("cart/add/<int:product_id>/", views.cart_add, name="cart_add"),
    path("cart/update/<int:product_id>/", views.cart_update, name="cart_update"),
    path("cart/remove/<int:product_id>/", views.cart_remove, name="cart_remove"),
    path("checkout/", views.checkout, name="checkout"),
    path("orders/", views.order_list, name="order_list"),
    path("orders/<str:number>/", views.order_detail, name="order_detail"),
    path("orders/<str:number>/confirmation/", views.order_confirmation, name="order_confirmation"),
    path("wishlist/", views.wishlist, name="wishlist"),
    path("wishlist/add/<int:product_id>/", views.wishlist_add, name="wishlist_add"),
    path("wishlist/remove/<int:product_id>/", views.wishlist_remove, name="wishlist_remove"),
    path("contact/", views.contact, name="contact"),
    path("account/", views.profile, name="profile"),
    path("account/edit/", views.profile_edit, name="profile_edit"),
    path("account/addresses/", views.address_list, name="address_list"),
    path("account/addresses/new/", views.address_form, name="address_create"),
    path("account/addresses/<int:pk>/edit/", views.address_form, name="address_edit"),
    path("account/addresses/<int:pk>/delete/", views.address_delete, name="address_delete"),
]
