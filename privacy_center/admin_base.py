"""The base of every admin page privacy_center adds: its stylesheet (target sizes, long values that wrap on a
phone, a chart that fits), so each changelist and change page reads at 390 px without scrolling the page."""

from __future__ import annotations

from django.contrib import admin


class PrivacyModelAdmin(admin.ModelAdmin):
    class Media:
        css = {"all": ["privacy_center/admin.css"]}
