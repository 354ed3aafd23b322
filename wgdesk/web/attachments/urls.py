"""URLs of the attachments feature."""

from __future__ import annotations

app_name = "attachments"
urlpatterns: list[object] = []
