"""privacy_center's core pages: overview, "My data" with corrections, and exports.

Thin: find the subject, call a service, render. Every page works without
JavaScript; the export page's script only refreshes the progress bar.
"""

from __future__ import annotations

from allauth.core.exceptions import ReauthenticationRequired
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .adapter import get_adapter
from .app_settings import app_settings
from .decorators import rate_limited_response
from .forms import ContestForm, RemovePostsForm, RestrictionForm
from .limits import RateLimited, check_send
from .models import Export
from .reauth import reauthentication_required, recently_reauthenticated
from .registry import NotRegistered, site
from .services import accuracy, correction
from .services import browse as browse_service
from .services import export as export_service
from .services import posts as posts_service
from .services.overview import data_summary, holdings
from .services.restriction import FLAG_NAMES, get_flags, set_flags
from .services.timeline import SubjectEvents, verify_recent
from .sources import ModelSource
from .subjects import Subject
from .tokens import export_for_token, use_export_token

DATA_PREVIEW_ROWS = 5


def _source_or_404(name: str):
    try:
        return site.get(name)
    except NotRegistered:
        raise Http404 from None


def _page_number(request) -> int:
    try:
        return max(int(request.GET.get("page", 1)), 1)
    except ValueError:
        return 1


def _extra_panel(name: str, context: dict, request) -> str:
    """A feature's optional panel (e.g. the requests app's latest requests); empty when not installed."""
    try:
        return get_template(name).render(context, request)
    except TemplateDoesNotExist:
        return ""


@login_required
def overview(request):
    subject = Subject.for_user(request.user)
    context = {
        "subject": subject,
        "holdings": holdings(data_summary(subject), show_all=request.GET.get("all") == "1"),
        "exports": Export.objects.filter(user=request.user)[:3],
    }
    context["posts"] = _posts_context(request.user, subject)
    context["requests_panel"] = _extra_panel("privacy_center/requests/includes/overview_panel.html",
                                             context, request)
    return render(request, "privacy_center/overview.html", context)


@login_required
def data_index(request):
    subject = Subject.for_user(request.user)
    show_all = request.GET.get("all") == "1"
    sections, empty = [], 0
    for source in site:
        count = source.count(subject)
        if not count:
            empty += 1
            if not show_all:
                continue
        rows = source.page(subject, 1, DATA_PREVIEW_ROWS) if count else []
        sections.append({"source": source, "info": source.describe(), "count": count, "rows": rows})
    return render(request, "privacy_center/data/index.html", {"sections": sections, "show_all": show_all,
                                                              "empty_sections": empty,
                                                              "preview_rows": DATA_PREVIEW_ROWS,
                                                              "posts": _posts_context(request.user, subject)})


def _posts_context(user, subject) -> dict:
    """What the customer posted and whether they are under 18 (they are then told of their right to remove it)."""
    return {"rows": posts_service.posts_of(subject), "minor": get_adapter().is_minor(user) is True,
            "offered": bool(posts_service.user_content_sources())}


@login_required
@require_http_methods(["GET", "POST"])
def remove_posts(request):
    """Remove what the customer posted without deleting the account: a confirmation page, then a POST."""
    subject = Subject.for_user(request.user)
    form = RemovePostsForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        result = posts_service.remove_posts(subject, actor=request.user, method="privacy_page")
        messages.success(request, result.summary())
        return redirect("privacy_center:data")
    return render(request, "privacy_center/posts.html", {"form": form, "posts": _posts_context(request.user, subject)},
                  status=400 if form.is_bound else 200)


def _row_forms(source, rows, data=None, bound_pk=None):
    """Pair each row with its correction form (bound for the row that was just posted)."""
    if not isinstance(source, ModelSource) or not source.editable:
        return [(row, None) for row in rows]
    editable = [f for f in source.field_labels if f in source.editable]
    paired = []
    for row in rows:
        prefix = f"row{row['pk']}"
        if bound_pk is not None and str(row["pk"]) == str(bound_pk):
            paired.append((row, data))
        else:
            paired.append((row, correction.correction_form(source, prefix=prefix,
                                                          initial={f: row[f] for f in editable})))
    return paired


@login_required
def data_source(request, source):
    source = _source_or_404(source)
    subject = Subject.for_user(request.user)
    filters = browse_service.filters_for(source)
    form = browse_service.BrowseForm(request.GET or None, filters=filters)
    cleaned = form.cleaned_data if form.is_bound and form.is_valid() else None
    result = browse_service.browse(source, subject, filters, cleaned, _page_number(request), app_settings.PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "privacy_center/data/source.html", {
        **_contest_context(source, subject, result.rows),
        "source": source, "info": source.describe(), "count": result.count, "total": result.total,
        "count_capped": result.count_capped, "total_capped": result.total_capped,
        "rows": _row_forms(source, result.rows), "page": result.number, "num_pages": result.num_pages,
        "page_links": result.links, "filtered": result.filtered, "query": query.urlencode(),
        # Filters show on large sources (more than one page) or while in use.
        "filter_form": form if filters.any and (result.total > app_settings.PAGE_SIZE or form.is_bound) else None,
        "previous_page": result.number - 1 if result.number > 1 else None,
        "next_page": result.number + 1 if result.number < result.num_pages else None,
    })


@login_required
@require_http_methods(["GET", "POST"])
def data_edit(request, source, pk):
    """Correct one row in place; contact data needs a recent re-authentication (the POST is replayed after it)."""
    source = _source_or_404(source)
    if not isinstance(source, ModelSource) or not source.editable:
        raise Http404
    subject = Subject.for_user(request.user)
    try:
        instance = source.get_object(subject, pk)
    except source.model.DoesNotExist:
        raise Http404 from None
    prefix = f"row{instance.pk}"
    if request.method == "POST":
        form = correction.correction_form(source, instance, request.POST, prefix=prefix)
        if form.is_valid():
            changes = correction.changes_of(form)
            if correction.needs_reauth(source, changes) and not recently_reauthenticated(request):
                raise ReauthenticationRequired()
            try:
                correction.apply_correction(subject, source, form, actor=request.user, method="web")
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                if changes:
                    messages.success(request, _("Saved. Thank you for keeping your data correct."))
                else:
                    messages.info(request, _("Nothing was changed."))
                page = _safe_page(request.POST.get("page", "1"))
                return redirect(f"{reverse('privacy_center:data_source', args=[source.name])}?page={page}")
    else:
        form = correction.correction_form(source, instance, prefix=prefix)
    # Masked fields (a national ID) are masked here too, as on every other page.
    row = {"pk": instance.pk, **{f: source._clean(f, getattr(instance, f, None))
                                 for f in source.field_labels if "__" not in f}}
    status = 400 if request.method == "POST" else 200
    return render(request, "privacy_center/data/edit.html", {
        "source": source, "info": source.describe(), "row": row, "form": form,
        "needs_reauth": any(source.needs_reauth(f) for f in source.editable),
    }, status=status)


def _row_label(first: str | None, row: dict, number: int) -> str:
    value = row.get(first) if first else None
    return _("Record %(n)d: %(value)s") % {"n": number, "value": value} if value not in (None, "") else (
        _("Record %(n)d") % {"n": number})


def _contest_form(source, rows, data=None) -> ContestForm:
    fields = source.fields()  # once: describing the fields costs about a millisecond, a page has 25 rows
    first = next((f.name for f in fields if f.name != "pk"), None)
    row_choices = [(str(row["pk"]), _row_label(first, row, n)) for n, row in enumerate(rows, start=1)
                   if row.get("pk") is not None]
    return ContestForm(data, rows=row_choices if isinstance(source, ModelSource) else [],
                       fields=[(f.name, f.label) for f in fields], prefix="contest")


def _contest_context(source, subject, rows, form=None) -> dict:
    disputes = accuracy.open_disputes(subject).filter(source__in=[source.name, ""])
    return {"contest_form": form or _contest_form(source, rows),
            "disputes": [{"dispute": d, "what": accuracy.what(d)} for d in disputes]}


@login_required
@require_POST
def data_contest(request, source):
    """ "This is wrong": restrict the data (or one record or field of it) until staff have checked it."""
    source = _source_or_404(source)
    subject = Subject.for_user(request.user)
    row = request.POST.get("contest-row", "")
    rows = []
    if row and isinstance(source, ModelSource):
        try:
            source.get_object(subject, row)
        except source.model.DoesNotExist:
            raise Http404 from None
        rows = [{"pk": row}]
    form = _contest_form(source, rows, request.POST)
    if not form.is_valid():
        messages.error(request, _("Please check the form: %(errors)s") % {
            "errors": " ".join(str(e) for errors in form.errors.values() for e in errors)})
        return redirect("privacy_center:data_source", source.name)
    accuracy.contest(subject, origin=accuracy.Origin.MY_DATA, source=source.name, row=form.cleaned_data["row"],
                     field=form.cleaned_data["field"], note=form.cleaned_data["note"], actor=request.user)
    messages.success(request, _("Thank you. Until we have checked it, we use this data only to store it and to "
                                "handle your request; the timeline shows what we do."))
    return redirect("privacy_center:data_source", source.name)


@login_required
@require_POST
def data_contest_withdraw(request, source, pk):
    """The customer takes back "this is wrong" (only a mark they made on My data; a request is cancelled)."""
    subject = Subject.for_user(request.user)
    dispute = get_object_or_404(accuracy.open_disputes(subject), pk=pk, origin=accuracy.Origin.MY_DATA,
                                source=source)
    accuracy.resolve(dispute, accuracy.Outcome.WITHDRAWN, actor=request.user, method="privacy_page")
    messages.success(request, _("Withdrawn: we use this data again as before."))
    return redirect("privacy_center:data_source", source)


def _safe_page(value: str) -> int:
    try:
        return max(int(value), 1)
    except ValueError:
        return 1


# -- exports ---------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def exports(request):
    subject = Subject.for_user(request.user)
    if request.method == "POST":
        if export_service.active_export(subject) is None:
            try:
                check_send("export", request=request, user=request.user)
            except RateLimited as exc:
                return rate_limited_response(request, exc, back_url=request.path)
        export, created = export_service.request_export(subject, actor=request.user, method="web")
        if created:
            messages.success(request, _("We are preparing a copy of your data. We will e-mail you when it is ready."))
        else:
            messages.info(request, _("A copy of your data is already being prepared."))
        return redirect("privacy_center:export_detail", pk=export.pk)
    return render(request, "privacy_center/exports/list.html", {
        "exports": Export.objects.filter(user=request.user)[:20],
        "active": export_service.active_export(subject),
        "expiry_hours": app_settings.EXPORT_EXPIRY_HOURS,
        "max_downloads": app_settings.EXPORT_MAX_DOWNLOADS,
    })


def _own_export(request, pk) -> Export:
    return get_object_or_404(Export, pk=pk, user=request.user)


@login_required
@never_cache
def export_detail(request, pk):
    export = _own_export(request, pk)
    return render(request, "privacy_center/exports/detail.html", {
        "export": export,
        "downloadable": export.is_downloadable,
        "expired": export.status == Export.Status.EXPIRED
        or (export.status == Export.Status.READY and not export.is_downloadable),
        "max_downloads": app_settings.EXPORT_MAX_DOWNLOADS,
    })


def _file_response(export: Export, handle) -> FileResponse:
    response = FileResponse(handle, as_attachment=True, filename=export_service.download_filename(export),
                            content_type="application/zip")
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
@reauthentication_required
def export_download(request, pk):
    export = _own_export(request, pk)
    try:
        handle = export_service.open_download(export, actor=request.user, method="web")
    except export_service.ExportUnavailable:
        return redirect("privacy_center:export_detail", pk=export.pk)
    return _file_response(export, handle)


@require_http_methods(["GET", "POST"])
def export_guest(request, token):
    """A guest's single-use link: the GET shows a button; the POST uses the link and streams the file."""
    if request.method == "POST":
        export = use_export_token(token)
        if export is not None:
            try:
                handle = export_service.open_download(export, method="guest_link")
            except export_service.ExportUnavailable:
                export = None
            else:
                return _file_response(export, handle)
    else:
        export = export_for_token(token)
    usable = export is not None and export.is_downloadable
    response = render(request, "privacy_center/exports/guest.html", {"usable": usable, "export": export},
                      status=200 if usable else 410)
    # The URL holds a secret: keep it out of caches and out of Referer headers sent to other sites.
    # ``same-origin`` (not ``no-referrer``): with ``no-referrer`` browsers post the Download form with
    # ``Origin: null`` and Django's CSRF check refuses it; same-origin requests carry the real origin.
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def timeline(request):
    subject = Subject.for_user(request.user)
    chain = verify_recent(subject.keys)  # also counts the events: no COUNT over the chain for the pages
    page = Paginator(SubjectEvents(subject.keys, chain.counts), app_settings.PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "privacy_center/timeline.html", {
        "page": page, "verified": chain.verified, "problems": chain.problems, "chain": chain,
    })


@login_required
@require_http_methods(["GET", "POST"])
def restriction(request):
    subject = Subject.for_user(request.user)
    flags = get_flags(subject)
    form = RestrictionForm(request.POST or None, initial=flags)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in FLAG_NAMES if name in form.cleaned_data}
        set_flags(subject, method="privacy_page", actor=request.user, **changes)
        messages.success(request, _("Your choices are saved and apply from now on."))
        return redirect("privacy_center:restriction")
    return render(request, "privacy_center/restriction.html",
                  {"form": form, "erasure_pending": flags["erasure_pending"]})
