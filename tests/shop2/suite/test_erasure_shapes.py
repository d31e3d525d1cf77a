"""Erasure on foreign keys that SET_NULL, CASCADE and PROTECT, chains of two to four hops, sources in every order."""

from __future__ import annotations

import pytest
from django.db.models import F

from privacy_center.anonymizers import REDACTED, Anonymizer, placeholder_email_value
from privacy_center.erasure.models import ErasureTombstone, SubjectErasure
from privacy_center.erasure.services.core import erase_now
from privacy_center.erasure.services.planner import plan_erasure
from privacy_center.erasure.services.targets import ErasureNotVerified
from privacy_center.registry import site
from privacy_center.sources import Erasure, ModelSource
from privacy_center.subjects import Subject
from tests.shop2.store.models import Customer, Invoice, Note, Order, Shipment, User

from .sweep import declared_values, leftovers

pytestmark = pytest.mark.django_db

STORE = ["store.customer", "store.order", "store.shipment", "store.invoice", "store.note"]
# Every rotation of the list and of its reverse: each source comes first, last and in between, and every
# pair of sources is declared both ways round (the full 120 permutations add nothing but minutes).
ORDERS = [STORE[i:] + STORE[:i] for i in range(5)] + [STORE[::-1][i:] + STORE[::-1][:i] for i in range(5)]


@pytest.fixture(autouse=True)
def _restore_registry():
    saved = dict(site._registry)
    orders = {name: source.order for name, source in saved.items()}
    yield
    site._registry.clear()
    site._registry.update(saved)
    for name, source in saved.items():
        source.order = orders[name]


def declare_in_order(names):
    for position, name in enumerate(names, start=1):
        site.get(name).order = position


def snapshot(user):
    orders = list(Order.objects.filter(email=user.email).values_list("pk", flat=True))
    return {
        "orders": orders,
        "shipments": list(Shipment.objects.filter(order__in=orders).values_list("pk", flat=True)),
        "invoices": list(Invoice.objects.filter(order__in=orders).values_list("pk", flat=True)),
        "notes": list(Note.objects.filter(shipment__order__in=orders).values_list("pk", flat=True)),
    }


def bob_rows(bob):
    orders = Order.objects.filter(email=bob.email)
    return (sorted(orders.values_list("shipping_name", "shipping_street", "email", "ip_address", "customer_id")),
            sorted(Shipment.objects.filter(order__in=orders).values_list("recipient_name", "delivery_notes")),
            Note.objects.filter(shipment__order__in=orders).count(), Customer.objects.filter(user=bob).count())


@pytest.mark.parametrize("names", ORDERS, ids="-".join)
def test_every_declaration_order_erases_everything(ada, bob, verified, names):
    declare_in_order(names)
    verified(ada)
    before = snapshot(ada)
    assert len(before["orders"]) == 3 and len(before["shipments"]) == 4 and len(before["notes"]) == 4
    bob_before = bob_rows(bob)
    subject = Subject.for_user(ada)
    values, kept = declared_values(subject)
    assert {"Ada Lovelace", "ada@northwind.example", "+46 31 123 45 67"} <= values

    outcome = erase_now(subject, method="command")

    assert outcome.status == "completed"
    assert not User.objects.filter(pk=ada.pk).exists() and not Customer.objects.filter(user_id=ada.pk).exists()
    orders = Order.objects.filter(pk__in=before["orders"])
    assert orders.count() == 3  # kept for the books, SET_NULL from the deleted profile
    for order in orders:
        assert (order.shipping_name, order.shipping_street, order.ip_address, order.customer_id) == (
            REDACTED, REDACTED, None, None)
        assert order.email == placeholder_email_value("ada@northwind.example")
    assert set(Shipment.objects.filter(pk__in=before["shipments"]).values_list("recipient_name", "delivery_notes")
               ) == {(REDACTED, "")}
    assert set(Invoice.objects.filter(pk__in=before["invoices"]).values_list("billing_name", flat=True)) == {REDACTED}
    assert not Note.objects.filter(pk__in=before["notes"]).exists()
    # E-mails to the person (the erasure's own receipt among them) stay in the outbox until delivered,
    # 30 days at most: declared as kept.
    from privacy_center.models import OutboxMessage

    kept = kept | {("privacy_center.OutboxMessage", pk) for pk in OutboxMessage.objects.values_list("pk", flat=True)}
    assert leftovers(values, kept) == []
    assert bob_rows(bob) == bob_before

    receipt = {row["name"]: row for row in outcome.erasure.receipt["sources"]}
    assert receipt["store.order"]["outcome"] == {"delete": 0, "anonymize": 3, "keep": 0}
    assert receipt["store.shipment"]["outcome"] == {"delete": 0, "anonymize": 4, "keep": 0}
    assert receipt["store.note"]["outcome"] == {"delete": 4, "anonymize": 0, "keep": 0}
    assert receipt["store.customer"]["outcome"]["delete"] == 1
    assert "checked after the erasure" in receipt["store.order"]["sentence"]


def test_plan_and_receipt_agree_with_what_was_done(ada):
    plan = {p.name: p for p in plan_erasure(Subject.for_user(ada)).sources}
    # Without a verified address only the account's own orders are reached (the guest one is not hers yet).
    assert plan["store.order"].count == 2 and plan["store.shipment"].count == 3
    receipt = erase_now(Subject.for_user(ada), method="command").erasure.receipt
    rows = {row["name"]: row for row in receipt["sources"]}
    assert rows["store.order"]["count"] == 2 and rows["store.shipment"]["count"] == 3
    assert receipt["verified"] is True
    assert Order.objects.filter(shipping_name="Ada Lovelace").count() == 1  # the unproven guest order


def _redeclare(name, **meta):
    """Replace a store source with one whose Meta differs (``erasure``, ``anonymize``)."""
    base = type(site.get(name))
    meta_cls = type("Meta", (), meta)
    site.register(type(f"Re{base.__name__}", (base,), {"Meta": meta_cls}), replace=True)


def test_protect_between_two_deleted_sources_deletes_the_pointing_rows_first(ada, bob, verified):
    verified(ada)
    _redeclare("store.order", erasure=Erasure.DELETE, legal_hold=None)
    _redeclare("store.invoice", erasure=Erasure.DELETE, legal_hold=None)
    declare_in_order(["store.order", "store.customer", "store.invoice", "store.shipment", "store.note"])
    before = snapshot(ada)
    outcome = erase_now(Subject.for_user(ada), method="command")
    assert outcome.status == "completed"
    assert not Order.objects.filter(pk__in=before["orders"]).exists()
    assert not Invoice.objects.filter(pk__in=before["invoices"]).exists()
    rows = {row["name"]: row for row in outcome.erasure.receipt["sources"]}
    # Shipments were declared "anonymize"; deleting their orders cascaded, and the receipt says so.
    assert rows["store.shipment"]["outcome"] == {"delete": 4, "anonymize": 0, "keep": 0}
    assert "4 items deleted" in rows["store.shipment"]["sentence"]
    assert Order.objects.filter(email=bob.email).count() == 2


def test_protect_from_kept_rows_fails_the_whole_erasure_and_says_why(ada, verified):
    verified(ada)
    _redeclare("store.order", erasure=Erasure.DELETE, legal_hold=None)  # invoices stay (anonymized) and PROTECT
    before = snapshot(ada)
    with pytest.raises(ErasureNotVerified, match="store.order.*store.Invoice"):
        erase_now(Subject.for_user(ada), method="command")
    erasure = SubjectErasure.objects.get()
    assert erasure.status == SubjectErasure.Status.FAILED
    assert "store.order" in erasure.last_error and "PROTECT" in erasure.last_error
    assert erasure.receipt["status"] == "failed" and "rolled back" in erasure.receipt["note"]
    # Nothing half-done.
    assert User.objects.filter(pk=ada.pk).exists() and Customer.objects.filter(user=ada).exists()
    assert Note.objects.filter(pk__in=before["notes"]).count() == 4
    assert set(Order.objects.filter(pk__in=before["orders"]).values_list("shipping_name", flat=True)) == {
        "Ada Lovelace"}
    assert not ErasureTombstone.objects.exists()


class KeepsTheValue(Anonymizer):
    """A broken anonymizer: claims to anonymize, writes the value back."""

    name = "keeps_the_value"

    def expression(self, field):
        return F(field.name)

    def python_value(self, field, value):
        return "changed"


def test_an_anonymization_that_leaves_the_value_fails_naming_source_and_field(ada, verified):
    verified(ada)
    _redeclare("store.shipment", anonymize={"recipient_name": KeepsTheValue(), "delivery_notes": "blank"})
    with pytest.raises(ErasureNotVerified, match="'store.shipment', field 'recipient_name'"):
        erase_now(Subject.for_user(ada), method="command")
    erasure = SubjectErasure.objects.get()
    assert erasure.status == SubjectErasure.Status.FAILED and "recipient_name" in erasure.last_error
    assert User.objects.filter(pk=ada.pk).exists()
    assert Order.objects.filter(shipping_name="Ada Lovelace").count() == 3  # rolled back


def test_a_constant_anonymizer_is_checked_by_the_value_it_writes(ada, verified, monkeypatch):
    """Redacted fields are verified by counting rows without the redaction, not by re-reading the old values:
    a field the UPDATE missed still fails the erasure, naming source and field, and nothing is changed."""
    from privacy_center.erasure.services import targets

    verified(ada)
    _redeclare("store.shipment", anonymize={"recipient_name": "redact", "delivery_notes": "blank"})
    original = targets.anonymize_queryset

    def misses_recipient_name(queryset, pairs, **kwargs):
        return original(queryset, [(f, a) for f, a in pairs if f.name != "recipient_name"], **kwargs)

    monkeypatch.setattr(targets, "anonymize_queryset", misses_recipient_name)
    with pytest.raises(ErasureNotVerified, match="'store.shipment', field 'recipient_name': .* anonymized value"):
        erase_now(Subject.for_user(ada), method="command")
    assert SubjectErasure.objects.get().status == SubjectErasure.Status.FAILED
    assert User.objects.filter(pk=ada.pk).exists()
    assert Order.objects.filter(shipping_name="Ada Lovelace").count() == 3  # rolled back


def test_a_delete_that_leaves_rows_fails(ada, verified, monkeypatch):
    class StubbornNoteSource(ModelSource):
        """Reaches notes, but its model's delete never removes them (a soft-delete manager, say)."""

        class Meta:
            model = Note
            name = "store.note"
            user_path = "shipment__order__customer__user"
            fields = {"text": None}
            erasure = Erasure.DELETE

    verified(ada)
    site.register(StubbornNoteSource, replace=True)
    from django.db.models import QuerySet

    original = QuerySet.delete

    def delete(self):
        if self.model is Note:
            return 0, {}
        return original(self)

    monkeypatch.setattr(QuerySet, "delete", delete)
    with pytest.raises(ErasureNotVerified, match="'store.note': 3 row"):  # the user's own; the guest's is not reached
        erase_now(Subject.for_user(ada), method="command")
    assert SubjectErasure.objects.get().status == SubjectErasure.Status.FAILED
