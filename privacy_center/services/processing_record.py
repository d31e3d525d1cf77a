"""The record of processing activities (GDPR Art. 30(1)), generated from the registry and the recipients.

``build_record()`` reads the declarations as they are now: the controller and officer
(``PRIVACY_CENTER_CONTROLLER``), one processing activity per source (purposes, legal basis, categories of
data subjects and of data, recipients, retention), every recipient (role, country, transfer and its
safeguard, contract), the transfers outside the EU/EEA, and the security measures
(``PRIVACY_CENTER_SECURITY_MEASURES``). The public privacy notice's recipients come from the same function.

Versions: ``store_version()`` keeps a new ``ProcessingRecordVersion`` whenever the record's content
differs from the latest stored one (its digest ignores the generation time). It runs after every
``migrate`` (a ``post_migrate`` receiver, so each deploy whose declarations changed stores a version)
and from ``manage.py privacy_record --store``. ``diff()`` lists what changed between two versions.

Downloads: ``to_json``, ``to_csv`` (one row per activity, then one per recipient) and the admin's HTML page
(``admin/privacy_center/processing_record.html``, also served as a download).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..app_settings import app_settings
from ..models import ProcessingRecordVersion
from ..registry import site
from ..sources import ModelSource

FORMAT = 1


def _data_subjects(source) -> list[str]:
    kinds = []
    if isinstance(source, ModelSource):
        if source.user_path or source.name == "auth.user":
            kinds.append(_("Customers with an account"))
        if source.email_path:
            kinds.append(_("Guest customers (by e-mail address)"))
    return kinds or [_("Customers and visitors")]


def build_record() -> dict[str, Any]:
    """The record as the declarations say now; JSON-safe, in the active language."""
    activities = []
    used: dict[str, list[str]] = {}
    for source in site:
        info = source.describe()
        recipients = site.recipients_of(source)
        for r in recipients:
            used.setdefault(r.name, []).append(source.name)
        activities.append({
            "source": source.name, "label": info.label, "description": info.description,
            "purposes": info.purposes, "legal_basis": info.legal_basis_label,
            "data_subjects": [str(k) for k in _data_subjects(source)],
            "category": info.category_label, "data": [str(f.label) for f in info.fields],
            "recipients": [r.name for r in recipients], "retention": info.retention,
            "retention_reason": info.retention_reason, "erasure": info.erasure_label, "origin": info.origin,
        })
    recipient_rows: list[dict[str, Any]] = []
    for r in site.all_recipients():
        row = r.describe()
        row.pop("channel", None)  # how it is told is configuration, not part of the record
        row["sources"] = used.get(r.name, [])
        recipient_rows.append(row)
    subjects = app_settings.DATA_SUBJECT_CATEGORIES or sorted({s for a in activities for s in a["data_subjects"]})
    return {
        "format": FORMAT,
        "controller": {k: str(v) for k, v in app_settings.CONTROLLER.items()},
        "data_subjects": subjects,
        "activities": activities,
        "recipients": recipient_rows,
        "transfers": [{"recipient": r["name"], "label": r["label"], "country": r["country"],
                       "safeguard": r["safeguard_label"], "note": r["safeguard_note"]}
                      for r in recipient_rows if r["transfer"]],
        "security_measures": app_settings.SECURITY_MEASURES,
    }


def digest(record: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(record, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def latest() -> ProcessingRecordVersion | None:
    return ProcessingRecordVersion.objects.order_by("-number").first()


def store_version(reason: str = "") -> tuple[ProcessingRecordVersion, bool]:
    """Keep the current record as a new version if it differs from the latest; (version, stored now?)."""
    record = build_record()
    key = digest(record)
    with transaction.atomic():
        last = ProcessingRecordVersion.objects.select_for_update().order_by("-number").first()
        if last is not None and last.digest == key:
            return last, False
        existing = ProcessingRecordVersion.objects.filter(digest=key).first()
        if existing is not None and last is not None and existing.pk != last.pk:
            # Back to an earlier content: a new version all the same (the history is linear).
            existing.digest = f"{key[:56]}-{existing.number}"[:64]
            existing.save(update_fields=["digest"])
        number = (last.number + 1) if last else 1
        version = ProcessingRecordVersion.objects.create(number=number, digest=key, record=record,
                                                         created_at=timezone.now(), reason=reason[:200])
    return version, True


def on_post_migrate(sender, app_config=None, using="default", **kwargs) -> None:
    """After ``migrate`` (every deploy): store a version if the declarations changed. Once per run."""
    if app_config is None or app_config.name != "privacy_center":
        return
    try:
        store_version(reason="migrate")
    except Exception:  # never fail a deploy over the record; ``manage.py privacy_record --store`` says why
        logging.getLogger(__name__).exception("record of processing: could not store a version")


# -- what changed ---------------------------------------------------------------------------------


def _items(record: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    items: dict[tuple[str, str], dict[str, Any]] = {}
    for a in record.get("activities", []):
        items[("activity", a["source"])] = a
    for r in record.get("recipients", []):
        items[("recipient", r["name"])] = r
    items[("controller", "")] = record.get("controller", {})
    items[("security", "")] = {"measures": record.get("security_measures", [])}
    items[("data_subjects", "")] = {"categories": record.get("data_subjects", [])}
    return items


def diff(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows ``{"section", "item", "change": added|removed|changed, "field", "old", "new"}``, old to new."""
    rows = []
    a, b = _items(old), _items(new)
    for key in sorted(set(a) | set(b)):
        section, item = key
        if key not in a:
            rows.append({"section": section, "item": item, "change": "added", "field": "", "old": "",
                         "new": _label(b[key])})
        elif key not in b:
            rows.append({"section": section, "item": item, "change": "removed", "field": "",
                         "old": _label(a[key]), "new": ""})
        else:
            for name in sorted(set(a[key]) | set(b[key])):
                if a[key].get(name) != b[key].get(name):
                    rows.append({"section": section, "item": item, "change": "changed", "field": name,
                                 "old": _text(a[key].get(name)), "new": _text(b[key].get(name))})
    return rows


def _label(item: dict[str, Any]) -> str:
    return str(item.get("label") or item.get("name") or "")


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


# -- formats ---------------------------------------------------------------------------------------


def to_json(record: dict[str, Any], *, version: ProcessingRecordVersion | None = None) -> str:
    meta = {"version": version.number, "stored_at": version.created_at.isoformat()} if version else {}
    return json.dumps({**meta, **record}, indent=2, ensure_ascii=False, sort_keys=True)


def to_csv(record: dict[str, Any]) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    c = record.get("controller", {})
    w.writerow([_("Controller"), c.get("name", ""), c.get("address", ""), c.get("email", "")])
    w.writerow([_("Officer"), c.get("officer", "")])
    w.writerow([])
    w.writerow([_("Activity"), _("Purposes"), _("Legal basis"), _("Data subjects"), _("Personal data"),
                _("Recipients"), _("Retention"), _("Erasure")])
    for a in record.get("activities", []):
        w.writerow([a["label"], "; ".join(a["purposes"]), a["legal_basis"], "; ".join(a["data_subjects"]),
                    "; ".join(a["data"]), "; ".join(a["recipients"]),
                    a["retention"] + (f" ({a['retention_reason']})" if a["retention_reason"] else ""), a["erasure"]])
    w.writerow([])
    w.writerow([_("Recipient"), _("Role"), _("Purposes"), _("Data received"), _("Country"), _("Transfer safeguard"),
                _("Contract"), _("Contact")])
    for r in record.get("recipients", []):
        safeguard = r["safeguard_label"] + (f" ({r['safeguard_note']})" if r["safeguard_note"] else "")
        w.writerow([r["label"], r["role_label"], "; ".join(r["purposes"]), "; ".join(r["data_categories"]),
                    r["country"], safeguard, r["contract"], r["contact"]])
    w.writerow([])
    for measure in record.get("security_measures", []):
        w.writerow([_("Security measure"), measure])
    return out.getvalue()


def public_recipients() -> list[dict[str, Any]]:
    """For the privacy notice: each recipient with its role, country and safeguard (the record's data)."""
    return [r for r in build_record()["recipients"] if r["sources"] or r["consent_groups"]]


# -- the data map -----------------------------------------------------------------------------------

ROW, TOP, BOX_W, BOX_H, GAP = 40, 40, 260, 28, 220


def data_map(record: dict[str, Any] | None = None) -> dict[str, Any]:
    """Boxes and lines for the admin's SVG: sources on the left, recipients on the right, one line per flow."""
    record = record or build_record()
    activities = record["activities"]
    recipients = [r for r in record["recipients"] if r["sources"]]
    left_x, right_x = 10, 10 + BOX_W + GAP
    sources = [{"name": a["source"], "label": a["label"], "x": left_x, "y": TOP + i * ROW,
                "shared": bool(a["recipients"])} for i, a in enumerate(activities)]
    by_source = {s["name"]: s for s in sources}
    targets = [{"name": r["name"], "label": r["label"], "x": right_x, "y": TOP + i * ROW, "role": r["role_label"],
                "country": r["country"], "transfer": r["transfer"]} for i, r in enumerate(recipients)]
    edges = []
    for t in targets:
        for name in next(r for r in recipients if r["name"] == t["name"])["sources"]:
            s = by_source.get(name)
            if s is not None:
                edges.append({"source": s["label"], "recipient": t["label"], "x1": s["x"] + BOX_W,
                              "y1": s["y"] + BOX_H // 2, "x2": t["x"], "y2": t["y"] + BOX_H // 2,
                              "transfer": t["transfer"]})
    height = TOP + max(len(sources), len(targets), 1) * ROW + 10
    return {"width": right_x + BOX_W + 10, "height": height, "box_w": BOX_W, "box_h": BOX_H, "sources": sources,
            "recipients": targets, "edges": edges, "left_x": left_x, "right_x": right_x}
