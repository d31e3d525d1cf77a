"""The requests feature's API (routes in ``urls.py``, included by ``privacy_center.api.urls``)."""
