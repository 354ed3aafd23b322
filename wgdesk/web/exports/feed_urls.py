"""URLs."""

from __future__ import annotations

app_name = "feeds"
urlpatterns: list = []
