"""URLs of the positions feature."""

from __future__ import annotations

app_name = "positions"
urlpatterns: list[object] = []
