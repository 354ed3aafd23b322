"""URLs of the engagements feature."""

from __future__ import annotations

app_name = "engagements"
urlpatterns: list[object] = []
