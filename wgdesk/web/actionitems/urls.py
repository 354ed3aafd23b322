"""URLs of the actionitems feature."""

from __future__ import annotations

app_name = "actionitems"
urlpatterns: list[object] = []
