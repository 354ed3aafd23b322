"""The exemption request's files, shared by the project page and the HTTP API.

One table says what each download is (the request as edited in Markdown, the engine's
Word draft, Annex II as a spreadsheet); one function answers it and records the download
in the audit trail, so both ways out of the desk leave the same trace.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse

from wgdesk.web.projects.models import Project
from wgdesk.web.sanctions.actions import record_download

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# kind -> (the project's field, media type, file name)
DOWNLOADS = {
    "md": ("request_text", "text/markdown; charset=utf-8", "exemption-request.md"),
    "docx": ("request_docx", DOCX, "exemption-request-engine-draft.docx"),
    "xlsx": ("request_annex", XLSX, "annex-ii.xlsx"),
}


def request_file(user: Any, project: Project, kind: str) -> HttpResponse:
    """Answer one request file as an attachment, audited; 404 for an unknown or absent one.

    The caller has read the project through the policy: whoever sees a project may read
    its request, as on the page.
    """
    if kind not in DOWNLOADS:
        raise Http404
    attribute, content_type, filename = DOWNLOADS[kind]
    content = getattr(project, attribute)
    if not content:
        raise Http404  # nothing drafted yet: the joint decision has not asked for one
    body = content.encode("utf-8") if isinstance(content, str) else bytes(content)
    record_download(user, f"project_request_{kind}", None, project=project.pk)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
