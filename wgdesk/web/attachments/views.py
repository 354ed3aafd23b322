"""Views of attachments: upload to a record, download (recorded in the audit trail)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wgdesk.web import policy
from wgdesk.web.attachments import actions
from wgdesk.web.attachments.forms import UploadForm
from wgdesk.web.attachments.models import Attachment
from wgdesk.web.core.views import attachable_target, back, flash_errors


@require_POST
def upload(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    """Attach a checked file to a record the user may see."""
    target = attachable_target(request, label, pk)
    member = policy.member_of(request.user)
    form = UploadForm(request.POST, request.FILES, clearance=member.clearance)
    if form.is_valid():
        data = form.cleaned_data
        actions.upload(
            request.user,
            target,
            data["file"].name,
            form.data_bytes,
            form.media_type,
            data["visibility"],
            data["classification"],
        )
        messages.success(request, _("File attached."))
    else:
        flash_errors(request, form)
    return back(request, target.get_absolute_url())


def download(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    """Send a file the user may see, and record the download; a withdrawn file is kept but
    no longer served (410, saying when, by whom and why)."""
    attachment = policy.get_visible_or_404(request.user, Attachment, pk=pk)
    if attachment.is_withdrawn:
        # A visible file hangs on a record the reader may see (the attached scope).
        target: Any = attachment.target
        context = {"obj": attachment, "back_url": target.get_absolute_url() if target else ""}
        return render(request, "core/withdrawn_page.html", context, status=410)
    actions.record_download(request.user, attachment)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.media_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
