"""Storefront pages."""

from django.shortcuts import render

from .models import Product


def home(request):
    return render(request, "shop_demo/home.html", {"products": Product.objects.all()[:8]})


def product_list(request):
    return render(request, "shop_demo/product_list.html", {"products": Product.objects.all()})
