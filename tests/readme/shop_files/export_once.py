"""Run in the new shop (`manage.py shell`): a customer with an order asks for a copy of their data on the page."""

import io
import json
import zipfile

from django.contrib.auth import get_user_model
from django.test import Client
from django.test.utils import setup_test_environment
from shop.models import Order

from privacy_center.models import Export
from privacy_center.services.export import storage

setup_test_environment()
User = get_user_model()
fields = {User.get_email_field_name(): "ada@example.com"}
if User.USERNAME_FIELD != User.get_email_field_name():
    fields[User.USERNAME_FIELD] = "ada"
user = User.objects.create_user(**fields, password="a-long-password-1")
Order.objects.create(user=user, number="A-1001", full_name="Ada Lovelace", email="ada@example.com", phone="+46 70 1")
client = Client()
client.force_login(user)
page = client.get("/privacy/")
assert page.status_code == 200 and b"MY-SHOP-LAYOUT" in page.content, page.status_code
response = client.post("/privacy/exports/")
assert response.status_code == 302, response.status_code
export = Export.objects.get(user=user)
with storage().open(export.file_name, "rb") as handle:
    archive = zipfile.ZipFile(io.BytesIO(handle.read()))
data = json.loads(archive.read("data.json"))
print(json.dumps({"status": export.status, "names": archive.namelist(), "sources": data["sources"]}, default=str))
