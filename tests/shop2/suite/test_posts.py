"""Removing one's posts on the second shop: its product questions are declared ``user_content`` with
``remove = "anonymize"``, so they stay (for the answers under them) without the name, no longer tied to anyone."""

from __future__ import annotations

import pytest

from privacy_center.models import PrivacyEvent
from tests.shop2.store.models import Question, User

pytestmark = pytest.mark.django_db


def test_questions_are_anonymized_and_unlinked_only_for_their_author(client, ada, bob):
    mine = Question.objects.create(author=ada, display_name="Ada L.", product="Oak table", text="Is it oiled?")
    theirs = Question.objects.create(author=bob, display_name="Bob B.", product="Oak table", text="Weight?")
    client.force_login(ada)
    page = client.get("/privacy/posts/").content.decode()
    assert "1 post, anonymized" in page
    response = client.post("/privacy/posts/", {"confirm": "on"}, follow=True)
    assert "Questions: 1 anonymized (no longer tied to you)" in response.content.decode()
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.author_id is None and mine.display_name != "Ada L." and mine.text == "Is it oiled?"
    assert theirs.author_id == bob.pk and theirs.display_name == "Bob B."
    assert User.objects.filter(pk=ada.pk).exists()
    assert PrivacyEvent.objects.filter(kind=PrivacyEvent.Kind.POSTS_REMOVED, subject_key=f"user:{ada.pk}").exists()
    # Nothing of hers is left to remove.
    assert "You have posted nothing" in client.get("/privacy/posts/").content.decode()
