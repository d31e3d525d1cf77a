"""Built-in sources for Django's, allauth's and privacy_center's own personal data."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ..sources import BaseSource, Category, Erasure, LegalBasis, ModelSource


def builtin_sources() -> list[type[BaseSource]]:
    User = get_user_model()

    class UserSource(ModelSource):
        class Meta:
            model = User
            name = "auth.user"
            label = _("Your account")
            user_path = "pk"
            fields = {"username": None, "email": None, "first_name": None, "last_name": None,
                      "date_joined": None, "last_login": None}
            editable = ["first_name", "last_name"]
            category = Category.IDENTIFIERS
            purposes = [_("Run your customer account")]
            legal_basis = LegalBasis.CONTRACT
            origin = _("You, when you signed up")
            erasure = Erasure.DELETE
            order = 0

    return [UserSource]
