"""URLs of the agenda feature."""

from __future__ import annotations

app_name = "agenda"
urlpatterns: list[object] = []
