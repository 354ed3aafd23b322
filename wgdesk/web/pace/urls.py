"""URLs."""

from __future__ import annotations

app_name = "pace"
urlpatterns: list = []
