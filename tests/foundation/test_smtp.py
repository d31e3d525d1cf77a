"""The ``smtp_server`` fixture: a real SMTP server that Django's SMTP backend talks to."""

from django.core import mail
from django.core.mail import EmailMultiAlternatives


def test_django_mail_arrives_through_real_smtp(smtp_server, settings):
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
    message = EmailMultiAlternatives(
        subject="Your order FF-100001",
        body="Thanks! See your order: http://testserver/shop/orders/FF-100001/\n",
        from_email="Filament & Form <shop@filament-form.example>",
        to=["ada@example.com"],
    )
    message.attach_alternative(
        '<p>Thanks! <a href="http://testserver/shop/orders/FF-100001/?a=1&amp;b=2">Your order</a></p>', "text/html"
    )
    assert message.send() == 1

    (received,) = smtp_server.wait_for(1)
    assert received["Subject"] == "Your order FF-100001"
    assert received["To"] == "ada@example.com"
    assert received.envelope_to == ["ada@example.com"]
    assert "See your order" in smtp_server.text(received)
    assert "<a href=" in smtp_server.html(received)
    assert smtp_server.links(received) == [
        "http://testserver/shop/orders/FF-100001/",
        "http://testserver/shop/orders/FF-100001/?a=1&b=2",
    ]
    assert mail.outbox == []  # really sent over SMTP, not the locmem backend


def test_each_test_gets_an_empty_inbox(smtp_server):
    mail.send_mail("One", "first", None, ["a@example.com"])
    mail.send_mail("Two", "second", None, ["b@example.com"])
    assert [m["Subject"] for m in smtp_server.wait_for(2)] == ["One", "Two"]
