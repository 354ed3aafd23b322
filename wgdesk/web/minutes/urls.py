"""URLs of the minutes feature."""

from __future__ import annotations

app_name = "minutes"
urlpatterns: list[object] = []
