"""Upload form: the file is checked by size and by its content, not its name."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from wgdesk.web.attachments import sniff
from wgdesk.web.core.forms import classification_field, visibility_field

REASONS = {
    "empty": _("The file is empty."),
    "extension": _(
        "This kind of file is not accepted. Accepted: PDF, PNG, JPEG, text, CSV, Markdown, Word (.docx), Excel (.xlsx), HWP."  # noqa: E501
    ),
    "content": _("The file's content does not match its name (e.g. a program renamed to .pdf)."),
}


class UploadForm(forms.Form):
    """One file, with the visibility and classification it is filed under."""

    file = forms.FileField(label=_("File"))

    def __init__(self, *args: Any, clearance: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["visibility"] = visibility_field()
        self.fields["classification"] = classification_field(clearance)

    def clean_file(self) -> Any:
        """Check the size and that the bytes are what the extension claims."""
        upload = self.cleaned_data["file"]
        limit = settings.UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)}
            )
        data = upload.read()
        try:
            self.media_type = sniff.check(upload.name, data, limit)
        except ValueError as error:
            raise forms.ValidationError(str(REASONS.get(str(error), REASONS["content"]))) from None
        self.data_bytes = data
        return upload
