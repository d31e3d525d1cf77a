"""The consent feature's API (routes in ``privacy_center.api.urls``)."""
