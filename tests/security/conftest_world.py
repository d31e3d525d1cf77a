"""The world the route matrix runs in: an owner with one of everything, and a client per role."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def world(customer, other_customer, make_order, address, staff_no_perms, viewer, officer):
    from django.apps import apps
    from django.contrib import admin
    from django.test import TestCase
    from django.utils import timezone

    from privacy_center.requests.services.core import submit_request
    from privacy_center.services.export import request_export
    from privacy_center.subjects import Subject
    from shop_demo.models import Review

    order = make_order(user=customer)
    product = order.lines.first().product
    Review.objects.create(user=customer, product=product, display_name="Ada L.", rating=5, title="Great",
                          body="Prints cleanly.", created_at=timezone.now())
    req = submit_request("objection", user=customer, details="Owner's secret request").request
    with TestCase.captureOnCommitCallbacks(execute=True):
        export, _created = request_export(Subject.for_user(customer))
    del apps
    clients = {"anonymous": Client()}
    for role, user in (("owner", customer), ("other", other_customer), ("staff", staff_no_perms),
                       ("viewer", viewer), ("officer", officer)):
        clients[role] = Client()
        clients[role].force_login(user)
        clients[role].get("/")  # allauth records the session (a UserSession row) on a request
    # A real row of every admin model, taken after the logins so that sessions exist: on PostgreSQL ids keep
    # counting across tests, so a guessed id 1 would name nothing.
    admin_objects = {}
    for model in admin.site._registry:
        opts = model._meta
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            admin_objects[f"admin:{opts.app_label}_{opts.model_name}"] = obj.pk
    return {"owner": customer, "product": product, "order": order, "address": address, "request": req,
            "export": export, "admin_objects": admin_objects, "clients": clients,
            "secrets": [customer.email, order.number, "Owner's secret request", address.line1]}
